import { Module } from '@nestjs/common';
import { DutyLogController } from './duty-log.controller';
import { DutyLogRepository } from './duty-log.repository';
import { DutyLogReactor } from './duty-log.reactor';
import { DutyLogService } from './duty-log.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DutyLogEntry } from './entities/duty-log-entry.entity';

/** 值班日志: the append-only duty log, fed by a reactor and by officers. */
@Module({
  imports: [TypeOrmModule.forFeature([DutyLogEntry])],
  controllers: [DutyLogController],
  providers: [DutyLogRepository, DutyLogService, DutyLogReactor],
})
export class DutyLogModule {}
