import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../core/clock';
import { EventLog } from '../events/event-log.service';
import { Timers } from '../timers/timers.service';
import {
  DEADLINE_QUEUE,
  type DeadlineData,
  DispatchService,
  deadlineKey,
  payloadOf,
  scopeOf,
} from './dispatch.service';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';
import { DispatchRepository } from './dispatch.repository';
import { escalationText } from './messages';
import { PRIORITY } from './notify/channel';
import { Outbox } from './notify/outbox.service';

export const LAST_STEP = 3;

/**
 * The escalation ladder when a deadline passes unanswered: 1 re-notify the contact and call
 * the backup lead, 2 the subdistrict duty officers, 3 the district duty officers and
 * commanders. Each step is one event; the handler is idempotent (the step is recorded on the
 * dispatch, so a repeated or late firing changes nothing).
 */
@Injectable()
export class EscalationService implements OnModuleInit {
  constructor(
    private readonly events: EventLog,
    private readonly repo: DispatchRepository,
    private readonly dispatch: DispatchService,
    private readonly timers: Timers,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  onModuleInit(): void {
    this.timers.handle<DeadlineData>(DEADLINE_QUEUE, (d) => this.fire(d).then(() => undefined));
  }

  /** Runs one step if it is still due; returns whether it escalated. */
  async fire(d: DeadlineData): Promise<boolean> {
    const { result } = await this.events.writeWithEvents(
      'escalation',
      async (tx) => {
        const row = await this.repo.lock(tx.manager, d.dispatchId);
        if (!row || row.closed_at) return null;
        const answered = d.ladder === 'ack' ? row.acknowledged_at : row.arrived_at;
        const done = d.ladder === 'ack' ? row.ack_step : row.arrive_step;
        if (answered || done >= d.step) return null;
        const now = this.clock.now();
        const due = new Date(d.dueAt);
        // Exactly at the deadline is still on time: look again just after it.
        if (now.getTime() <= due.getTime()) {
          const at = new Date(due.getTime() + 1_000);
          await this.timers.schedule(
            tx.manager,
            DEADLINE_QUEUE,
            `${deadlineKey(d)}:recheck:${now.getTime()}`,
            at,
            d,
          );
          return null;
        }
        const notified: string[] = [];
        const msgs: Parameters<Outbox['record']>[1] = [];
        if (d.step === 1) {
          notified.push(`contact:${row.contact_id}`);
          msgs.push({
            dispatchId: row.id,
            kind: 'renotify',
            recipient: `contact:${row.contact_id}`,
            address: row.phone,
            priority: row.role === 'onsite_lead' ? PRIORITY.onsiteLead : PRIORITY.normal,
            duty: row.role,
            text: this.dispatch.renotifyText(row),
          });
          if (row.role === 'onsite_lead') {
            const backups = await this.repo.candidates(
              tx.manager,
              row.response_id,
              { kind: 'all' },
              ['onsite_lead_backup'],
              row.point_id,
            );
            // The backup gets a dispatch of its own (its own link and code), without a ladder.
            msgs.push(
              ...(await this.dispatch.create(
                tx,
                { id: row.response_id, hazard: row.hazard, level: row.level },
                backups,
                now,
                false,
              )),
            );
            notified.push(...backups.map((b) => `contact:${b.contactId}`));
          }
        } else {
          const users = await this.repo.escalationUsers(
            tx.manager,
            d.step === 2 ? row.subdistrict_code : null,
          );
          for (const u of users) {
            notified.push(`user:${u}`);
            msgs.push({
              dispatchId: row.id,
              kind: 'escalation',
              recipient: `user:${u}`,
              address: u,
              text: escalationText(d.step, d.ladder, row.role, row.contact_name, row.point_name),
            });
          }
          // The last rung is the district duty room: also the officers on the rota right now.
          if (d.step === LAST_STEP) {
            for (const o of await this.repo.rotaOfficers(tx.manager, now)) {
              const recipient = o.username ? `user:${o.username}` : `rota:${o.name}`;
              if (notified.includes(recipient)) continue;
              notified.push(recipient);
              msgs.push({
                dispatchId: row.id,
                kind: 'escalation',
                recipient,
                address: o.phone,
                text: escalationText(d.step, d.ladder, row.role, row.contact_name, row.point_name),
              });
            }
          }
        }
        await this.repo.update(tx.manager, row.id, {
          status: 'escalated',
          [d.ladder === 'ack' ? 'ack_step' : 'arrive_step']: d.step,
        });
        tx.emit(
          'dispatch.escalated',
          payloadOf({ ...row, status: 'escalated' }, { ladder: d.ladder, step: d.step, notified }),
          scopeOf(row),
        );
        if (d.step < LAST_STEP) {
          const at = new Date(now.getTime() + this.config.escalationStepS * 1000);
          const next: DeadlineData = { ...d, step: d.step + 1, dueAt: at.toISOString() };
          await this.timers.schedule(tx.manager, DEADLINE_QUEUE, deadlineKey(next), at, next);
        }
        return { batch: await this.outbox.record(tx.manager, msgs) };
      },
      { allowNoEvent: true },
    );
    if (result === null) return false;
    this.outbox.kick([result.batch]);
    return true;
  }
}
