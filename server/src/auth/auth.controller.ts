import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  loginRequestSchema,
  type LoginRequest,
  type LoginResponse,
  type UserDto,
} from '@sanfang/shared';
import { ZodPipe } from '../common/zod.pipe';
import type { AuthUser } from './auth.types';
import { AuthService } from './auth.service';
import { CurrentUser, Public, Roles } from './decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body(new ZodPipe(loginRequestSchema)) body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body);
  }

  /** Ends this session (the token) at once; other devices stay signed in. */
  @ApiBearerAuth()
  @Roles(...CONSOLE_ROLES, 'contact')
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.signOut(user);
  }

  @ApiBearerAuth()
  @Roles(...CONSOLE_ROLES, 'contact')
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.me(user.id);
  }
}
