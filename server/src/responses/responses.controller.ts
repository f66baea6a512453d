import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  changeLevelSchema,
  decideSuggestionSchema,
  endResponseSchema,
  responsesQuerySchema,
  startResponseSchema,
  suggestionsQuerySchema,
  type ChangeLevel,
  type DecideSuggestion,
  type EndResponse,
  type ResponseDto,
  type ResponsesQuery,
  type StartResponse,
  type SuggestionDto,
  type SuggestionsQuery,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodPipe } from '../common/zod.pipe';
import { ResponsesService } from './responses.service';
import { SuggestionsService } from './suggestions.service';

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class ResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly suggestions: SuggestionsService,
  ) {}

  @Post()
  @Roles('commander')
  start(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(startResponseSchema)) body: StartResponse,
  ): Promise<ResponseDto> {
    return this.responses.start(user.username, body);
  }

  @Get()
  @Roles(...CONSOLE_ROLES)
  list(
    @Query(new ZodPipe(responsesQuerySchema, 'query')) q: ResponsesQuery,
  ): Promise<ResponseDto[]> {
    return this.responses.list(q);
  }

  @Get('suggestions')
  @Roles(...CONSOLE_ROLES)
  suggestionsList(
    @Query(new ZodPipe(suggestionsQuerySchema, 'query')) q: SuggestionsQuery,
  ): Promise<SuggestionDto[]> {
    return this.suggestions.list(q);
  }

  @Post('suggestions/:id/accept')
  @HttpCode(200)
  @Roles('commander')
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(decideSuggestionSchema)) body: DecideSuggestion,
  ): Promise<SuggestionDto> {
    return this.suggestions.accept(user.username, id, body);
  }

  @Post('suggestions/:id/dismiss')
  @HttpCode(200)
  @Roles('commander')
  dismiss(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodPipe(decideSuggestionSchema)) body: DecideSuggestion,
  ): Promise<SuggestionDto> {
    return this.suggestions.dismiss(user.username, id, body);
  }

  @Post(':id/level')
  @HttpCode(200)
  @Roles('commander')
  level(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(changeLevelSchema)) body: ChangeLevel,
  ): Promise<ResponseDto> {
    return this.responses.changeLevel(user.username, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('commander')
  end(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(endResponseSchema)) body: EndResponse,
  ): Promise<ResponseDto> {
    return this.responses.end(user.username, id, body);
  }
}
