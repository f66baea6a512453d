import { Injectable } from '@nestjs/common';
import type { ResponseSuggestion } from '@sanfang/shared';
import type { EventTx } from '../events/event-log';
import type { ResponseRule } from './entities/response-rule.entity';
import { ResponseSuggestionRow } from './entities/suggestion.entity';
import type { Warning } from './entities/warning.entity';
import { demands, type LiveWarning, suggest, type SuggestionCause } from './suggestions';
import { WarningsRepository } from './warnings.repository';

/** Where the rules and the live warnings are read, and where a suggestion is stored. */
export interface SuggestionContext {
  rules(): Promise<ResponseRule[]>;
  live(): Promise<LiveWarning[]>;
  record(s: ResponseSuggestion): Promise<void>;
}

/** The stored row of a suggestion (created_at is the database's). */
export function suggestionRow(s: ResponseSuggestion): ResponseSuggestionRow {
  return Object.assign(new ResponseSuggestionRow(), {
    id: s.suggestionId,
    warningId: s.warningId,
    hazard: s.hazard,
    level: s.level,
    action: s.action,
    reason: s.reason,
    autoApply: s.autoApply,
  });
}

/**
 * Raises `response.suggested` when a change to one Actual warning changes what the live
 * warnings call for (per the admin's table). It only suggests; the responses feature acts.
 */
@Injectable()
export class SuggestionsService {
  constructor(private readonly repo: WarningsRepository) {}

  /** The context of a plain transaction: every read goes to the database. */
  inTx(tx: EventTx): SuggestionContext {
    return {
      rules: () => this.repo.rules(tx.manager),
      live: () => this.repo.liveWarnings(tx.manager),
      record: async (s) => {
        await this.repo.insertSuggestion(tx.manager, suggestionRow(s));
      },
    };
  }

  async around(
    ctx: SuggestionContext,
    tx: EventTx,
    warning: Warning | (() => Warning | null),
    cause: SuggestionCause,
    change: () => Promise<void> | void,
  ): Promise<void> {
    const rules = await ctx.rules();
    const before = demands(await ctx.live(), rules);
    await change();
    const w = typeof warning === 'function' ? warning() : warning;
    // Exercise, Test, Draft and System never suggest anything live.
    if (!w || w.status !== 'Actual') return;
    const after = demands(await ctx.live(), rules);
    for (const s of suggest(before, after, w, cause)) {
      await ctx.record(s);
      tx.emit('response.suggested', s, { subdistrictCodes: s.subdistrictCodes });
    }
  }
}
