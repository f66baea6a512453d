import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type {
  CapIdentityDto,
  CapLogPageDto,
  CapMessageDto,
  WarningDetailDto,
  WarningDto,
  WarningsQuery,
} from '@sanfang/shared';
import { notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { EventLog } from '../events/event-log.service';
import { Timers } from '../timers/timers.service';
import type { CapMessage } from './entities/cap-message.entity';
import type { Warning } from './entities/warning.entity';
import { EXPIRE_QUEUE, type ExpireData } from './lineage.service';
import { SuggestionsService } from './suggestions.service';
import { effectiveState, emitWarning } from './warning-events';
import { WarningsRepository } from './warnings.repository';

class NoOp extends Error {}

/** How often active warnings are swept for a passed expiry (the screen is right within this). */
export const EXPIRY_SWEEP_MS = 1_000;

/** Reads of warnings and the feed log, and expiry. */
@Injectable()
export class WarningsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Warnings');
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  private sweepWarnedAt = 0;

  constructor(
    private readonly repo: WarningsRepository,
    private readonly events: EventLog,
    private readonly timers: Timers,
    private readonly suggestions: SuggestionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Expiry timers scheduled per message by earlier versions still fire (idempotent).
    this.timers.handle<ExpireData>(EXPIRE_QUEUE, async (d) => {
      await this.expire(d);
    });
  }

  /**
   * Expiry is one sweep over the active warnings' expiries (an indexed column), every
   * EXPIRY_SWEEP_MS on every instance, not a pg-boss job per CAP message (issue 21: each
   * Update rescheduled one). Durable as the warnings are; after a restart the first sweep
   * expires whatever fell due meanwhile. expire() decides under the lineage lock, so two
   * instances sweeping at once expire a warning once.
   */
  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => {
      this.sweeping ??= this.sweepExpired().finally(() => (this.sweeping = null));
    }, EXPIRY_SWEEP_MS);
    this.sweepTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await this.sweeping;
  }

  /** Expires every active warning past its expiry; returns how many it expired. */
  async sweepExpired(): Promise<number> {
    let expired = 0;
    try {
      for (const d of await this.repo.expiring(100)) if (await this.expire(d)) expired++;
    } catch (e) {
      // The database is away: the next sweep tries again (health reports the outage); said
      // once a minute, not every second.
      if (Date.now() - this.sweepWarnedAt > 60_000) {
        this.sweepWarnedAt = Date.now();
        this.log.warn(`expiry sweep: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return expired;
  }

  /** Idempotent: only the still-current, still-active, past-due message expires. */
  async expire(d: ExpireData): Promise<boolean> {
    try {
      await this.events.write('timer:warnings.expire', async (tx) => {
        await this.repo.lockLineage(tx.manager);
        const w = await this.repo.lockWarning(tx.manager, d.warningId);
        const now = this.clock.now();
        if (!w || w.currentMessageId !== d.messageId || w.state !== 'active') throw new NoOp();
        if (!w.expires || w.expires > now) throw new NoOp();
        const ctx = this.suggestions.inTx(tx);
        await this.suggestions.around(ctx, tx, w, 'expired', async () => {
          w.state = 'expired';
          await this.repo.saveWarning(tx.manager, w);
          emitWarning(tx, 'warning.expired', w, { msgType: 'Update' });
        });
      });
      return true;
    } catch (e) {
      if (e instanceof NoOp) return false;
      throw e;
    }
  }

  async list(q: WarningsQuery): Promise<WarningDto[]> {
    const now = this.clock.now();
    const rows = await this.repo.warnings({ active: q.active, now, limit: q.limit });
    const chains = await this.repo.chainIdentities(rows.map((w) => w.id));
    return Promise.all(rows.map((w) => this.toDto(w, now, undefined, chains.get(w.id) ?? [])));
  }

  async get(id: string): Promise<WarningDetailDto> {
    const w = await this.repo.warning(id);
    if (!w) throw notFound('Warning');
    const chain = await this.repo.chain(id);
    return {
      ...(await this.toDto(w, this.clock.now(), chain, chain.map(identityOf))),
      chain: chain.map(messageDto),
    };
  }

  /** One page of the CAP log, newest first (received time, then id, so pages never overlap). */
  async feedLog(limit: number, offset: number): Promise<CapLogPageDto> {
    const [rows, total] = await this.repo.feedLog(limit, offset);
    return { total, offset, limit, messages: rows.map(messageDto) };
  }

  private async toDto(
    w: Warning,
    now: Date,
    chain: CapMessage[] | undefined,
    chainIdentities: CapIdentityDto[],
  ): Promise<WarningDto> {
    const current =
      chain?.find((m) => m.id === w.currentMessageId) ??
      (await this.repo.message(w.currentMessageId));
    return {
      id: w.id,
      hazard: w.hazard,
      colour: w.colour,
      level: w.level,
      severity: w.severity,
      status: w.status,
      drill: w.status === 'Exercise',
      state: effectiveState(w, now),
      headline: w.headline,
      description: current?.description ?? '',
      instruction: current?.instruction ?? '',
      event: current?.event ?? '',
      subdistrictCodes: w.subdistrictCodes,
      districtWide: w.districtWide,
      inDistrict: w.inDistrict,
      areas: (current?.areas ?? []).map((a) => ({
        areaDesc: a.areaDesc,
        polygons: a.polygons,
        circles: a.circles,
        geocodes: a.geocodes,
      })),
      issuedAt: w.issuedAt.toISOString(),
      updatedAt: w.updatedAt.toISOString(),
      effective: current?.effective?.toISOString() ?? null,
      expires: w.expires?.toISOString() ?? null,
      currentMessageId: w.currentMessageId,
      current: current
        ? identityOf(current)
        : { sender: '', identifier: '', sent: w.currentSent.toISOString(), msgType: 'Alert' },
      chainIdentities,
      expiresAssumed: w.expiresAssumed,
      missingEarlier: w.missingEarlier,
      signature: { state: current?.signature ?? 'absent', by: current?.signedBy ?? null },
      texts: current?.texts ?? [],
    };
  }
}

export function messageDto(m: CapMessage): CapMessageDto {
  return {
    id: m.id,
    sender: m.sender,
    identifier: m.identifier,
    sent: m.sent.toISOString(),
    status: m.status,
    msgType: m.msgType,
    scope: m.scope,
    references: m.references,
    outcome: m.outcome,
    warningId: m.warningId,
    orphan: m.orphan,
    hazard: m.hazard,
    colour: m.colour,
    headline: m.headline,
    expires: m.expires?.toISOString() ?? null,
    sha256: m.sha256,
    receivedAt: m.receivedAt.toISOString(),
    source: m.source,
    encoding: m.encoding,
    signature: { state: m.signature, by: m.signedBy },
    expiresAssumed: m.expiresAssumed,
  };
}

const identityOf = (m: Pick<CapMessage, 'sender' | 'identifier' | 'sent' | 'msgType'>) => ({
  sender: m.sender,
  identifier: m.identifier,
  sent: m.sent.toISOString(),
  msgType: m.msgType,
});
