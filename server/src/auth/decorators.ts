import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@sanfang/shared';
import type { Request } from 'express';
import type { AuthUser, FeedCaller } from './auth.types';

export { IS_PUBLIC, Public } from '../common/public.decorator';

export const ROLES_KEY = 'sanfang:roles';
export const FEED_KEY = 'sanfang:feed';

/** Only these roles may call; checked after the token is verified. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
/** Machine feeds authenticate with a feed token instead of a user session. */
export const FeedAuth = (): MethodDecorator & ClassDecorator => SetMetadata(FEED_KEY, true);

export interface AuthedRequest extends Request {
  user?: AuthUser;
  feed?: FeedCaller;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without a user session');
  return user;
});

export const CurrentFeed = createParamDecorator((_: unknown, ctx: ExecutionContext): FeedCaller => {
  const feed = ctx.switchToHttp().getRequest<AuthedRequest>().feed;
  if (!feed) throw new Error('CurrentFeed used on a route without feed auth');
  return feed;
});
