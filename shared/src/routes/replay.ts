import {
  replayEventsQuerySchema,
  replayRangeQuerySchema,
  replayStateQuerySchema,
  type ReplayEventsPage,
  type ReplayMarksDto,
  type ReplayStateDto,
} from '../replay';
import { get, shape } from './route';

/**
 * After-action review (复盘): duty officers, commanders and admins; contacts are refused (403).
 * Read-only: nothing here writes an event or joins a live room.
 */
export const replayRoutes = {
  /** The console as of `at`, filtered by the viewer's subdistrict as the live routes are. */
  state: get('replay/state', { query: replayStateQuerySchema, response: shape<ReplayStateDto>() }),
  /** Envelopes in seq order to play forward from a state with the same reducers. */
  events: get('replay/events', {
    query: replayEventsQuerySchema,
    response: shape<ReplayEventsPage>(),
  }),
  /** Level changes, warnings, first call-outs, overdues in the range, in seq order. */
  marks: get('replay/marks', { query: replayRangeQuerySchema, response: shape<ReplayMarksDto>() }),
  /** The range's timeline as CSV (UTF-8 with BOM, zh-CN headers); a download, not JSON. */
  timelineCsv: get('replay/timeline.csv', {
    query: replayRangeQuerySchema,
    response: shape<string>(),
  }),
  /** A printable zh-CN HTML summary of the range; a page, not JSON. */
  summaryHtml: get('replay/summary.html', {
    query: replayRangeQuerySchema,
    response: shape<string>(),
  }),
};
