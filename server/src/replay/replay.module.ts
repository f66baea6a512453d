import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckpointWarmer } from './checkpoint-warmer.service';
import { ReplayCheckpoint } from './entities/replay-checkpoint.entity';
import { ReplayController } from './replay.controller';
import { ReplayExportService } from './replay-export.service';
import { ReplayRepository } from './replay.repository';
import { ReplayService } from './replay.service';

/**
 * After-action review (复盘): the console as of any moment from the event log. Reads only;
 * its checkpoints table is a cache (the entity declares it; the repository uses plain SQL),
 * built in the background as the log grows (CheckpointWarmer).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReplayCheckpoint])],
  controllers: [ReplayController],
  providers: [ReplayRepository, ReplayService, ReplayExportService, CheckpointWarmer],
  exports: [ReplayService, CheckpointWarmer],
})
export class ReplayModule {}
