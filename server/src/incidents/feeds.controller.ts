import { Body, Controller, HttpStatus, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  incidentFeedsRoutes,
  type IncidentFeedReport,
  type IncidentIntakeResult,
  type RouteHandlers,
  type SensorFeed,
  type SensorFeedResult,
} from '@sanfang/shared';
import type { Response } from 'express';
import type { FeedCaller } from '../auth/auth.types';
import { CurrentFeed, FeedAuth } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { IntakeService } from './intake.service';
import { SensorsService } from './sensors.service';

/** Machine feeds: incident reports from other systems and depth sensors (feed token). */
@ApiTags('feeds')
@ApiBearerAuth()
@FeedAuth()
@Controller()
export class IncidentFeedsController implements RouteHandlers<typeof incidentFeedsRoutes> {
  constructor(
    private readonly intake: IntakeService,
    private readonly sensors: SensorsService,
  ) {}

  /** 201 for a new report; 200 with the existing incident for a repeat. */
  @Route(incidentFeedsRoutes.incident)
  async incident(
    @CurrentFeed() feed: FeedCaller,
    @Body(new ZodPipe(incidentFeedsRoutes.incident.body)) body: IncidentFeedReport,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentIntakeResult> {
    const out = await this.intake.fromFeed(feed.name, body);
    res.status(out.duplicate ? HttpStatus.OK : HttpStatus.CREATED);
    return out;
  }

  @Route(incidentFeedsRoutes.sensor)
  sensor(
    @CurrentFeed() feed: FeedCaller,
    @Body(new ZodPipe(incidentFeedsRoutes.sensor.body)) body: SensorFeed,
  ): Promise<SensorFeedResult> {
    return this.sensors.ingest(feed.name, body);
  }
}
