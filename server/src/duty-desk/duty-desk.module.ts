import { Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { resolveStoredSecret } from '../config/secrets';
import { DispatchModule } from '../dispatch/dispatch.module';
import {
  InstructionLinkController,
  InstructionsController,
  RotaController,
  UpwardReportsController,
} from './duty-desk.controllers';
import { DUTY_DESK_CONFIG, type DutyDeskConfig, loadDutyDeskConfig } from './duty-desk.config';
import { DutyDeskRepository } from './duty-desk.repository';
import { Instruction } from './entities/instruction.entity';
import { InstructionAssignment } from './entities/instruction-assignment.entity';
import { ReportRecipient } from './entities/report-recipient.entity';
import { RotaGapWarning } from './entities/rota-gap-warning.entity';
import { RotaShift } from './entities/rota-shift.entity';
import { UpwardReport } from './entities/upward-report.entity';
import { INSTRUCTION_TOKENS, InstructionTokens } from './instruction-token';
import { InstructionsService } from './instructions.service';
import { RotaService } from './rota.service';
import { UpwardReportsService } from './upward-reports.service';

/** 值班室: the rota, leader instructions to closure, upward reports as records. */
@Module({
  imports: [
    DispatchModule,
    TypeOrmModule.forFeature([
      RotaShift,
      RotaGapWarning,
      Instruction,
      InstructionAssignment,
      UpwardReport,
      ReportRecipient,
    ]),
  ],
  controllers: [
    RotaController,
    InstructionsController,
    InstructionLinkController,
    UpwardReportsController,
  ],
  providers: [
    { provide: DUTY_DESK_CONFIG, useFactory: (): DutyDeskConfig => loadDutyDeskConfig() },
    {
      provide: INSTRUCTION_TOKENS,
      inject: [getDataSourceToken(), APP_CONFIG],
      useFactory: async (ds: DataSource, c: AppConfig) =>
        new InstructionTokens(
          await resolveStoredSecret(ds, 'ack_token_secret', c.ackTokenSecret),
          c.ackTokenSecretPrevious,
        ),
    },
    DutyDeskRepository,
    RotaService,
    InstructionsService,
    UpwardReportsService,
  ],
  exports: [RotaService],
})
export class DutyDeskModule {}
