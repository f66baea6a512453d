import {
  answerSchema,
  assignInstructionSchema,
  closeInstructionSchema,
  instructionsQuerySchema,
  registerInstructionSchema,
  rotaImportSchema,
  rotaQuerySchema,
  rotaShiftInputSchema,
  upwardReportsQuerySchema,
  type AnswerViewDto,
  type InstructionDto,
  type InstructionHistoryEntryDto,
  type ReportRecipientDto,
  type RotaImportResult,
  type RotaNowDto,
  type RotaShiftDto,
  type UpwardReportDto,
} from '../duty-desk';
import { get, post, put, shape } from './route';

/** The rota (值班表): the grid, one shift's people, a month from CSV, who is on duty now. */
export const rotaRoutes = {
  list: get('rota', { query: rotaQuerySchema, response: shape<RotaShiftDto[]>() }),
  now: get('rota/now', { response: shape<RotaNowDto>() }),
  setShift: put('rota/shift', { body: rotaShiftInputSchema, response: shape<RotaShiftDto>() }),
  import: post('rota/import', {
    status: 200,
    body: rotaImportSchema,
    response: shape<RotaImportResult>(),
  }),
};

/** Leader instructions (批示指示): register, assign, answer by phone, close. */
export const instructionsRoutes = {
  list: get('instructions', {
    query: instructionsQuerySchema,
    response: shape<InstructionDto[]>(),
  }),
  get: get('instructions/:id', { response: shape<InstructionDto>() }),
  /** The instruction's whole history, from the event log, oldest first. */
  history: get('instructions/:id/history', {
    response: shape<InstructionHistoryEntryDto[]>(),
  }),
  register: post('instructions', {
    body: registerInstructionSchema,
    response: shape<InstructionDto>(),
  }),
  assign: post('instructions/:id/assign', {
    status: 200,
    body: assignInstructionSchema,
    response: shape<InstructionDto>(),
  }),
  answerByPhone: post('instructions/:id/assignments/:assignmentId/answer', {
    status: 200,
    body: answerSchema,
    response: shape<InstructionDto>(),
  }),
  close: post('instructions/:id/close', {
    status: 200,
    body: closeInstructionSchema,
    response: shape<InstructionDto>(),
  }),
};

/** A unit's signed link: its own assignment, no account. */
export const instructionLinkRoutes = {
  view: get('instruction-link/:token', { response: shape<AnswerViewDto>() }),
  answer: post('instruction-link/:token', {
    status: 200,
    body: answerSchema,
    response: shape<AnswerViewDto>(),
  }),
};

/** Upward reports as records, and the recipients table. */
export const upwardReportsRoutes = {
  list: get('upward-reports', {
    query: upwardReportsQuerySchema,
    response: shape<UpwardReportDto[]>(),
  }),
  recipients: get('report-recipients', { response: shape<ReportRecipientDto[]>() }),
  /** The report as sent, printable (zh-CN HTML, A4): text, not JSON. */
  print: get('upward-reports/:id/print', { response: shape<string>() }),
};
