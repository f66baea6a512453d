import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  occupancyUpdateSchema,
  shelterLinkRequestSchema,
  shelterStatusChangeSchema,
  type OccupancyUpdate,
  type ShelterEventPayload,
  type ShelterLinkDto,
  type ShelterLinkRequest,
  type ShelterProposalDecisionPayload,
  type ShelterProposalDto,
  type ShelterStatusChange,
  type ShelterTotals,
} from '@sanfang/shared';
import { z } from 'zod';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { ShelterLinksService } from './shelter-links.service';
import { ShelterProposalsService } from './shelter-proposals.service';
import { SheltersService } from './shelters.service';

const proposalQuery = z.object({ status: z.enum(['pending', 'accepted', 'dismissed']).optional() });

/** Shelter operations for the duty room (reads of the shelters themselves are in geo). */
@ApiTags('shelters')
@ApiBearerAuth()
@Controller()
export class SheltersController {
  constructor(
    private readonly shelters: SheltersService,
    private readonly links: ShelterLinksService,
    private readonly proposals: ShelterProposalsService,
  ) {}

  @Get('shelters/totals')
  @Roles(...CONSOLE_ROLES)
  totals(): Promise<ShelterTotals> {
    return this.shelters.totals();
  }

  @Post('shelters/:id/open')
  @Roles('duty_officer', 'commander')
  open(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(shelterStatusChangeSchema)) body: ShelterStatusChange,
  ): Promise<ShelterEventPayload> {
    return this.shelters.open(id, user.username, body.reason);
  }

  @Post('shelters/:id/close')
  @Roles('duty_officer', 'commander')
  close(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(shelterStatusChangeSchema)) body: ShelterStatusChange,
  ): Promise<ShelterEventPayload> {
    return this.shelters.close(id, user.username, body.reason);
  }

  /** Duty officers record headcounts phoned in by a manager; managers use their link. */
  @Post('shelters/:id/occupancy')
  @Roles('duty_officer', 'commander')
  occupancy(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(occupancyUpdateSchema)) body: OccupancyUpdate,
  ): Promise<ShelterEventPayload> {
    return this.shelters.updateOccupancy(id, user.username, body);
  }

  @Post('shelters/:id/manager-link')
  @Roles('duty_officer', 'admin')
  managerLink(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(shelterLinkRequestSchema)) body: ShelterLinkRequest,
  ): Promise<ShelterLinkDto> {
    return this.links.issue(id, user, body);
  }

  @Get('shelter-proposals')
  @Roles(...CONSOLE_ROLES)
  listProposals(
    @Query(new ZodPipe(proposalQuery, 'query')) q: z.infer<typeof proposalQuery>,
  ): Promise<ShelterProposalDto[]> {
    return this.proposals.list(q.status);
  }

  @Post('shelter-proposals/:id/accept')
  @Roles('duty_officer', 'commander')
  accept(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ShelterProposalDecisionPayload> {
    return this.proposals.accept(id, user.username);
  }

  @Post('shelter-proposals/:id/dismiss')
  @Roles('duty_officer', 'commander')
  dismiss(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ShelterProposalDecisionPayload> {
    return this.proposals.dismiss(id, user.username);
  }
}
