import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { AckRequest, AckViewDto, SmsInbound } from '@sanfang/shared';
import { AuthService } from '../auth/auth.service';
import { bearerToken } from '../common/bearer-token';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { EventLog } from '../events/event-log.service';
import { Timers } from '../timers/timers.service';
import { AckExtensions } from './ack-extensions';
import type { AckTokens } from './ack-token';
import { DEADLINE_QUEUE, DispatchService, payloadOf, scopeOf } from './dispatch.service';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';
import { DispatchRepository, type DispatchRow } from './dispatch.repository';
import { ACK_TOKENS } from './dispatch.tokens';
import { distanceM } from '../geo/distance';

const invalid = (): ApiException =>
  new ApiException(HttpStatus.UNAUTHORIZED, 'ACK_TOKEN_INVALID', undefined, 'token');
const expired = (): ApiException =>
  new ApiException(HttpStatus.GONE, 'ACK_TOKEN_EXPIRED', undefined, 'token');
const tooOld = (): ApiException =>
  new ApiException(HttpStatus.GONE, 'ACK_LINK_TOO_OLD', undefined, 'token');
const wrongContact = (): ApiException =>
  new ApiException(HttpStatus.FORBIDDEN, 'ACK_WRONG_CONTACT');

export const toAckView = (d: DispatchRow, unchanged?: boolean): AckViewDto => ({
  dispatchId: d.id,
  status: d.status,
  role: d.role,
  contactName: d.contact_name,
  pointName: d.point_name,
  pointCode: d.point_code,
  pointLocation: [d.point_lon, d.point_lat],
  hazard: d.hazard,
  level: d.level,
  code: d.code,
  ackDeadline: d.ack_deadline.toISOString(),
  arriveDeadline: d.arrive_deadline?.toISOString() ?? null,
  acknowledgedAt: d.acknowledged_at?.toISOString() ?? null,
  ackLate: d.ack_late,
  arrivedAt: d.arrived_at?.toISOString() ?? null,
  arriveLate: d.arrive_late,
  arrivalFar: d.arrival_far,
  ...(unchanged === undefined ? {} : { unchanged }),
});

/** Normalises a phone number: digits only, without China's +86 prefix. */
export const normalisePhone = (p: string): string => {
  const digits = p.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
};

/**
 * The contact's answers: by signed link (no password) or by SMS reply. The same answer sent
 * again changes nothing; a stood-down dispatch's link is refused.
 */
