import { z } from 'zod';
import type { DispatchDto, ResponseDto, SuggestionDto } from './dispatch-api';
import type { EventEnvelope } from './events';
import type { IncidentDto } from './incidents';
import type {
  RescueTeamCollection,
  ShelterCollection,
  WarehouseCollection,
  WaterloggingPointCollection,
} from './reference';

import type { WarningDto } from './warnings';

/**
 * After-action review (复盘): the console as of any moment, folded from the event log with the
 * same reducers the live console uses (`console-state/`). Contracts of `/api/replay/*`.
 */

const iso = z.iso.datetime({ offset: true });

/** GET /api/replay/state?at=<iso>: the console as of `at` (every event with occurredAt ≤ at). */
export const replayStateQuerySchema = z.object({
  at: iso,
});
export type ReplayStateQuery = z.infer<typeof replayStateQuerySchema>;

/**
 * GET /api/replay/events: envelopes in seq order, as the viewer may see them. Start after
 * `fromSeq` (exclusive; usually the `seq` of a state just read); stop at `toSeq` (inclusive)
 * or at the last event with occurredAt ≤ `to`; at most `limit` a page (`more` says continue
 * with `fromSeq = lastSeq`).
 */
export const replayEventsQuerySchema = z.object({
  fromSeq: z.coerce.number().int().min(0),
  toSeq: z.coerce.number().int().min(0).optional(),
  to: iso.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
});
export type ReplayEventsQuery = z.infer<typeof replayEventsQuerySchema>;

/** A time range: marks, timeline.csv, summary.html. `to` must not be before `from`. */
export const replayRangeQuerySchema = z
  .object({ from: iso, to: iso })
  .refine((q) => Date.parse(q.to) >= Date.parse(q.from), {
    message: 'to must not be before from',
    path: ['to'],
  });
export type ReplayRangeQuery = z.infer<typeof replayRangeQuerySchema>;

/**
 * The map's live layers as the log knows them. Geography (district, subdistrict outlines)
 * is not in the log and does not change: the client reads it from the reference routes.
 */
export interface ReplayReferenceData {
  waterloggingPoints: WaterloggingPointCollection;
  shelters: ShelterCollection;
  rescueTeams: RescueTeamCollection;
  warehouses: WarehouseCollection;
}

/** Payload of reference.snapshot: the layers as stored, and why it was written. */
export interface ReferenceSnapshotPayload extends ReplayReferenceData {
  reason: 'import' | 'seed' | 'backfill';
}

/**
 * The console state as plain JSON (the Maps of `ConsoleState` as arrays). Convert with
 * `consoleStateFromDto` / `consoleStateToDto` from `console-state/`.
 */
export interface ConsoleStateDto {
  /** Active warnings (banner, map areas). */
  warnings: WarningDto[];
  /** Active responses, newest first. */
  responses: ResponseDto[];
  /** Pending response suggestions. */
  suggestions: SuggestionDto[];
  /** Open incidents. */
  incidents: IncidentDto[];
  /** Waterlogging point ids whose sensor is over its alarm depth. */
  ponding: string[];
  /** Points, shelters, teams (with positions), warehouses. */
  reference: ReplayReferenceData;
  /**
   * Call-outs of the active responses (the dispatch board). `ackRemainingS` and
   * `arriveRemainingS` are counted to the state's `at`, as the board's countdowns were then.
   */
  dispatches: DispatchDto[];
}

export interface ReplayStateDto {
  /** The moment asked for. */
  at: string;
  /** The last seq folded in: the state is after every event with seq ≤ seq (0: none). */
  seq: number;
  /** The checkpoint the fold started from (0: the log's start). */
  checkpointSeq: number;
  /** How many events were folded after the checkpoint. */
  folded: number;
  /** The first and last event of the whole log (bounds for the slider); null when empty. */
  log: { firstSeq: number; firstAt: string; headSeq: number; headAt: string } | null;
  state: ConsoleStateDto;
}

export interface ReplayEventsPage {
  events: EventEnvelope[];
  /** Continue with fromSeq = lastSeq (the last seq examined, even if not visible to the viewer). */
  lastSeq: number;
  /** True when the range has more events after this page. */
  more: boolean;
}

export const REPLAY_MARK_KINDS = [
  'warning',
  'response_started',
  'response_level',
  'response_ended',
  'first_callout',
  'overdue',
] as const;
export type ReplayMarkKind = (typeof REPLAY_MARK_KINDS)[number];

/** A moment worth jumping to on the slider. */
export interface ReplayMark {
  kind: ReplayMarkKind;
  seq: number;
  at: string;
  /** The event that made it (e.g. 'warning.issued', 'dispatch.escalated'). */
  type: string;
  /** zh-CN one-liner (the duty log's wording where there is one). */
  label: string;
  /** The warning, response, dispatch or incident it is about. */
  subjectId: string | null;
}

export interface ReplayMarksDto {
  from: string;
  to: string;
  marks: ReplayMark[];
}
