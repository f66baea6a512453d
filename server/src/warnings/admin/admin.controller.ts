import { Body, Controller, Param } from '@nestjs/common';
import { UuidPipe } from '../../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  capSettingsRoutes,
  feedTokensRoutes,
  responseRulesRoutes,
  type RouteHandlers,
  type CapSettings,
  type TrustedCertificatesInput,
  type CreatedFeedTokenDto,
  type CreateFeedToken,
  type FeedTokenDto,
  type ResponseRuleDto,
  type ResponseRuleInput,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { CapSettingsService } from './cap-settings.service';
import { FeedTokensService } from './feed-tokens.service';
import { ResponseRulesService } from './response-rules.service';

@ApiTags('feeds-admin')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class FeedTokensController implements RouteHandlers<typeof feedTokensRoutes> {
  constructor(private readonly tokens: FeedTokensService) {}

  @Route(feedTokensRoutes.create)
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(feedTokensRoutes.create.body)) body: CreateFeedToken,
  ): Promise<CreatedFeedTokenDto> {
    return this.tokens.create(user, body);
  }

  @Route(feedTokensRoutes.list)
  list(): Promise<FeedTokenDto[]> {
    return this.tokens.list();
  }

  @Route(feedTokensRoutes.revoke)
  revoke(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<FeedTokenDto> {
    return this.tokens.revoke(user, id);
  }

  /** The certificates this feed's messages must be signed with (empty: signatures unchecked). */
  @Route(feedTokensRoutes.certificates)
  certificates(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(feedTokensRoutes.certificates.body)) body: TrustedCertificatesInput,
  ): Promise<FeedTokenDto> {
    return this.tokens.setCertificates(user, id, body.certificates);
  }
}

/** CAP ingest settings: the lifetime assumed when a message sets no <expires>. */
@ApiTags('feeds-admin')
@ApiBearerAuth()
@Controller()
export class CapSettingsController implements RouteHandlers<typeof capSettingsRoutes> {
  constructor(private readonly settings: CapSettingsService) {}

  @Route(capSettingsRoutes.get)
  @Roles(...CONSOLE_ROLES)
  get(): Promise<CapSettings> {
    return this.settings.get();
  }

  @Route(capSettingsRoutes.put)
  @Roles('admin')
  put(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(capSettingsRoutes.put.body)) body: CapSettings,
  ): Promise<CapSettings> {
    return this.settings.put(user, body);
  }
}

@ApiTags('warnings')
@ApiBearerAuth()
@Controller()
export class ResponseRulesController implements RouteHandlers<typeof responseRulesRoutes> {
  constructor(private readonly rules: ResponseRulesService) {}

  /** The commander sees what the table will suggest; only admins change it. */
  @Route(responseRulesRoutes.list)
  @Roles(...CONSOLE_ROLES)
  list(): Promise<ResponseRuleDto[]> {
    return this.rules.list();
  }

  @Route(responseRulesRoutes.put)
  @Roles('admin')
  put(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(responseRulesRoutes.put.body)) body: ResponseRuleInput,
  ): Promise<ResponseRuleDto> {
    return this.rules.put(user, body);
  }

  @Route(responseRulesRoutes.remove)
  @Roles('admin')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
  ): Promise<ResponseRuleDto> {
    return this.rules.remove(user, id);
  }
}
