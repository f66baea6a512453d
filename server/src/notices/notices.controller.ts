import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CONSOLE_ROLES, postNoticeSchema, type NoticeDto, type PostNotice } from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post()
  post(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(postNoticeSchema)) body: PostNotice,
  ): Promise<NoticeDto> {
    return this.notices.post(user, body);
  }

  @Get()
  recent(@CurrentUser() user: AuthUser): Promise<NoticeDto[]> {
    return this.notices.recent(user);
  }
}
