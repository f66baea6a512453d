import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { UuidPipe } from '../../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  capSettingsSchema,
  createFeedTokenSchema,
  responseRuleSchema,
  trustedCertificatesSchema,
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
import { ZodPipe } from '../../common/zod.pipe';
import { CapSettingsService } from './cap-settings.service';
import { FeedTokensService } from './feed-tokens.service';
import { ResponseRulesService } from './response-rules.service';

@ApiTags('feeds-admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/feed-tokens')
export class FeedTokensController {
  constructor(private readonly tokens: FeedTokensService) {}

  @Post()
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(createFeedTokenSchema)) body: CreateFeedToken,
  ): Promise<CreatedFeedTokenDto> {
    return this.tokens.create(user, body);
  }

  @Get()
  list(): Promise<FeedTokenDto[]> {
    return this.tokens.list();
  }

  @Delete(':id')
  revoke(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<FeedTokenDto> {
    return this.tokens.revoke(user, id);
  }

  /** The certificates this feed's messages must be signed with (empty: signatures unchecked). */
  @Put(':id/certificates')
  certificates(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(trustedCertificatesSchema)) body: TrustedCertificatesInput,
  ): Promise<FeedTokenDto> {
    return this.tokens.setCertificates(user, id, body.certificates);
  }
}

/** CAP ingest settings: the lifetime assumed when a message sets no <expires>. */
@ApiTags('feeds-admin')
@ApiBearerAuth()
@Controller('admin/cap-settings')
export class CapSettingsController {
  constructor(private readonly settings: CapSettingsService) {}

  @Get()
  @Roles(...CONSOLE_ROLES)
  get(): Promise<CapSettings> {
    return this.settings.get();
  }

  @Put()
  @Roles('admin')
  put(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(capSettingsSchema)) body: CapSettings,
  ): Promise<CapSettings> {
    return this.settings.put(user, body);
  }
}

@ApiTags('warnings')
@ApiBearerAuth()
@Controller('response-rules')
export class ResponseRulesController {
  constructor(private readonly rules: ResponseRulesService) {}

  /** The commander sees what the table will suggest; only admins change it. */
  @Get()
  @Roles(...CONSOLE_ROLES)
  list(): Promise<ResponseRuleDto[]> {
    return this.rules.list();
  }

  @Put()
  @Roles('admin')
  put(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(responseRuleSchema)) body: ResponseRuleInput,
  ): Promise<ResponseRuleDto> {
    return this.rules.put(user, body);
  }

  @Delete(':id')
  @Roles('admin')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
  ): Promise<ResponseRuleDto> {
    return this.rules.remove(user, id);
  }
}
