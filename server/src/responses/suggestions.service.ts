import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type DecideSuggestion,
  type ResponseSuggestion,
  type SuggestionDto,
  type SuggestionFailure,
  type SuggestionsQuery,
} from '@sanfang/shared';
import { ApiException, notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import type { CommittedEvent, EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { Reactors } from '../events/reactors.service';
import { Outbox } from '../dispatch/notify/outbox.service';
import type { ResponseSuggestionRecord } from './entities/response-suggestion.entity';
import { ResponsesRepository } from './responses.repository';
import { ResponsesService } from './responses.service';
import { toSuggestionDto } from './responses.mappers';

export const AUTO_APPLY_ACTOR = 'auto-apply';

type Plan =
  | { ok: true; run: (tx: EventTx, actor: string) => ReturnType<ResponsesService['startIn']> }
  | { ok: false; why: string; failure: SuggestionFailure };

const union = (a: string[], b: string[]): string[] =>
  a.length === 0 || b.length === 0 ? [] : [...new Set([...a, ...b])].sort();

/**
 * Suggestions from the warnings feature: recorded by a reactor (pending), accepted by a
 * commander in one click, dismissed, or applied at once when the table row says autoApply.
 */
@Injectable()
export class SuggestionsService implements OnModuleInit {
  constructor(
    private readonly events: EventLog,
    private readonly reactors: Reactors,
    private readonly repo: ResponsesRepository,
    private readonly responses: ResponsesService,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.reactors.register({
      name: 'responses.suggestions',
      types: ['response.suggested'],
      handle: (e, tx) => this.onSuggested(e, tx),
    });
  }

  private async onSuggested(e: CommittedEvent, tx: EventTx): Promise<void> {
    const p = e.payload as ResponseSuggestion;
    const s: ResponseSuggestionRecord = {
      id: p.suggestionId,
      warningId: p.warningId,
      hazard: p.hazard,
      level: p.level,
      action: p.action,
      subdistrictCodes: [...p.subdistrictCodes].sort(),
      reason: p.reason,
      basis: p.basis ?? null,
      autoApply: p.autoApply,
      status: 'pending',
      responseId: null,
      decidedBy: null,
      decidedAt: null,
      note: null,
      receivedAt: new Date(e.occurredAt),
    };
    const fresh = await this.repo.insertSuggestion(tx.manager, s);
    if (!fresh || !p.autoApply) return;
    // Automatic: same path as a commander's click; a suggestion that no longer fits is kept
    // as failed with the reason rather than blocking the reactor.
    await this.decide(tx, s, AUTO_APPLY_ACTOR, 'applied');
  }

  async accept(actor: string, id: string, body: DecideSuggestion): Promise<SuggestionDto> {
    const batch = await this.events.write(actor, async (tx) => {
      const s = await this.repo.lockSuggestion(tx.manager, id);
      if (!s) throw notFound('Suggestion');
      if (s.status !== 'pending') {
        throw new ApiException(
          HttpStatus.CONFLICT,
          'CONFLICT',
          `The suggestion is already ${s.status}`,
        );
      }
      const out = await this.decide(tx, s, actor, 'accepted', body.reason);
      if (out.failed) throw new ApiException(HttpStatus.CONFLICT, 'CONFLICT', out.failed);
      return out.batch;
    });
    this.outbox.kick([batch]);
    return this.one(id);
  }

  async dismiss(actor: string, id: string, body: DecideSuggestion): Promise<SuggestionDto> {
    await this.events.write(actor, async (tx) => {
      const s = await this.repo.lockSuggestion(tx.manager, id);
      if (!s) throw notFound('Suggestion');
      if (s.status !== 'pending') {
        throw new ApiException(
          HttpStatus.CONFLICT,
          'CONFLICT',
          `The suggestion is already ${s.status}`,
        );
      }
      await this.close(tx, s, 'dismissed', actor, body.reason ?? null);
    });
    return this.one(id);
  }

  async list(q: SuggestionsQuery): Promise<SuggestionDto[]> {
    return (await this.repo.suggestions(q.status)).map(toSuggestionDto);
  }

  private async one(id: string): Promise<SuggestionDto> {
    const s = (await this.repo.suggestions('all')).find((x) => x.id === id);
    if (!s) throw notFound('Suggestion');
    return toSuggestionDto(s);
  }

  private async decide(
    tx: EventTx,
    s: ResponseSuggestionRecord,
    actor: string,
    status: 'accepted' | 'applied',
    reason?: string,
  ): Promise<{ batch: string | null; failed: string | null }> {
    const plan = await this.plan(tx, s, reason);
    if (!plan.ok) {
      if (status === 'applied') await this.close(tx, s, 'failed', actor, plan.why, plan.failure);
      return { batch: null, failed: plan.why };
    }
    const out = await plan.run(tx, actor);
    s.responseId = out.response.id;
    await this.close(tx, s, status, actor, reason ?? null);
    return { batch: out.batch, failed: null };
  }

  /** Decides what the suggestion means now, without side effects. */
  private async plan(tx: EventTx, s: ResponseSuggestionRecord, reason?: string): Promise<Plan> {
    // The response's reason is read in the console: the warning's headline (in its feed's words)
    // rather than the suggestion's English summary, which stays on the suggestion.
    const ground = s.basis?.headline || s.reason;
    const why = reason ? `${ground} — ${reason}` : ground;
    const prov = { warningId: s.warningId, suggestionId: s.id };
    const jurisdiction = await this.repo.districtCode();
    const active = await this.repo.active(tx.manager, s.hazard, jurisdiction);
    if (s.action === 'end') {
      if (!active)
        return {
          ok: false,
          why: `No active ${s.hazard} response to end`,
          failure: 'no_active_response',
        };
      return { ok: true, run: (t, a) => this.responses.endIn(t, a, active, why, prov) };
    }
    const level = s.level;
    if (!level) return { ok: false, why: 'The suggestion names no level', failure: 'no_level' };
    if (!active) {
      if (s.action !== 'start')
        return {
          ok: false,
          why: `No active ${s.hazard} response to change`,
          failure: 'no_active_response',
        };
      return {
        ok: true,
        run: (t, a) =>
          this.responses.startIn(
            t,
            a,
            {
              hazard: s.hazard,
              level,
              subdistrictCodes: s.subdistrictCodes,
              reason: why,
              preemptive: false,
            },
            prov,
          ),
      };
    }
    // Start/raise over an active response widens it; lower keeps its area.
    const codes =
      s.action === 'lower'
        ? active.subdistrictCodes
        : union(active.subdistrictCodes, s.subdistrictCodes);
    const same =
      level === active.level &&
      codes.length === active.subdistrictCodes.length &&
      codes.every((c, i) => c === active.subdistrictCodes[i]);
    if (same)
      return {
        ok: false,
        why: `The ${s.hazard} response is already at level ${level}`,
        failure: 'already_at_level',
      };
    return {
      ok: true,
      run: (t, a) => this.responses.changeIn(t, a, active, level, codes, why, prov),
    };
  }

  private async close(
    tx: EventTx,
    s: ResponseSuggestionRecord,
    status: 'accepted' | 'applied' | 'dismissed' | 'failed',
    by: string,
    note: string | null,
    failure?: SuggestionFailure,
  ): Promise<void> {
    s.status = status;
    s.decidedBy = by;
    s.decidedAt = this.clock.now();
    s.note = note;
    await this.repo.saveSuggestion(tx.manager, s);
    tx.emit(
      'response.suggestion_decided',
      {
        suggestionId: s.id,
        status,
        responseId: s.responseId,
        by,
        note,
        ...(failure ? { failure } : {}),
      },
      { subdistrictCodes: s.subdistrictCodes },
    );
  }
}
