import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WarningEventPayload } from '@sanfang/shared';
import type { CommittedEvent, EventTx } from '../events/event-log';
import { Reactors } from '../events/reactors.service';
import { Outbox } from '../dispatch/notify/outbox.service';
import { CallsService } from './calls.service';
import { warningTitle } from './messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANK: Record<string, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

interface LastRound {
  colour: string | null;
  expires: Date | null;
}

interface Rule {
  hazard: string;
  colour: string;
  duties: string[];
  point_contacts: boolean;
}

/**
 * What one pass reads once instead of per event: the last round of each warning the pass
 * names (kept current as the pass starts rounds) and the call rules (a small table).
 */
interface PassState {
  last: Map<string, LastRound | null>;
  rules: Rule[] | null;
}

/**
 * Warnings → 叫应, exactly once and in log order (a reactor): issued, upgraded or extended
 * calls the duties the table names in the warning's zone; a downgrade, cancel, expiry or
 * retraction stands down everyone still called. Exercise warnings call in drill mode (the
 * messages say 演练); Test, System and Draft call nobody.
 */
@Injectable()
export class CallsReactor implements OnModuleInit {
  /** Outbox batches recorded by the pass in progress: delivered as soon as it commits. */
  private recorded: string[] = [];

  constructor(
    private readonly reactors: Reactors,
    private readonly calls: CallsService,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    this.reactors.register({
      name: 'calls',
      types: [
        'warning.issued',
        'warning.updated',
        'warning.cancelled',
        'warning.expired',
        'warning.retracted',
      ],
      handle: (e, tx) => this.reactAll([e], tx),
      handleAll: (events, tx) => this.reactAll(events, tx),
      // Sent at once, not at the delivery job's next poll (a rolled-back pass's ids claim nothing).
      committed: () => this.outbox.kick(this.recorded.splice(0)),
    });
  }

  /**
   * The pass's events in log order. The last rounds of all their warnings are read in one
   * statement (most updates change nothing: same colour, same expiry), the rules once.
   */
  private async reactAll(events: CommittedEvent[], tx: EventTx): Promise<void> {
    const ours = events.filter((e) => {
      const w = e.payload as WarningEventPayload;
      // Warnings are stored with uuid ids; anything else (a hand-written test event) is not ours.
      return (w.status === 'Actual' || w.status === 'Exercise') && UUID.test(w.warningId);
    });
    if (ours.length === 0) return;
    const ids = [...new Set(ours.map((e) => (e.payload as WarningEventPayload).warningId))];
    const rows = await tx.manager.query<(LastRound & { warning_id: string })[]>(
      `SELECT DISTINCT ON (warning_id) warning_id, colour, expires FROM call_rounds
        WHERE warning_id = ANY ($1::uuid[])
        ORDER BY warning_id, started_at DESC, id`,
      [ids],
    );
    const state: PassState = { last: new Map(ids.map((id) => [id, null])), rules: null };
    for (const r of rows)
      state.last.set(r.warning_id, {
        colour: r.colour,
        expires: r.expires ? new Date(r.expires) : null,
      });
    for (const e of ours) await this.react(e, tx, state);
  }

  private async react(e: CommittedEvent, tx: EventTx, state: PassState): Promise<void> {
    const w = e.payload as WarningEventPayload;
    const zone = w.districtWide ? [] : w.subdistrictCodes;
    const ended =
      e.type === 'warning.cancelled' ||
      e.type === 'warning.expired' ||
      e.type === 'warning.retracted' ||
      (w.state !== undefined && w.state !== 'active');
    if (ended) {
      this.note(await this.calls.standDown(tx, w.warningId, e.type, zone));
      return;
    }
    const last = state.last.get(w.warningId) ?? null;
    const now = RANK[w.colour ?? ''] ?? 0;
    const before = last ? (RANK[last.colour ?? ''] ?? 0) : 0;
    let reason: 'issued' | 'upgraded' | 'extended' | null = null;
    if (!last) reason = now > 0 ? 'issued' : null;
    else if (now > before) reason = 'upgraded';
    else if (now < before) {
      this.note(await this.calls.standDown(tx, w.warningId, 'downgraded', zone));
      return;
    } else if (
      now > 0 &&
      w.expires &&
      (last.expires === null || Date.parse(w.expires) > last.expires.getTime())
    )
      reason = 'extended';
    if (!reason) return;
    const rule = await this.rule(tx, state, w.hazard, w.colour ?? '');
    if (!rule) return;
    const targets = await this.calls.targets(tx.manager, {
      subdistrictCodes: zone.length > 0 ? zone : null,
      duties: rule.duties,
      unitCode: null,
      pointContacts: rule.point_contacts,
    });
    const batch = await this.calls.startRound(
      tx,
      {
        warningId: w.warningId,
        drillId: null,
        drill: w.status === 'Exercise',
        reason,
        hazard: w.hazard,
        colour: w.colour,
        headline: warningTitle(w.headline, w.colour),
        expires: w.expires ? new Date(w.expires) : null,
        subdistrictCodes: zone,
      },
      targets,
    );
    // What the next event of this warning in the pass compares with (as call_rounds now holds).
    state.last.set(w.warningId, {
      colour: w.colour ?? null,
      expires: w.expires ? new Date(w.expires) : null,
    });
    this.note(batch);
  }

  private note(batch: string | null): void {
    if (batch) this.recorded.push(batch);
  }

  /** The hazard's own rule for the colour, else the '*' rule; null when it calls nobody. */
  private async rule(
    tx: EventTx,
    state: PassState,
    hazard: string,
    colour: string,
  ): Promise<{ duties: string[]; point_contacts: boolean } | null> {
    state.rules ??= await tx.manager.query<Rule[]>(
      `SELECT hazard, colour, duties, point_contacts FROM call_rules`,
    );
    const r =
      state.rules.find((x) => x.colour === colour && x.hazard === hazard) ??
      state.rules.find((x) => x.colour === colour && x.hazard === '*');
    return r && r.duties.length + (r.point_contacts ? 1 : 0) > 0 ? r : null;
  }
}
