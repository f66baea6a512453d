import { Module } from '@nestjs/common';
import { IncidentConfigService } from './config.service';
import { DutiesService } from './duties.service';
import { IncidentFeedsController } from './feeds.controller';
import { IncidentConfigController } from './incident-config.controller';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { IntakeService } from './intake.service';
import { SensorsService } from './sensors.service';
import { IncidentTeamsService } from './teams.service';

/** Incidents: intake, grading, reporting duties, status, teams, sensors. */
@Module({
  controllers: [IncidentFeedsController, IncidentsController, IncidentConfigController],
  providers: [
    IncidentsRepository,
    IncidentsService,
    IntakeService,
    DutiesService,
    IncidentTeamsService,
    SensorsService,
    IncidentConfigService,
  ],
  exports: [IncidentsRepository],
})
export class IncidentsModule {}
