import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventType } from '@sanfang/shared';
import { Reactors } from '../events/reactors.service';
import { EVENT_LINES, eventLine, NOT_LOGGED } from './event-lines';

/** Officer entries are written by the duty log itself; every other event is copied in. */
const COPIED = (Object.keys(EVENT_LINES) as EventType[]).filter(
  (t) => t !== 'dutylog.entry_added' && !NOT_LOGGED.includes(t),
);

/**
 * Every event of the shift lands in the duty log as a readable line, exactly once and in log
 * order (a reactor). A copy rather than a view over `events`: the line is rendered once, in
 * the words of that moment, into one append-only table that is printed, paged and corrected
 * like the officers' own entries.
 */
@Injectable()
export class DutyLogReactor implements OnModuleInit {
  constructor(private readonly reactors: Reactors) {}

  onModuleInit(): void {
    this.reactors.register({
      name: 'duty-log',
      types: COPIED,
      handle: async (e, tx) => {
        await tx.manager.query(
          `INSERT INTO duty_log (at, kind, author, text, event_seq, subdistrict_codes)
           VALUES ($1, 'event', $2, $3, $4, $5) ON CONFLICT (event_seq) DO NOTHING`,
          [e.occurredAt, e.actor, eventLine(e.type, e.payload), e.seq, e.subdistrictCodes],
        );
      },
    });
  }
}
