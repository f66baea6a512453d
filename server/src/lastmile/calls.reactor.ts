import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WarningEventPayload } from '@sanfang/shared';
import type { CommittedEvent, EventTx } from '../events/event-log';
import { Reactors } from '../events/reactors.service';
import { CallsService } from './calls.service';
import { warningTitle } from './messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANK: Record<string, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

interface LastRound {
  colour: string | null;
  expires: Date | null;
}

/**
 * Warnings → 叫应, exactly once and in log order (a reactor): issued, upgraded or extended
 * calls the duties the table names in the warning's zone; a downgrade, cancel, expiry or
 * retraction stands down everyone still called. Exercise warnings call in drill mode (the
 * messages say 演练); Test, System and Draft call nobody.
 */
@Injectable()
export class CallsReactor implements OnModuleInit {
  constructor(
    private readonly reactors: Reactors,
    private readonly calls: CallsService,
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
      handle: (e, tx) => this.react(e, tx),
    });
  }

  private async react(e: CommittedEvent, tx: EventTx): Promise<void> {
    const w = e.payload as WarningEventPayload;
    if (w.status !== 'Actual' && w.status !== 'Exercise') return;
    // Warnings are stored with uuid ids; anything else (a hand-written test event) is not ours.
    if (!UUID.test(w.warningId)) return;
    const zone = w.districtWide ? [] : w.subdistrictCodes;
    const ended =
      e.type === 'warning.cancelled' ||
      e.type === 'warning.expired' ||
      e.type === 'warning.retracted' ||
      (w.state !== undefined && w.state !== 'active');
    if (ended) {
      await this.calls.standDown(tx, w.warningId, e.type, zone);
      return;
    }
    const [last] = await tx.manager.query<LastRound[]>(
      `SELECT colour, expires FROM call_rounds WHERE warning_id = $1
        ORDER BY started_at DESC, id LIMIT 1`,
      [w.warningId],
    );
    const now = RANK[w.colour ?? ''] ?? 0;
    const before = last ? (RANK[last.colour ?? ''] ?? 0) : 0;
    let reason: 'issued' | 'upgraded' | 'extended' | null = null;
    if (!last) reason = now > 0 ? 'issued' : null;
    else if (now > before) reason = 'upgraded';
    else if (now < before) {
      await this.calls.standDown(tx, w.warningId, 'downgraded', zone);
      return;
    } else if (
      now > 0 &&
      w.expires &&
      (last.expires === null || Date.parse(w.expires) > last.expires.getTime())
    )
      reason = 'extended';
    if (!reason) return;
    const rule = await this.rule(tx, w.hazard, w.colour ?? '');
    if (!rule) return;
    const targets = await this.calls.targets(tx.manager, {
      subdistrictCodes: zone.length > 0 ? zone : null,
      duties: rule.duties,
      unitCode: null,
      pointContacts: rule.point_contacts,
    });
    await this.calls.startRound(
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
  }

  private async rule(
    tx: EventTx,
    hazard: string,
    colour: string,
  ): Promise<{ duties: string[]; point_contacts: boolean } | null> {
    const rows: { duties: string[]; point_contacts: boolean }[] = await tx.manager.query(
      `SELECT duties, point_contacts FROM call_rules
        WHERE colour = $2 AND hazard IN ($1, '*') ORDER BY (hazard = '*') LIMIT 1`,
      [hazard, colour],
    );
    const r = rows[0];
    return r && r.duties.length + (r.point_contacts ? 1 : 0) > 0 ? r : null;
  }
}
