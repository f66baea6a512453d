import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EventType } from '@sanfang/shared';
import type { CommittedEvent, EventTx } from '../events/event-log';
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
      handle: (e, tx) => this.copy([e], tx),
      handleAll: (events, tx) => this.copy(events, tx),
    });
  }

  /** One statement for a whole pass of the reactor, sent with its commit. */
  private copy(events: CommittedEvent[], tx: EventTx): Promise<void> {
    tx.defer(
      `INSERT INTO duty_log (at, kind, author, text, event_seq, subdistrict_codes)
       SELECT r.at, 'event', r.author, r.text, r.seq, r.codes
         FROM jsonb_to_recordset($1::jsonb)
              AS r(at timestamptz, author text, text text, seq bigint, codes text[])
        ORDER BY r.seq
       ON CONFLICT (event_seq) DO NOTHING`,
      [
        JSON.stringify(
          events.map((e) => ({
            at: e.occurredAt,
            author: e.actor,
            text: eventLine(e.type, e.payload),
            seq: e.seq,
            codes: e.subdistrictCodes,
          })),
        ),
      ],
    );
    return Promise.resolve();
  }
}
