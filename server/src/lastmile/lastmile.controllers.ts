import { Body, Controller, Inject, Param } from '@nestjs/common';
import { Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  callsRoutes,
  rosterRoutes,
  type CallBoardDto,
  type CallRuleDto,
  type CallRulesInput,
  type DeliveryHealthDto,
  type DrillDto,
  type DrillReportDto,
  type DrillStart,
  type MemberUnitDto,
  type PersonDto,
  type PersonInput,
  type PersonPatch,
  type PersonsPage,
  type PersonsQuery,
  type RouteHandlers,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodPipe } from '../common/zod.pipe';
import { CLOCK, type Clock } from '../core/clock';
import { CallsQuery } from './calls.query';
import { RosterService } from './roster.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller()
export class RosterController implements RouteHandlers<typeof rosterRoutes> {
  constructor(private readonly roster: RosterService) {}

  @Route(rosterRoutes.units)
  @Roles('duty_officer', 'commander', 'admin')
  units(): Promise<MemberUnitDto[]> {
    return this.roster.units();
  }

  @Route(rosterRoutes.list)
  @Roles('duty_officer', 'commander', 'admin')
  list(
    @Query(new ZodPipe(rosterRoutes.list.query, 'query')) q: PersonsQuery,
  ): Promise<PersonsPage> {
    return this.roster.list(q);
  }

  @Route(rosterRoutes.create)
  @Roles('admin')
  create(
    @CurrentUser() by: AuthUser,
    @Body(new ZodPipe(rosterRoutes.create.body)) body: PersonInput,
  ): Promise<PersonDto> {
    return this.roster.create(by.username, body);
  }

  @Route(rosterRoutes.update)
  @Roles('admin')
  update(
    @CurrentUser() by: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(rosterRoutes.update.body)) body: PersonPatch,
  ): Promise<PersonDto> {
    return this.roster.update(by.username, id, body);
  }

  @Route(rosterRoutes.remove)
  @Roles('admin')
  remove(@CurrentUser() by: AuthUser, @Param('id', UuidPipe) id: string): Promise<PersonDto> {
    return this.roster.remove(by.username, id);
  }

  @Route(rosterRoutes.rules)
  @Roles('duty_officer', 'commander', 'admin')
  rules(): Promise<CallRuleDto[]> {
    return this.roster.rules();
  }

  @Route(rosterRoutes.setRules)
  @Roles('admin')
  setRules(
    @CurrentUser() by: AuthUser,
    @Body(new ZodPipe(rosterRoutes.setRules.body)) body: CallRulesInput,
  ): Promise<CallRuleDto[]> {
    return this.roster.setRules(by.username, body);
  }
}

@ApiTags('calls')
@ApiBearerAuth()
@Controller()
export class CallsController implements RouteHandlers<typeof callsRoutes> {
  constructor(
    private readonly calls: CallsQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Route(callsRoutes.board)
  @Roles('duty_officer', 'commander', 'admin')
  board(@Param('id', UuidPipe) id: string): Promise<CallBoardDto> {
    return this.calls.board({ warningId: id }, this.clock.now());
  }

  @Route(callsRoutes.health)
  @Roles('duty_officer', 'commander', 'admin')
  health(): Promise<DeliveryHealthDto> {
    return this.calls.health(this.clock.now());
  }

  @Route(callsRoutes.drills)
  @Roles('duty_officer', 'commander', 'admin')
  drills(): Promise<DrillDto[]> {
    return this.calls.drills();
  }

  /** An admin or a duty officer starts a drill (the commander watches its report). */
  @Route(callsRoutes.startDrill)
  @Roles('duty_officer', 'admin')
  startDrill(
    @CurrentUser() by: AuthUser,
    @Body(new ZodPipe(callsRoutes.startDrill.body)) body: DrillStart,
  ): Promise<DrillDto> {
    return this.calls.startDrill(by.username, body);
  }

  @Route(callsRoutes.drill)
  @Roles('duty_officer', 'commander', 'admin')
  drill(@Param('id', UuidPipe) id: string): Promise<DrillReportDto> {
    return this.calls.drillReport(id);
  }

  @Route(callsRoutes.drillBoard)
  @Roles('duty_officer', 'commander', 'admin')
  drillBoard(@Param('id', UuidPipe) id: string): Promise<CallBoardDto> {
    return this.calls.board({ drillId: id }, this.clock.now());
  }
}
