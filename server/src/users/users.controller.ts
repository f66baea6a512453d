import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createUserSchema,
  resetPasswordSchema,
  updateUserSchema,
  usersQuerySchema,
  type AdminUserDto,
  type CreateUser,
  type ResetPassword,
  type UpdateUser,
  type UsersQuery,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { UsersAdminService } from './users-admin.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersAdminService) {}

  @Get()
  list(@Query(new ZodPipe(usersQuerySchema, 'query')) q: UsersQuery): Promise<AdminUserDto[]> {
    return this.users.list(q);
  }

  @Post()
  create(
    @CurrentUser() by: AuthUser,
    @Body(new ZodPipe(createUserSchema)) body: CreateUser,
  ): Promise<AdminUserDto> {
    return this.users.create(by, body);
  }

  @Patch(':id')
  update(
    @CurrentUser() by: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(updateUserSchema)) body: UpdateUser,
  ): Promise<AdminUserDto> {
    return this.users.update(by, id, body);
  }

  @Post(':id/password')
  @HttpCode(204)
  resetPassword(
    @CurrentUser() by: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(resetPasswordSchema)) body: ResetPassword,
  ): Promise<void> {
    return this.users.resetPassword(by, id, body);
  }

  /** Signs the user out everywhere (a lost phone, a laptop left signed in). */
  @Post(':id/sessions/end')
  @HttpCode(204)
  endSessions(@CurrentUser() by: AuthUser, @Param('id') id: string): Promise<void> {
    return this.users.endSessions(by, id);
  }

  @Delete(':id')
  remove(@CurrentUser() by: AuthUser, @Param('id') id: string): Promise<AdminUserDto> {
    return this.users.remove(by, id);
  }
}
