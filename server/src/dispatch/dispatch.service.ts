import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CALLOUT_ROLES,
  type DispatchEventPayload,
  type ResponseHazard,
  type ResponseLevel,
  levelRank,
} from '@sanfang/shared';
import type { EventTx } from '../events/event-log';
import { Timers } from '../timers/timers.service';
import type { AckTokens } from './ack-token';
import { ACK_TOKENS } from './dispatch.tokens';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';
import {
  type Area,
  type Candidate,
  DispatchRepository,
  type DispatchRow,
  type NewDispatch,
} from './dispatch.repository';
import { calloutText, standDownText } from './messages';
import type { NewMessage } from './notify/notifications.repository';
import { PRIORITY } from './notify/channel';
import { Outbox } from './notify/outbox.service';

export const DEADLINE_QUEUE = 'dispatch.deadline';

export interface DeadlineData {
  dispatchId: string;
  ladder: 'ack' | 'arrive';
  step: number;
  dueAt: string;
}
export const deadlineKey = (d: Pick<DeadlineData, 'dispatchId' | 'ladder' | 'step'>): string =>
  `${d.dispatchId}:${d.ladder}:${d.step}`;

/** Every timer a dispatch can have: cancelled wholesale when it is stood down. */
const allKeys = (dispatchId: string): string[] =>
  (['ack', 'arrive'] as const).flatMap((ladder) =>
    [1, 2, 3].map((step) => deadlineKey({ dispatchId, ladder, step })),
  );

/** What dispatch needs to know about a response after a change. */
export interface ResponseState {
  id: string;
  hazard: ResponseHazard;
  level: ResponseLevel;
  active: boolean;
  subdistrictCodes: string[];
}

type Msg = Omit<NewMessage, 'id'>;

export const payloadOf = (
  d: Pick<DispatchRow, 'id' | 'response_id' | 'point_id' | 'contact_id' | 'role' | 'status'>,
  extra: Partial<DispatchEventPayload> = {},
): DispatchEventPayload => ({
  dispatchId: d.id,
  responseId: d.response_id,
  pointId: d.point_id,
  contactId: d.contact_id,
  role: d.role,
  status: d.status,
  ...extra,
});

export const scopeOf = (d: Pick<DispatchRow, 'subdistrict_code' | 'contact_id'>) => ({
  subdistrictCodes: [d.subdistrict_code],
  contactIds: [d.contact_id],
});

/**
 * Call-outs follow the response: inside the response's own transaction, the contacts of every
 * point in the area get one dispatch per role (only what is new), and contacts outside it —
 * or all of them, below the threshold or at the end — are stood down with their timers.
 * All in bulk statements: a whole-district activation is a handful of round trips.
 */
@Injectable()
export class DispatchService {
  constructor(
    private readonly repo: DispatchRepository,
    private readonly timers: Timers,
    private readonly outbox: Outbox,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(ACK_TOKENS) private readonly tokens: AckTokens,
  ) {}

  /** The area that should have call-outs under this response state. */
  area(r: ResponseState): Area {
    const relevant =
      r.active &&
      (r.hazard === 'flood' || r.hazard === 'typhoon') &&
      levelRank(r.level) >= levelRank(this.config.thresholdLevel);
    if (!relevant) return { kind: 'none' };
    return r.subdistrictCodes.length === 0
      ? { kind: 'all' }
      : { kind: 'codes', codes: r.subdistrictCodes };
  }

  /** Brings the response's dispatches in line with its state; returns the outbox batch. */
  async follow(tx: EventTx, r: ResponseState, now: Date): Promise<string | null> {
    const area = this.area(r);
    const msgs: Msg[] = [];
    const stood = await this.repo.standDown(tx.manager, r.id, area, now);
    if (stood.length > 0) {
      await this.timers.cancelMany(
        tx.manager,
        DEADLINE_QUEUE,
        stood.flatMap((d) => allKeys(d.id)),
      );
      for (const d of stood) {
        tx.emit(
          'dispatch.stood_down',
          payloadOf({ ...d, status: 'stood_down' }, { at: now.toISOString() }),
          scopeOf(d),
        );
        msgs.push({
          dispatchId: d.id,
          kind: 'stand_down',
          recipient: `contact:${d.contact_id}`,
          address: d.phone,
          duty: d.role,
          text: standDownText(d.point_name, d.code),
        });
      }
    }
    const candidates = await this.repo.candidates(tx.manager, r.id, area, CALLOUT_ROLES);
    msgs.push(...(await this.create(tx, r, candidates, now, true)));
    return this.outbox.record(tx.manager, msgs);
  }

