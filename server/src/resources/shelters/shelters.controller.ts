import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  sheltersRoutes,
  type OccupancyUpdate,
  type RouteHandlers,
  type ShelterEventPayload,
  type ShelterLinkDto,
  type ShelterLinkRequest,
  type ShelterProposalDecisionPayload,
  type ShelterProposalDto,
  type ShelterProposalsQuery,
  type ShelterStatusChange,
  type ShelterTotals,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { ShelterLinksService } from './shelter-links.service';
import { ShelterProposalsService } from './shelter-proposals.service';
import { SheltersService } from './shelters.service';

/** Shelter operations for the duty room (reads of the shelters themselves are in geo). */
@ApiTags('shelters')
@ApiBearerAuth()
@Controller()
export class SheltersController implements RouteHandlers<typeof sheltersRoutes> {
  constructor(
    private readonly shelters: SheltersService,
    private readonly links: ShelterLinksService,
    private readonly proposals: ShelterProposalsService,
  ) {}

  @Route(sheltersRoutes.totals)
  @Roles(...CONSOLE_ROLES)
  totals(): Promise<ShelterTotals> {
    return this.shelters.totals();
  }

  @Route(sheltersRoutes.open)
  @Roles('duty_officer', 'commander')
  open(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(sheltersRoutes.open.body)) body: ShelterStatusChange,
  ): Promise<ShelterEventPayload> {
    return this.shelters.open(id, user.username, body.reason);
  }

  @Route(sheltersRoutes.close)
  @Roles('duty_officer', 'commander')
  close(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(sheltersRoutes.close.body)) body: ShelterStatusChange,
  ): Promise<ShelterEventPayload> {
    return this.shelters.close(id, user.username, body.reason);
  }

  /** Duty officers record headcounts phoned in by a manager; managers use their link. */
  @Route(sheltersRoutes.occupancy)
  @Roles('duty_officer', 'commander')
  occupancy(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(sheltersRoutes.occupancy.body)) body: OccupancyUpdate,
  ): Promise<ShelterEventPayload> {
    return this.shelters.updateOccupancy(id, user.username, body);
  }

  @Route(sheltersRoutes.managerLink)
  @Roles('duty_officer', 'admin')
  managerLink(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(sheltersRoutes.managerLink.body)) body: ShelterLinkRequest,
  ): Promise<ShelterLinkDto> {
    return this.links.issue(id, user, body);
  }

  @Route(sheltersRoutes.listProposals)
  @Roles(...CONSOLE_ROLES)
  listProposals(
    @Query(new ZodPipe(sheltersRoutes.listProposals.query, 'query')) q: ShelterProposalsQuery,
  ): Promise<ShelterProposalDto[]> {
    return this.proposals.list(q.status);
  }

  @Route(sheltersRoutes.accept)
  @Roles('duty_officer', 'commander')
  accept(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ShelterProposalDecisionPayload> {
    return this.proposals.accept(id, user.username);
  }

  @Route(sheltersRoutes.dismiss)
  @Roles('duty_officer', 'commander')
  dismiss(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ShelterProposalDecisionPayload> {
    return this.proposals.dismiss(id, user.username);
  }
}
