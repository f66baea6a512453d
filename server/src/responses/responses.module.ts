import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { GeoModule } from '../geo/geo.module';
import { ResponsesController } from './responses.controller';
import { ResponsesRepository } from './responses.repository';
import { ResponsesService } from './responses.service';
import { SuggestionsService } from './suggestions.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResponseRecord } from './entities/response.entity';
import { ResponseHistoryRecord } from './entities/response-history.entity';
import { ResponseSuggestionRecord } from './entities/response-suggestion.entity';

/** Responses (应急响应) and, through DispatchModule, the call-outs they imply. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ResponseRecord, ResponseHistoryRecord, ResponseSuggestionRecord]),
    AuthModule,
    DispatchModule,
    GeoModule,
  ],
  controllers: [ResponsesController],
  providers: [ResponsesRepository, ResponsesService, SuggestionsService],
})
export class ResponsesModule {}
