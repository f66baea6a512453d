import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  TEAM_STATUSES,
  TEAM_TRANSITIONS,
  type TeamPosition,
  type TeamPositionBatch,
  type TeamPositionBatchResult,
  type TeamStatus,
  type TeamStatusChange,
  type TeamStatusPayload,
} from '@sanfang/shared';
import { ApiException, notFound } from '../../common/api-exception';
import { CLOCK, type Clock } from '../../core/clock';
import type { EventTx } from '../../events/event-log';
import { EventLog } from '../../events/event-log.service';
import { Timers } from '../../timers/timers.service';
import { badRequest } from '../common/resource-errors';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { type StoredFix, TeamsRepository } from './teams.repository';

const STALE_QUEUE = 'resources.team-position-stale';
/** A fix dated further ahead than this is a clock fault at the sender, not a position. */
const MAX_FUTURE_MS = 60_000;

interface StaleTimerData {
  fixes: { teamId: string; at: string }[];
}

const allowedFrom = (to: TeamStatus): TeamStatus[] =>
  TEAM_STATUSES.filter((s) => TEAM_TRANSITIONS[s].includes(to));

@Injectable()
export class TeamsService implements OnModuleInit {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly timers: Timers,
    private readonly repo: TeamsRepository,
  ) {}

  onModuleInit(): void {
    this.timers.handle<StaleTimerData>(STALE_QUEUE, (data) => this.announceStale(data));
  }

  async changeStatus(id: string, by: string, body: TeamStatusChange): Promise<TeamStatusPayload> {
    return this.events.write(by, async (tx) => {
      const r = await this.repo.transition(
        tx.manager,
        id,
        allowedFrom(body.status),
        body.status,
        body.expectedStatus ?? null,
      );
      if (!r) {
        const t = await this.repo.find(tx.manager, id);
        if (!t || t.retiredAt) throw notFound('Rescue team');
        const msg =
          body.expectedStatus && body.expectedStatus !== t.status
            ? `The team is ${t.status}, not ${body.expectedStatus}`
            : `A team that is ${t.status} cannot become ${body.status} (allowed: ${TEAM_TRANSITIONS[t.status].join(', ')})`;
        throw new ApiException(HttpStatus.CONFLICT, 'TEAM_INVALID_TRANSITION', msg, 'body.status');
      }
      const payload: TeamStatusPayload = {
        teamId: id,
        subdistrictCode: r.subdistrictCode,
        status: body.status,
        previousStatus: r.previous,
        incidentId: null,
        by,
        reason: body.reason ?? null,
      };
      tx.emit('team.status_changed', payload, { subdistrictCodes: [r.subdistrictCode] });
      return payload;
    });
  }

  async reportPosition(
    id: string,
    by: string,
    body: TeamPosition,
  ): Promise<TeamPositionBatchResult> {
    const at = this.fixTime(body.at, 'body.at');
    const { result } = await this.events.writeWithEvents(
      by,
      async (tx) => {
        const t = await this.repo.find(tx.manager, id);
        if (!t || t.retiredAt) throw notFound('Rescue team');
        const stored = await this.store(tx, [{ teamId: id, lon: body.lon, lat: body.lat, at }]);
        return stored.length > 0
          ? { accepted: 1, ignored: [] }
          : { accepted: 0, ignored: [{ teamCode: t.code, reason: 'older than the last fix' }] };
      },
      // An older fix than the one held changes nothing, so it records nothing.
      { allowNoEvent: true },
    );
    return result;
  }

  /** The vehicle-tracking gateway: many teams in one request, one coalesced event. */
  async reportPositions(by: string, body: TeamPositionBatch): Promise<TeamPositionBatchResult> {
    const fixes = body.positions.map((p, i) => ({
      ...p,
      at: this.fixTime(p.at, `body.positions.${i}.at`),
    }));
    const { result } = await this.events.writeWithEvents(
      by,
      async (tx) => {
        const ids = await this.repo.idsByCode(tx.manager, [
          ...new Set(fixes.map((f) => f.teamCode)),
        ]);
        const unknown = fixes.findIndex((f) => !ids.has(f.teamCode));
        if (unknown >= 0) {
          // All or nothing: a batch naming an unknown team is refused whole.
          throw badRequest(
            `Unknown rescue team code: ${fixes[unknown]?.teamCode ?? ''}`,
            `body.positions.${unknown}.teamCode`,
          );
        }
        const withIds = fixes.map((f) => ({
          teamId: ids.get(f.teamCode) ?? '',
          teamCode: f.teamCode,
          lon: f.lon,
          lat: f.lat,
          at: f.at,
        }));
        const stored = await this.store(tx, withIds);
        const kept = new Set(stored.map((f) => `${f.teamId}@${f.at.getTime()}`));
        const ignored = withIds
          .filter((f) => !kept.has(`${f.teamId}@${f.at.getTime()}`))
          .map((f) => ({ teamCode: f.teamCode, reason: 'not newer than the last fix' }));
        return { accepted: stored.length, ignored };
      },
      { allowNoEvent: true },
    );
    return result;
  }

  private async store(
    tx: EventTx,
    fixes: { teamId: string; lon: number; lat: number; at: Date }[],
  ): Promise<StoredFix[]> {
    const stored = await this.repo.storeFixes(tx.manager, fixes);
    if (stored.length === 0) return [];
    tx.emit(
      'team.position_updated',
      {
        positions: stored.map((f) => ({
          teamId: f.teamId,
          subdistrictCode: f.subdistrictCode,
          lon: f.lon,
          lat: f.lat,
          at: f.at.toISOString(),
        })),
      },
      { subdistrictCodes: stored.map((f) => f.subdistrictCode) },
    );
    // One timer per request, at the newest fix + the stale age: it announces every fix of the
    // request that is still the team's latest (older fixes in the batch by at most its spread).
    const { positionStaleAfterS } = await readResourceSettings(tx.manager);
    const newest = Math.max(...stored.map((f) => f.at.getTime()));
    // Each request's fixes are one firing of their own.
    const key = `${newest}:${randomUUID()}`;
    await this.timers.schedule<StaleTimerData>(
      tx.manager,
      STALE_QUEUE,
      key,
      new Date(newest + positionStaleAfterS * 1000),
      { fixes: stored.map((f) => ({ teamId: f.teamId, at: f.at.toISOString() })) },
    );
    return stored;
  }

  /** Idempotent: each fix is announced at most once, and not at all once a newer one came. */
  private async announceStale(data: StaleTimerData): Promise<void> {
    await this.events.writeWithEvents(
      'timer:team-position-stale',
      async (tx) => {
        const marked = await this.repo.markStale(tx.manager, data.fixes);
        for (const m of marked) {
          tx.emit(
            'team.position_stale',
            {
              teamId: m.teamId,
              subdistrictCode: m.subdistrictCode,
              lastSeenAt: m.lastSeenAt.toISOString(),
            },
            { subdistrictCodes: [m.subdistrictCode] },
          );
        }
      },
      // Nothing to announce (a newer fix arrived) changes nothing.
      { allowNoEvent: true },
    );
  }

  private fixTime(at: string | undefined, path: string): Date {
    const now = this.clock.now();
    if (at === undefined) return now;
    const d = new Date(at);
    if (d.getTime() > now.getTime() + MAX_FUTURE_MS) {
      throw badRequest(`${path}: the fix time is in the future`, path);
    }
    return d;
  }
}
