import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { DutyReportController } from './report.controller';
import { DutyReportService } from './report.service';

/** 每日值班情况 and the monthly summary. */
@Module({
  imports: [IncidentsModule],
  controllers: [DutyReportController],
  providers: [DutyReportService],
})
export class DutyReportModule {}
