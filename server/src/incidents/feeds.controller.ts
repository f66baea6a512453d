import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  incidentFeedSchema,
  sensorFeedSchema,
  type IncidentFeedReport,
  type IncidentIntakeResult,
  type SensorFeed,
} from '@sanfang/shared';
import type { Response } from 'express';
import type { FeedCaller } from '../auth/auth.types';
import { CurrentFeed, FeedAuth } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { IntakeService } from './intake.service';
import { type SensorResult, SensorsService } from './sensors.service';

/** Machine feeds: incident reports from other systems and depth sensors (feed token). */
@ApiTags('feeds')
@ApiBearerAuth()
@FeedAuth()
@Controller('feeds')
export class IncidentFeedsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly sensors: SensorsService,
  ) {}

  /** 201 for a new report; 200 with the existing incident for a repeat. */
  @Post('incidents')
  async incident(
    @CurrentFeed() feed: FeedCaller,
    @Body(new ZodPipe(incidentFeedSchema)) body: IncidentFeedReport,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentIntakeResult> {
    const out = await this.intake.fromFeed(feed.name, body);
    res.status(out.duplicate ? HttpStatus.OK : HttpStatus.CREATED);
    return out;
  }

  @Post('sensors')
  sensor(
    @CurrentFeed() feed: FeedCaller,
    @Body(new ZodPipe(sensorFeedSchema)) body: SensorFeed,
  ): Promise<{ results: SensorResult[] }> {
    return this.sensors.ingest(feed.name, body);
  }
}
