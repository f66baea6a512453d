import {
  dutyLogEntrySchema,
  dutyLogQuerySchema,
  handoverSchema,
  type DutyLogEntryDto,
} from '../incidents';
import { get, post, shape } from './route';

/** The duty log: entries and shift handovers. */
export const dutyLogRoutes = {
  list: get('duty-log', { query: dutyLogQuerySchema, response: shape<DutyLogEntryDto[]>() }),
  add: post('duty-log', { body: dutyLogEntrySchema, response: shape<DutyLogEntryDto>() }),
  handover: post('duty-log/handover', {
    body: handoverSchema,
    response: shape<DutyLogEntryDto>(),
  }),
};
