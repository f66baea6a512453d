import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type NoticeDto,
  type PostNotice,
  noticesRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class NoticesController implements RouteHandlers<typeof noticesRoutes> {
  constructor(private readonly notices: NoticesService) {}

  @Route(noticesRoutes.post)
  post(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(noticesRoutes.post.body)) body: PostNotice,
  ): Promise<NoticeDto> {
    return this.notices.post(user, body);
  }

  @Route(noticesRoutes.recent)
  recent(@CurrentUser() user: AuthUser): Promise<NoticeDto[]> {
    return this.notices.recent(user);
  }
}