@Injectable()
export class AckService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: DispatchRepository,
    private readonly timers: Timers,
    private readonly dispatch: DispatchService,
    private readonly auth: AuthService,
    private readonly extensions: AckExtensions,
    @Inject(ACK_TOKENS) private readonly tokens: AckTokens,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  async view(token: string, authorization: string | undefined): Promise<AckViewDto> {
    const id = this.tokens.verify(token);
    if (!id) throw invalid();
    const d = await this.repo.byId(id);
    if (!d) {
      // Not a dispatch: perhaps a 叫应 call behind the same page.
      await this.checkBearer(authorization);
      const other = await this.extensions.view(id);
      if (other) return other;
      throw invalid();
    }
    await this.checkCaller(d, authorization);
    this.checkAge(d);
    if (d.status === 'stood_down') throw expired();
    return toAckView(d);
  }

  async byToken(
    token: string,
    body: AckRequest,
    authorization: string | undefined,
  ): Promise<AckViewDto> {
    const id = this.tokens.verify(token);
    if (!id) throw invalid();
    const known = await this.repo.byId(id);
    if (!known) {
      await this.checkBearer(authorization);
      const other = await this.extensions.answer(id, `link:${id}`);
      if (other) return other;
      throw invalid();
    }
    // A contact signed in on this phone may only answer their own call-outs.
    await this.checkCaller(known, authorization);
    this.checkAge(known);
    return this.answer(id, body, `contact:${known.contact_id}`);
  }

  async bySms(body: SmsInbound): Promise<AckViewDto> {
    const m = /^\s*(\d{4})\s*([AaDd])\s*$/.exec(body.text);
    if (!m?.[1] || !m[2]) {
      throw new ApiException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'SMS_UNPARSEABLE',
        undefined,
        'body.text',
      );
    }
    const from = normalisePhone(body.from);
    const all = await this.repo.byCode(m[1]);
    const mine = all.filter((d) => normalisePhone(d.phone) === from);
    const d = mine.find((x) => x.closed_at === null) ?? mine[0];
    if (!d && m[2].toUpperCase() === 'A') {
      const other = await this.extensions.bySms(m[1], from);
      if (other) return other;
    }
    if (!d) {
      if (all.some((x) => x.closed_at === null)) throw wrongContact();
      throw new ApiException(HttpStatus.NOT_FOUND, 'SMS_CODE_UNKNOWN', undefined, 'body.text');
    }
    const action = m[2].toUpperCase() === 'A' ? 'ack' : 'arrive';
    return this.answer(d.id, { action }, `sms:${from}`);
  }

  /**
   * The link itself is the credential; a bearer is optional. But one that is sent must be
   * valid (401 otherwise, as everywhere): a revoked or forged session is not ignored.
   */
  private async checkCaller(d: DispatchRow, authorization: string | undefined): Promise<void> {
    const user = await this.checkBearer(authorization);
    if (user?.role === 'contact' && user.contactId !== d.contact_id) throw wrongContact();
  }

  private async checkBearer(
    authorization: string | undefined,
  ): Promise<Awaited<ReturnType<AuthService['verifyBearer']>> | null> {
    if (authorization === undefined || authorization === '') return null;
    const bearer = bearerToken(authorization);
    if (!bearer) {
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        'AUTH_TOKEN_INVALID',
        undefined,
        'authorization',
      );
    }
    return this.auth.verifyBearer(bearer);
  }

  /** However the call-out stands, a link works at most ACK_LINK_MAX_AGE_DAYS after it was sent. */
  private checkAge(d: DispatchRow): void {
    if (this.clock.now().getTime() - d.notified_at.getTime() > this.config.ackLinkMaxAgeMs) {
      throw tooOld();
    }
  }

  private async answer(id: string, body: AckRequest, actor: string): Promise<AckViewDto> {
    const { result } = await this.events.writeWithEvents(
      actor,
      async (tx) => {
        const d = await this.repo.lock(tx.manager, id);
        if (!d) throw invalid();
        if (d.status === 'stood_down') throw expired();
        const now = this.clock.now();
        const set: Record<string, string | number | boolean | null> = {};
        let next = { ...d };
        const ackNeeded = d.acknowledged_at === null;
        const arriveNeeded = body.action === 'arrive' && d.arrived_at === null;
        if (!ackNeeded && !arriveNeeded) return toAckView(d, true);
        if (ackNeeded) {
          // Exactly at the deadline is on time; later is late, and still recorded.
          const late = now.getTime() > d.ack_deadline.getTime();
          Object.assign(set, { acknowledged_at: now.toISOString(), ack_late: late });
          next = { ...next, acknowledged_at: now, ack_late: late, status: 'acknowledged' };
          tx.emit(
            'dispatch.acknowledged',
            payloadOf(next, { late, at: now.toISOString() }),
            scopeOf(d),
          );
        }
        if (arriveNeeded) {
          const late = d.arrive_deadline !== null && now.getTime() > d.arrive_deadline.getTime();
          const hasFix = body.lon !== undefined && body.lat !== undefined;
          const dist = hasFix
            ? distanceM([body.lon ?? 0, body.lat ?? 0], [d.point_lon, d.point_lat])
            : null;
          const far = dist === null ? null : dist > this.config.arrivalMaxDistanceM;
          Object.assign(set, {
            arrived_at: now.toISOString(),
            arrive_late: late,
            arrival_lon: body.lon ?? null,
            arrival_lat: body.lat ?? null,
            arrival_distance_m: dist,
            arrival_far: far,
            depth_m: body.depthM ?? null,
            closed_at: now.toISOString(),
          });
          next = {
            ...next,
            arrived_at: now,
            arrive_late: late,
            arrival_far: far,
            arrival_distance_m: dist,
            closed_at: now,
            status: 'on_site',
          };
          tx.emit(
            'dispatch.arrived',
            payloadOf(next, {
              late,
              ...(far === null ? {} : { far }),
              at: now.toISOString(),
              // For replay: what the board shows of the arrival.
              distanceM: dist,
              depthM: body.depthM ?? null,
            }),
            scopeOf(d),
          );
        }
        set.status = next.status;
        await this.repo.update(tx.manager, id, set);
        // Answered ladders have nothing left to do (their handlers would no-op anyway).
        await this.timers.cancelMany(
          tx.manager,
          DEADLINE_QUEUE,
          this.dispatch.cancelKeys(id, arriveNeeded ? 'all' : 'ack'),
        );
        return toAckView(next, false);
      },
      { allowNoEvent: true },
    );
    return result;
  }
}
