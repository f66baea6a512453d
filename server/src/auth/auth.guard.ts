import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { bearerToken } from '../common/bearer-token';
import { Reflector } from '@nestjs/core';
import type { Role } from '@sanfang/shared';
import { ApiException } from '../common/api-exception';
import { AuthService } from './auth.service';
import { type AuthedRequest, FEED_KEY, IS_PUBLIC, ROLES_KEY } from './decorators';

/**
 * Global guard: every route needs a user session unless marked @Public() or @FeedAuth();
 * @Roles() narrows who may call. 401 = who are you, 403 = you may not.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(req.headers.authorization);

    if (this.reflector.getAllAndOverride<boolean>(FEED_KEY, targets)) {
      if (!token) throw new ApiException(HttpStatus.UNAUTHORIZED, 'AUTH_TOKEN_MISSING');
      req.feed = await this.auth.verifyFeedToken(token);
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    if (!token) throw new ApiException(HttpStatus.UNAUTHORIZED, 'AUTH_TOKEN_MISSING');
    const user = await this.auth.verifyBearer(token);
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        'AUTH_FORBIDDEN',
        `Role ${user.role} may not do this; needs one of: ${roles.join(', ')}`,
      );
    }
    return true;
  }
}
