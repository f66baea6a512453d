import { Injectable } from '@nestjs/common';
import type { EventTx } from '../events/event-log';
import { ResponseSuggestionRow } from './entities/suggestion.entity';
import type { Warning } from './entities/warning.entity';
import { demands, suggest } from './suggestions';
import { WarningsRepository } from './warnings.repository';

/**
 * Raises `response.suggested` when a change to one Actual warning changes what the live
 * warnings call for (per the admin's table). It only suggests; the responses feature acts.
 */
@Injectable()
export class SuggestionsService {
  constructor(private readonly repo: WarningsRepository) {}

  async around(
    tx: EventTx,
    warning: Warning | (() => Warning | null),
    why: string,
    change: () => Promise<void>,
  ): Promise<void> {
    const rules = await this.repo.rules(tx.manager);
    const before = demands(await this.repo.liveWarnings(tx.manager), rules);
    await change();
    const w = typeof warning === 'function' ? warning() : warning;
    // Exercise, Test, Draft and System never suggest anything live.
    if (!w || w.status !== 'Actual') return;
    const after = demands(await this.repo.liveWarnings(tx.manager), rules);
    for (const s of suggest(before, after, w, why)) {
      await tx.manager.getRepository(ResponseSuggestionRow).insert({
        id: s.suggestionId,
        warningId: s.warningId,
        hazard: s.hazard,
        level: s.level,
        action: s.action,
        reason: s.reason,
        autoApply: s.autoApply,
      });
      tx.emit('response.suggested', s, { subdistrictCodes: s.subdistrictCodes });
    }
  }
}
