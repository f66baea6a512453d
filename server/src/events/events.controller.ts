import { Controller, HttpStatus, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type EventsPage,
  type EventsQuery,
  eventsRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/decorators';
import { ApiException } from '../common/api-exception';
import { ZodPipe } from '../common/zod.pipe';
import { toEnvelope } from './events.publisher';
import { EventsRepository } from './events.repository';
import { viewerOf } from './rooms';

@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventsController implements RouteHandlers<typeof eventsRoutes> {
  constructor(private readonly repo: EventsRepository) {}

  /** The log after `after`, as this user may see it; `lastSeq` is where to continue from. */
  @Route(eventsRoutes.page)
  async page(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(eventsRoutes.page.query, 'query')) q: EventsQuery,
  ): Promise<EventsPage> {
    const viewer = viewerOf(user);
    if (!viewer)
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        'AUTH_FORBIDDEN',
        'This account has no event view',
      );
    const page = await this.repo.page(viewer, q.after, q.limit);
    return { events: page.events.map(toEnvelope), lastSeq: page.lastSeq };
  }
}
