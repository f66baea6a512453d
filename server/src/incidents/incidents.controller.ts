import { Body, Controller, Param, Query } from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type ChangeIncidentStatus,
  type CompleteDuty,
  type CreateIncident,
  type EditIncident,
  type IncidentDto,
  type IncidentIntakeResult,
  type IncidentPreviewDto,
  type IncidentReportDto,
  type IncidentVersionDto,
  type ListIncidentsQuery,
  type NearbyTeamDto,
  type NearestTeamsQuery,
  type ReportingDutyDto,
  incidentsRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { DutiesService } from './duties.service';
import { IncidentsService } from './incidents.service';
import { IntakeService } from './intake.service';
import { IncidentTeamsService } from './teams.service';

/** The console's incident desk: everyone on the console reads; officers and commanders act. */
@ApiTags('incidents')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class IncidentsController implements RouteHandlers<typeof incidentsRoutes> {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly intake: IntakeService,
    private readonly duties: DutiesService,
    private readonly teams: IncidentTeamsService,
  ) {}

  @Route(incidentsRoutes.list)
  list(
    @Query(new ZodPipe(incidentsRoutes.list.query, 'query')) q: ListIncidentsQuery,
  ): Promise<IncidentDto[]> {
    return this.incidents.list(q);
  }

  @Route(incidentsRoutes.create)
  @Roles('duty_officer', 'commander')
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(incidentsRoutes.create.body)) body: CreateIncident,
  ): Promise<IncidentIntakeResult> {
    return this.intake.fromConsole(user, body);
  }

  @Route(incidentsRoutes.preview)
  @Roles('duty_officer', 'commander')
  preview(
    @Body(new ZodPipe(incidentsRoutes.preview.body)) body: CreateIncident,
  ): Promise<IncidentPreviewDto> {
    return this.intake.preview(body);
  }

  @Route(incidentsRoutes.get)
  get(@Param('id', UuidPipe) id: string): Promise<IncidentDto> {
    return this.incidents.get(id);
  }

  @Route(incidentsRoutes.edit)
  @Roles('duty_officer', 'commander')
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(incidentsRoutes.edit.body)) body: EditIncident,
  ): Promise<IncidentDto> {
    return this.incidents.edit(user, id, body);
  }

  @Route(incidentsRoutes.status)
  @Roles('duty_officer', 'commander')
  status(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(incidentsRoutes.status.body)) body: ChangeIncidentStatus,
  ): Promise<IncidentDto> {
    return this.incidents.changeStatus(user, id, body);
  }

  @Route(incidentsRoutes.versions)
  versions(@Param('id', UuidPipe) id: string): Promise<IncidentVersionDto[]> {
    return this.incidents.versions(id);
  }

  @Route(incidentsRoutes.reports)
  reports(@Param('id', UuidPipe) id: string): Promise<IncidentReportDto[]> {
    return this.incidents.reports(id);
  }

  @Route(incidentsRoutes.dutyList)
  dutyList(@Param('id', UuidPipe) id: string): Promise<ReportingDutyDto[]> {
    return this.duties.list(id);
  }

  @Route(incidentsRoutes.dutyDone)
  @Roles('duty_officer', 'commander')
  dutyDone(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('dutyId', UuidPipe) dutyId: string,
    @Body(new ZodPipe(incidentsRoutes.dutyDone.body)) body: CompleteDuty,
  ): Promise<ReportingDutyDto> {
    return this.duties.complete(user, id, dutyId, body);
  }

  @Route(incidentsRoutes.nearestTeams)
  nearestTeams(
    @Param('id', UuidPipe) id: string,
    @Query(new ZodPipe(incidentsRoutes.nearestTeams.query, 'query')) q: NearestTeamsQuery,
  ): Promise<NearbyTeamDto[]> {
    return this.teams.nearest(id, q);
  }

  @Route(incidentsRoutes.assign)
  @Roles('duty_officer', 'commander')
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('teamId', UuidPipe) teamId: string,
  ): Promise<NearbyTeamDto> {
    return this.teams.assign(user, id, teamId);
  }
}
