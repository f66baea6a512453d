import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import {
  CapSettingsController,
  FeedTokensController,
  ResponseRulesController,
} from './admin/admin.controller';
import { CapSettingsService } from './admin/cap-settings.service';
import { FeedTokensRepository } from './admin/feed-tokens.repository';
import { FeedTokensService } from './admin/feed-tokens.service';
import { ResponseRulesService } from './admin/response-rules.service';
import { FeedsController } from './feeds.controller';
import { IngestService } from './ingest.service';
import { LineageService } from './lineage.service';
import { PullController } from './pull/pull.controller';
import { PullRepository } from './pull/pull.repository';
import { PullService } from './pull/pull.service';
import { PushService } from './push.service';
import { RepublishService } from './republish.service';
import { SuggestionsService } from './suggestions.service';
import { WarningsController } from './warnings.controller';
import { WarningsRepository } from './warnings.repository';
import { WarningsService } from './warnings.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CapMessage } from './entities/cap-message.entity';
import { Warning } from './entities/warning.entity';
import { ResponseRule } from './entities/response-rule.entity';
import { ResponseSuggestionRow } from './entities/suggestion.entity';
import { PullFeed } from './entities/pull-feed.entity';
import { PullEntry } from './entities/pull-entry.entity';

/** CAP ingest (push and pull), lineage, expiry, suggestions, re-publication. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      CapMessage,
      Warning,
      ResponseRule,
      ResponseSuggestionRow,
      PullFeed,
      PullEntry,
    ]),
    AuthModule,
  ],
  controllers: [
    FeedsController,
    WarningsController,
    FeedTokensController,
    ResponseRulesController,
    PullController,
    CapSettingsController,
  ],
  providers: [
    WarningsRepository,
    SuggestionsService,
    LineageService,
    IngestService,
    PushService,
    WarningsService,
    RepublishService,
    FeedTokensService,
    FeedTokensRepository,
    ResponseRulesService,
    PullService,
    PullRepository,
    CapSettingsService,
  ],
  exports: [IngestService],
})
export class WarningsModule {}
