import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  type ChangeLevel,
  type EndResponse,
  type HistoryAction,
  type ResponseDto,
  type ResponseEventPayload,
  type ResponseLevel,
  type ResponsesQuery,
  type StartResponse,
  levelRank,
} from '@sanfang/shared';
import { QueryFailedError } from 'typeorm';
import { ApiException, notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { DispatchService } from '../dispatch/dispatch.service';
import { Outbox } from '../dispatch/notify/outbox.service';
import type { ResponseRecord } from './entities/response.entity';
import { SubdistrictCheck } from '../geo/subdistrict-check';
import { ResponsesRepository } from './responses.repository';
import { toResponseDto } from './responses.mappers';

export interface Provenance {
  warningId?: string | null;
  suggestionId?: string | null;
}

const conflict = (message: string, path?: string): ApiException =>
  new ApiException(HttpStatus.CONFLICT, 'CONFLICT', message, path);
const ended = (): ApiException => new ApiException(HttpStatus.CONFLICT, 'RESPONSE_ENDED');

const sameCodes = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const norm = (codes: string[]): string[] => [...new Set(codes)].sort();

/**
 * Starting, changing and ending responses. Each change is one transaction: the response row,
 * its history entry, its event, and the call-outs it implies (DispatchService.follow).
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: ResponsesRepository,
    private readonly dispatch: DispatchService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subdistricts: SubdistrictCheck,
  ) {}

  async start(actor: string, body: StartResponse): Promise<ResponseDto> {
    await this.checkCodes(body.subdistrictCodes);
    const r = await this.run(actor, (tx) =>
      this.startIn(tx, actor, body, { warningId: body.warningId ?? null }),
    );
    return this.get(r.id);
  }

  async changeLevel(actor: string, id: string, body: ChangeLevel): Promise<ResponseDto> {
    if (body.subdistrictCodes) await this.checkCodes(body.subdistrictCodes);
    await this.run(actor, async (tx) => {
      const r = await this.repo.lock(tx.manager, id);
      if (!r) throw notFound('Response');
      return this.changeIn(tx, actor, r, body.level, body.subdistrictCodes, body.reason, {
        warningId: body.warningId ?? null,
      });
    });
    return this.get(id);
  }

  async end(actor: string, id: string, body: EndResponse): Promise<ResponseDto> {
    await this.run(actor, async (tx) => {
      const r = await this.repo.lock(tx.manager, id);
      if (!r) throw notFound('Response');
      return this.endIn(tx, actor, r, body.reason, { warningId: body.warningId ?? null });
    });
    return this.get(id);
  }

  async list(q: ResponsesQuery): Promise<ResponseDto[]> {
    const rows = await this.repo.list(q.status);
    const history = await this.repo.history(rows.map((r) => r.id));
    return rows.map((r) =>
      toResponseDto(
        r,
        history.filter((h) => h.responseId === r.id),
      ),
    );
  }

  async get(id: string): Promise<ResponseDto> {
    const all = await this.repo.list('all');
    const r = all.find((x) => x.id === id);
    if (!r) throw notFound('Response');
    return toResponseDto(r, await this.repo.history([id]));
  }

  /** Runs a write, turns a lost race on the one-active index into 409, kicks delivery. */
  private async run(
    actor: string,
    fn: (tx: EventTx) => Promise<{ response: ResponseRecord; batch: string | null }>,
  ): Promise<ResponseRecord> {
    try {
      const out = await this.events.write(actor, fn);
      this.outbox.kick([out.batch]);
      return out.response;
    } catch (e) {
      if (e instanceof QueryFailedError && /uq_responses_active/.test(e.message)) {
        throw conflict('An active response for this hazard already exists', 'body.hazard');
      }
      throw e;
    }
  }

  async startIn(
    tx: EventTx,
    actor: string,
    body: Omit<StartResponse, 'warningId'>,
    prov: Provenance & { warningId?: string | null },
  ): Promise<{ response: ResponseRecord; batch: string | null }> {
    const jurisdiction = await this.repo.districtCode();
    const existing = await this.repo.active(tx.manager, body.hazard, jurisdiction);
    if (existing) {
      throw conflict(
        `A ${body.hazard} response (${existing.level}) is already active: change or end it`,
        'body.hazard',
      );
    }
    const now = this.clock.now();
    const codes = norm(body.subdistrictCodes);
    const r = await this.repo.insert(tx.manager, {
      hazard: body.hazard,
      jurisdiction,
      level: body.level,
      status: 'active',
      subdistrictCodes: codes,
      preemptive: body.preemptive,
      warningId: prov.warningId ?? null,
      startedAt: now,
      startedBy: actor,
      endedAt: null,
    });
    await this.record(
      tx,
      actor,
      r,
      'start',
      null,
      null,
      body.reason,
      prov,
      now,
      'response.started',
    );
    const batch = await this.dispatch.follow(tx, this.state(r), now);
    return { response: r, batch };
  }

  async changeIn(
    tx: EventTx,
    actor: string,
    r: ResponseRecord,
    level: ResponseLevel,
    codes: string[] | undefined,
    reason: string,
    prov: Provenance,
  ): Promise<{ response: ResponseRecord; batch: string | null }> {
    if (r.status === 'ended') throw ended();
    const newCodes = codes ? norm(codes) : r.subdistrictCodes;
    const prevLevel = r.level;
    const prevCodes = r.subdistrictCodes;
    if (level === prevLevel && sameCodes(newCodes, prevCodes)) {
      throw conflict(`The response is already at level ${level} over this area`, 'body.level');
    }
    const action: HistoryAction =
      levelRank(level) > levelRank(prevLevel)
        ? 'raise'
        : levelRank(level) < levelRank(prevLevel)
          ? 'lower'
          : 'area';
    const now = this.clock.now();
    r.level = level;
    r.subdistrictCodes = newCodes;
    await this.repo.save(tx.manager, r);
    await this.record(
      tx,
      actor,
      r,
      action,
      prevLevel,
      prevCodes,
      reason,
      prov,
      now,
      'response.level_changed',
    );
    const batch = await this.dispatch.follow(tx, this.state(r), now);
    return { response: r, batch };
  }

  async endIn(
    tx: EventTx,
    actor: string,
    r: ResponseRecord,
    reason: string,
    prov: Provenance,
  ): Promise<{ response: ResponseRecord; batch: string | null }> {
    if (r.status === 'ended') throw ended();
    const now = this.clock.now();
    r.status = 'ended';
    r.endedAt = now;
    await this.repo.save(tx.manager, r);
    await this.record(
      tx,
      actor,
      r,
      'end',
      r.level,
      r.subdistrictCodes,
      reason,
      prov,
      now,
      'response.ended',
    );
    const batch = await this.dispatch.follow(tx, this.state(r), now);
    return { response: r, batch };
  }

  private state(r: ResponseRecord) {
    return {
      id: r.id,
      hazard: r.hazard,
      level: r.level,
      active: r.status === 'active',
      subdistrictCodes: r.subdistrictCodes,
    };
  }

  private async record(
    tx: EventTx,
    actor: string,
    r: ResponseRecord,
    action: HistoryAction,
    previousLevel: ResponseLevel | null,
    previousCodes: string[] | null,
    reason: string,
    prov: Provenance,
    now: Date,
    type: 'response.started' | 'response.level_changed' | 'response.ended',
  ): Promise<void> {
    const warningId = prov.warningId ?? null;
    await this.repo.addHistory(tx.manager, {
      responseId: r.id,
      action,
      previousLevel,
      level: r.level,
      previousSubdistrictCodes: previousCodes,
      subdistrictCodes: r.subdistrictCodes,
      actor,
      reason,
      warningId,
      suggestionId: prov.suggestionId ?? null,
      at: now,
    });
    const payload: ResponseEventPayload = {
      responseId: r.id,
      hazard: r.hazard,
      level: r.level,
      previousLevel,
      subdistrictCodes: r.subdistrictCodes,
      reason,
      preemptive: r.preemptive,
      warningId,
    };
    // Widening or narrowing concerns both the old and the new area.
    const scope = [...new Set([...(previousCodes ?? []), ...r.subdistrictCodes])];
    tx.emit(type, payload, {
      subdistrictCodes: r.subdistrictCodes.length === 0 || previousCodes?.length === 0 ? [] : scope,
    });
  }

  private checkCodes(codes: string[]): Promise<void> {
    return this.subdistricts.assertKnown(codes, 'body.subdistrictCodes');
  }
}
