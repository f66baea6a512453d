import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type AdminUserDto,
  type CreateUser,
  type ResetPassword,
  type UpdateUser,
  type UsersQuery,
  usersRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { UsersAdminService } from './users-admin.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class UsersController implements RouteHandlers<typeof usersRoutes> {
  constructor(private readonly users: UsersAdminService) {}

  @Route(usersRoutes.list)
  list(
    @Query(new ZodPipe(usersRoutes.list.query, 'query')) q: UsersQuery,
  ): Promise<AdminUserDto[]> {
    return this.users.list(q);
  }

  @Route(usersRoutes.create)
  create(
    @CurrentUser() by: AuthUser,
    @Body(new ZodPipe(usersRoutes.create.body)) body: CreateUser,
  ): Promise<AdminUserDto> {
    return this.users.create(by, body);
  }

  @Route(usersRoutes.update)
  update(
    @CurrentUser() by: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(usersRoutes.update.body)) body: UpdateUser,
  ): Promise<AdminUserDto> {
    return this.users.update(by, id, body);
  }

  @Route(usersRoutes.resetPassword)
  resetPassword(
    @CurrentUser() by: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(usersRoutes.resetPassword.body)) body: ResetPassword,
  ): Promise<void> {
    return this.users.resetPassword(by, id, body);
  }

  /** Signs the user out everywhere (a lost phone, a laptop left signed in). */
  @Route(usersRoutes.endSessions)
  endSessions(@CurrentUser() by: AuthUser, @Param('id') id: string): Promise<void> {
    return this.users.endSessions(by, id);
  }

  @Route(usersRoutes.remove)
  remove(@CurrentUser() by: AuthUser, @Param('id') id: string): Promise<AdminUserDto> {
    return this.users.remove(by, id);
  }
}
