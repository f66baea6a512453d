import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  changeStatusSchema,
  completeDutySchema,
  CONSOLE_ROLES,
  createIncidentSchema,
  editIncidentSchema,
  listIncidentsQuerySchema,
  nearestTeamsQuerySchema,
  type ChangeIncidentStatus,
  type CompleteDuty,
  type CreateIncident,
  type EditIncident,
  type IncidentDto,
  type IncidentIntakeResult,
  type IncidentReportDto,
  type IncidentVersionDto,
  type ListIncidentsQuery,
  type NearbyTeamDto,
  type NearestTeamsQuery,
  type ReportingDutyDto,
} from '@sanfang/shared';
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
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly intake: IntakeService,
    private readonly duties: DutiesService,
    private readonly teams: IncidentTeamsService,
  ) {}

  @Get()
  list(
    @Query(new ZodPipe(listIncidentsQuerySchema, 'query')) q: ListIncidentsQuery,
  ): Promise<IncidentDto[]> {
    return this.incidents.list(q);
  }

  @Post()
  @Roles('duty_officer', 'commander')
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(createIncidentSchema)) body: CreateIncident,
  ): Promise<IncidentIntakeResult> {
    return this.intake.fromConsole(user, body);
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string): Promise<IncidentDto> {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @Roles('duty_officer', 'commander')
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(editIncidentSchema)) body: EditIncident,
  ): Promise<IncidentDto> {
    return this.incidents.edit(user, id, body);
  }

  @Post(':id/status')
  @Roles('duty_officer', 'commander')
  status(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(changeStatusSchema)) body: ChangeIncidentStatus,
  ): Promise<IncidentDto> {
    return this.incidents.changeStatus(user, id, body);
  }

  @Get(':id/versions')
  versions(@Param('id', UuidPipe) id: string): Promise<IncidentVersionDto[]> {
    return this.incidents.versions(id);
  }

  @Get(':id/reports')
  reports(@Param('id', UuidPipe) id: string): Promise<IncidentReportDto[]> {
    return this.incidents.reports(id);
  }

  @Get(':id/duties')
  dutyList(@Param('id', UuidPipe) id: string): Promise<ReportingDutyDto[]> {
    return this.duties.list(id);
  }

  @Post(':id/duties/:dutyId/done')
  @Roles('duty_officer', 'commander')
  dutyDone(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('dutyId', UuidPipe) dutyId: string,
    @Body(new ZodPipe(completeDutySchema)) body: CompleteDuty,
  ): Promise<ReportingDutyDto> {
    return this.duties.complete(user, id, dutyId, body);
  }

  @Get(':id/teams')
  nearestTeams(
    @Param('id', UuidPipe) id: string,
    @Query(new ZodPipe(nearestTeamsQuerySchema, 'query')) q: NearestTeamsQuery,
  ): Promise<NearbyTeamDto[]> {
    return this.teams.nearest(id, q);
  }

  @Post(':id/teams/:teamId/assign')
  @Roles('duty_officer', 'commander')
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('teamId', UuidPipe) teamId: string,
  ): Promise<NearbyTeamDto> {
    return this.teams.assign(user, id, teamId);
  }
}
