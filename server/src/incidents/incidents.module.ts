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
import { TypeOrmModule } from '@nestjs/typeorm';
import { Incident } from './entities/incident.entity';
import { IncidentReport } from './entities/incident-report.entity';
import { IncidentVersion } from './entities/incident-version.entity';
import { DutyRule } from './entities/duty-rule.entity';
import { ReportingDuty } from './entities/reporting-duty.entity';
import { IncidentAssignment } from './entities/incident-assignment.entity';
import { SensorState } from './entities/sensor-state.entity';

/** Incidents: intake, grading, reporting duties, status, teams, sensors. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Incident,
      IncidentReport,
      IncidentVersion,
      DutyRule,
      ReportingDuty,
      IncidentAssignment,
      SensorState,
    ]),
  ],
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
