import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type ChangeLevel,
  type DecideSuggestion,
  type EndResponse,
  type ResponseDto,
  type ResponsesQuery,
  type StartResponse,
  type SuggestionDto,
  type SuggestionsQuery,
  responsesRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodPipe } from '../common/zod.pipe';
import { ResponsesService } from './responses.service';
import { SuggestionsService } from './suggestions.service';

@ApiTags('responses')
@ApiBearerAuth()
@Controller()
export class ResponsesController implements RouteHandlers<typeof responsesRoutes> {
  constructor(
    private readonly responses: ResponsesService,
    private readonly suggestions: SuggestionsService,
  ) {}

  @Route(responsesRoutes.start)
  @Roles('commander')
  start(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(responsesRoutes.start.body)) body: StartResponse,
  ): Promise<ResponseDto> {
    return this.responses.start(user.username, body);
  }

  @Route(responsesRoutes.list)
  @Roles(...CONSOLE_ROLES)
  list(
    @Query(new ZodPipe(responsesRoutes.list.query, 'query')) q: ResponsesQuery,
  ): Promise<ResponseDto[]> {
    return this.responses.list(q);
  }

  @Route(responsesRoutes.suggestionsList)
  @Roles(...CONSOLE_ROLES)
  suggestionsList(
    @Query(new ZodPipe(responsesRoutes.suggestionsList.query, 'query')) q: SuggestionsQuery,
  ): Promise<SuggestionDto[]> {
    return this.suggestions.list(q);
  }

  @Route(responsesRoutes.accept)
  @Roles('commander')
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(responsesRoutes.accept.body)) body: DecideSuggestion,
  ): Promise<SuggestionDto> {
    return this.suggestions.accept(user.username, id, body);
  }

  @Route(responsesRoutes.dismiss)
  @Roles('commander')
  dismiss(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(responsesRoutes.dismiss.body)) body: DecideSuggestion,
  ): Promise<SuggestionDto> {
    return this.suggestions.dismiss(user.username, id, body);
  }

  @Route(responsesRoutes.level)
  @Roles('commander')
  level(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(responsesRoutes.level.body)) body: ChangeLevel,
  ): Promise<ResponseDto> {
    return this.responses.changeLevel(user.username, id, body);
  }

  @Route(responsesRoutes.end)
  @Roles('commander')
  end(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(responsesRoutes.end.body)) body: EndResponse,
  ): Promise<ResponseDto> {
    return this.responses.end(user.username, id, body);
  }
}
