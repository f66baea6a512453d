import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type AnswerInput,
  type AnswerViewDto,
  type AssignInstruction,
  type CloseInstruction,
  CONSOLE_ROLES,
  type InstructionDto,
  type InstructionHistoryEntryDto,
  instructionLinkRoutes,
  type InstructionsQuery,
  instructionsRoutes,
  type RegisterInstruction,
  type ReportRecipientDto,
  type RotaImportInput,
  type RotaImportResult,
  type RotaNowDto,
  type RotaQuery,
  rotaRoutes,
  type RotaShiftDto,
  type RotaShiftInput,
  type RouteHandlers,
  type UpwardReportDto,
  type UpwardReportsQuery,
  upwardReportsRoutes,
} from '@sanfang/shared';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodPipe } from '../common/zod.pipe';
import { InstructionsService } from './instructions.service';
import { RotaService } from './rota.service';
import { UpwardReportsService } from './upward-reports.service';

/** The rota: everyone at the console reads it; duty officers and admins keep it. */
@ApiTags('duty-desk')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class RotaController implements RouteHandlers<typeof rotaRoutes> {
  constructor(private readonly rota: RotaService) {}

  @Route(rotaRoutes.list)
  list(@Query(new ZodPipe(rotaRoutes.list.query, 'query')) q: RotaQuery): Promise<RotaShiftDto[]> {
    return this.rota.list(q);
  }

  @Route(rotaRoutes.now)
  now(): Promise<RotaNowDto> {
    return this.rota.now();
  }

  @Route(rotaRoutes.setShift)
  @Roles('duty_officer', 'admin')
  setShift(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(rotaRoutes.setShift.body)) body: RotaShiftInput,
  ): Promise<RotaShiftDto> {
    return this.rota.setShift(user, body);
  }

  @Route(rotaRoutes.import)
  @Roles('duty_officer', 'admin')
  import(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(rotaRoutes.import.body)) body: RotaImportInput,
  ): Promise<RotaImportResult> {
    return this.rota.import(user, body);
  }
}

/** Instructions: duty officers register, assign and record phoned answers; commanders and admins close. */
@ApiTags('duty-desk')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class InstructionsController implements RouteHandlers<typeof instructionsRoutes> {
  constructor(private readonly instructions: InstructionsService) {}

  @Route(instructionsRoutes.list)
  list(
    @Query(new ZodPipe(instructionsRoutes.list.query, 'query')) q: InstructionsQuery,
  ): Promise<InstructionDto[]> {
    return this.instructions.list(q);
  }

  @Route(instructionsRoutes.get)
  get(@Param('id', UuidPipe) id: string): Promise<InstructionDto> {
    return this.instructions.get(id);
  }

  @Route(instructionsRoutes.history)
  history(@Param('id', UuidPipe) id: string): Promise<InstructionHistoryEntryDto[]> {
    return this.instructions.history(id);
  }

  @Route(instructionsRoutes.register)
  @Roles('duty_officer')
  register(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(instructionsRoutes.register.body)) body: RegisterInstruction,
  ): Promise<InstructionDto> {
    return this.instructions.register(user, body);
  }

  @Route(instructionsRoutes.assign)
  @Roles('duty_officer')
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(instructionsRoutes.assign.body)) body: AssignInstruction,
  ): Promise<InstructionDto> {
    return this.instructions.assign(user, id, body);
  }

  @Route(instructionsRoutes.answerByPhone)
  @Roles('duty_officer')
  answerByPhone(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Param('assignmentId', UuidPipe) assignmentId: string,
    @Body(new ZodPipe(instructionsRoutes.answerByPhone.body)) body: AnswerInput,
  ): Promise<InstructionDto> {
    return this.instructions.answerByPhone(user, id, assignmentId, body);
  }

  @Route(instructionsRoutes.close)
  @Roles('commander', 'admin')
  close(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(instructionsRoutes.close.body)) body: CloseInstruction,
  ): Promise<InstructionDto> {
    return this.instructions.close(user, id, body);
  }
}

/** A unit's signed answer link: no account; the token names the one assignment it answers. */
@ApiTags('duty-desk')
@Public()
@Controller()
export class InstructionLinkController implements RouteHandlers<typeof instructionLinkRoutes> {
  constructor(private readonly instructions: InstructionsService) {}

  @Route(instructionLinkRoutes.view)
  view(@Param('token') token: string): Promise<AnswerViewDto> {
    return this.instructions.view(token);
  }

  @Route(instructionLinkRoutes.answer)
  answer(
    @Param('token') token: string,
    @Body(new ZodPipe(instructionLinkRoutes.answer.body)) body: AnswerInput,
  ): Promise<AnswerViewDto> {
    return this.instructions.answerByLink(token, body);
  }
}

/** Upward reports as records, the recipients table, and a report printed as sent. */
@ApiTags('duty-desk')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class UpwardReportsController implements RouteHandlers<typeof upwardReportsRoutes> {
  constructor(private readonly reports: UpwardReportsService) {}

  @Route(upwardReportsRoutes.list)
  list(
    @Query(new ZodPipe(upwardReportsRoutes.list.query, 'query')) q: UpwardReportsQuery,
  ): Promise<UpwardReportDto[]> {
    return this.reports.list(q);
  }

  @Route(upwardReportsRoutes.recipients)
  recipients(): Promise<ReportRecipientDto[]> {
    return this.reports.recipients();
  }

  @Route(upwardReportsRoutes.print)
  async print(
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const html = await this.reports.printable(id);
    res.type('text/html; charset=utf-8');
    return html;
  }
}
