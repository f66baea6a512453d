import { Body, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type LoginRequest,
  type LoginResponse,
  type UserDto,
  authRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import { ZodPipe } from '../common/zod.pipe';
import type { AuthUser } from './auth.types';
import { AuthService } from './auth.service';
import { CurrentUser, Public, Roles } from './decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller()
export class AuthController implements RouteHandlers<typeof authRoutes> {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Route(authRoutes.login)
  login(@Body(new ZodPipe(authRoutes.login.body)) body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body);
  }

  /** Ends this session (the token) at once; other devices stay signed in. */
  @ApiBearerAuth()
  @Roles(...CONSOLE_ROLES, 'contact')
  @Route(authRoutes.logout)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.signOut(user);
  }

  @ApiBearerAuth()
  @Roles(...CONSOLE_ROLES, 'contact')
  @Route(authRoutes.me)
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.me(user.id);
  }
}