  /**
   * Creates dispatches for `candidates` with deadlines (and, when `withTimers`, their durable
   * deadline timers); emits dispatch.created; returns the call-out messages to record.
   */
  async create(
    tx: EventTx,
    r: Pick<ResponseState, 'id' | 'hazard' | 'level'>,
    candidates: readonly Candidate[],
    now: Date,
    withTimers: boolean,
  ): Promise<Msg[]> {
    if (candidates.length === 0) return [];
    const taken = await this.repo.liveCodes(tx.manager, [
      ...new Set(candidates.map((c) => c.phone)),
    ]);
    const rows: NewDispatch[] = candidates.map((c) => {
      const used = taken.get(c.phone) ?? new Set<string>();
      taken.set(c.phone, used);
      let code = String(randomInt(1000, 10_000));
      while (used.has(code)) code = String(randomInt(1000, 10_000));
      used.add(code);
      const lead = c.role === 'onsite_lead' || c.role === 'onsite_lead_backup';
      return {
        id: randomUUID(),
        responseId: r.id,
        pointId: c.pointId,
        contactId: c.contactId,
        subdistrictCode: c.subdistrictCode,
        role: c.role,
        phone: c.phone,
        code,
        notifiedAt: now,
        ackDeadline: new Date(now.getTime() + this.config.ackDeadlineS[c.role] * 1000),
        // On site within 15 minutes of the call-out (the response start, for the first one).
        arriveDeadline: lead ? new Date(now.getTime() + this.config.onsiteDeadlineS * 1000) : null,
      };
    });
    await this.repo.insertMany(tx.manager, rows);
    if (withTimers) {
      await this.timers.scheduleMany<DeadlineData>(
        tx.manager,
        DEADLINE_QUEUE,
        rows.flatMap((d) => {
          const base = { dispatchId: d.id, step: 1 };
          const ack: DeadlineData = { ...base, ladder: 'ack', dueAt: d.ackDeadline.toISOString() };
          const out = [{ key: deadlineKey(ack), at: d.ackDeadline, data: ack }];
          if (d.arriveDeadline && d.role === 'onsite_lead') {
            const arr: DeadlineData = {
              ...base,
              ladder: 'arrive',
              dueAt: d.arriveDeadline.toISOString(),
            };
            out.push({ key: deadlineKey(arr), at: d.arriveDeadline, data: arr });
          }
          return out;
        }),
      );
    }
    const names = new Map(candidates.map((c) => [c.contactId, c.pointName]));
    const byContact = new Map(candidates.map((c) => [c.contactId, c]));
    return rows.map((d) => {
      const c = byContact.get(d.contactId);
      tx.emit(
        'dispatch.created',
        {
          ...payloadOf({
            id: d.id,
            response_id: d.responseId,
            point_id: d.pointId,
            contact_id: d.contactId,
            role: d.role,
            status: 'notified',
          }),
          // What the board reads from the API, so a replay draws the call-out from the log.
          detail: {
            pointCode: c?.pointCode ?? '',
            pointName: c?.pointName ?? '',
            subdistrictCode: d.subdistrictCode,
            contactName: c?.contactName ?? '',
            phone: d.phone,
            code: d.code,
            notifiedAt: d.notifiedAt.toISOString(),
            ackDeadline: d.ackDeadline.toISOString(),
            arriveDeadline: d.arriveDeadline?.toISOString() ?? null,
          },
        },
        { subdistrictCodes: [d.subdistrictCode], contactIds: [d.contactId] },
      );
      return {
        dispatchId: d.id,
        kind: d.role === 'onsite_lead_backup' ? 'backup' : 'callout',
        recipient: `contact:${d.contactId}`,
        address: d.phone,
        // On-site leads first under the SMS gateway's rate.
        priority:
          d.role === 'onsite_lead' || d.role === 'onsite_lead_backup'
            ? PRIORITY.onsiteLead
            : PRIORITY.normal,
        duty: d.role,
        text: calloutText({
          hazard: r.hazard,
          level: r.level,
          role: d.role,
          pointName: names.get(d.contactId) ?? '',
          code: d.code,
          link: this.link(d.id),
          onsiteMinutes: d.arriveDeadline ? Math.round(this.config.onsiteDeadlineS / 60) : null,
        }),
      } satisfies Msg;
    });
  }

  link(dispatchId: string): string {
    return `${this.config.publicBaseUrl}/ack/${this.tokens.sign(dispatchId)}`;
  }

  renotifyText(d: DispatchRow): string {
    return calloutText(
      {
        hazard: d.hazard,
        level: d.level,
        role: d.role,
        pointName: d.point_name,
        code: d.code,
        link: this.link(d.id),
        onsiteMinutes: d.arrive_deadline ? Math.round(this.config.onsiteDeadlineS / 60) : null,
      },
      true,
    );
  }

  cancelKeys(dispatchId: string, ladder: 'ack' | 'arrive' | 'all'): string[] {
    return allKeys(dispatchId).filter((k) => ladder === 'all' || k.includes(`:${ladder}:`));
  }
}
