import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { DutyReportController } from './report.controller';
import { DutyReportRepository } from './report.repository';
import { DutyReportService } from './report.service';

/** 每日值班情况 and the monthly summary. */
@Module({
  imports: [IncidentsModule],
  controllers: [DutyReportController],
  providers: [DutyReportRepository, DutyReportService],
})
export class DutyReportModule {}
