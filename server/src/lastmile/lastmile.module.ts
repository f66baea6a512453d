import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DispatchModule } from '../dispatch/dispatch.module';
import { CallsQuery } from './calls.query';
import { CallsReactor } from './calls.reactor';
import { CallsService } from './calls.service';
import { Call } from './entities/call.entity';
import { CallRound } from './entities/call-round.entity';
import { CallRule } from './entities/call-rule.entity';
import { Drill } from './entities/drill.entity';
import { MemberUnit } from './entities/member-unit.entity';
import { ResponsiblePerson } from './entities/responsible-person.entity';
import { LASTMILE_CONFIG, type LastMileConfig, loadLastMileConfig } from './lastmile.config';
import { CallsController, RosterController } from './lastmile.controllers';
import { RosterService } from './roster.service';

/** The last mile: the roster, 叫应 on warnings, delivery health and reachability drills. */
@Module({
  imports: [
    DispatchModule,
    TypeOrmModule.forFeature([MemberUnit, ResponsiblePerson, CallRule, Drill, CallRound, Call]),
  ],
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
