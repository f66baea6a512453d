import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module';
import { CallsQuery } from './calls.query';
import { CallsReactor } from './calls.reactor';
import { CallsService } from './calls.service';
import { LASTMILE_CONFIG, type LastMileConfig, loadLastMileConfig } from './lastmile.config';
import { CallsController, RosterController } from './lastmile.controllers';
import { RosterService } from './roster.service';

/** The last mile: the roster, 叫应 on warnings, delivery health and reachability drills. */
@Module({
  imports: [DispatchModule],
  controllers: [RosterController, CallsController],
  providers: [
    { provide: LASTMILE_CONFIG, useFactory: (): LastMileConfig => loadLastMileConfig() },
    RosterService,
    CallsService,
    CallsQuery,
    CallsReactor,
  ],
})
export class LastMileModule {}
