import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { GeoModule } from '../geo/geo.module';
import { ResponsesController } from './responses.controller';
import { ResponsesRepository } from './responses.repository';
import { ResponsesService } from './responses.service';
import { SuggestionsService } from './suggestions.service';

/** Responses (应急响应) and, through DispatchModule, the call-outs they imply. */
@Module({
  imports: [AuthModule, DispatchModule, GeoModule],
  controllers: [ResponsesController],
  providers: [ResponsesRepository, ResponsesService, SuggestionsService],
})
export class ResponsesModule {}
