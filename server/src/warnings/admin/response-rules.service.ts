import { Injectable } from '@nestjs/common';
import type { ResponseRuleDto, ResponseRuleInput } from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { notFound } from '../../common/api-exception';
import { EventLog } from '../../events/event-log.service';
import type { ResponseRule } from '../entities/response-rule.entity';
import { WarningsRepository } from '../warnings.repository';

const toDto = (r: ResponseRule): ResponseRuleDto => ({
  id: r.id,
  hazard: r.hazard,
  colour: r.colour,
  responseHazard: r.responseHazard,
  level: r.level,
  autoApply: r.autoApply,
  note: r.note,
  updatedAt: r.updatedAt.toISOString(),
});

/** The warning → response table, edited by admins (one row per hazard + colour). */
@Injectable()
export class ResponseRulesService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: WarningsRepository,
  ) {}

  async list(): Promise<ResponseRuleDto[]> {
    return (await this.repo.rules(null)).map(toDto);
  }

  /** Creates or replaces the row for (hazard, colour). */
  put(user: AuthUser, body: ResponseRuleInput): Promise<ResponseRuleDto> {
    return this.events.write(user.username, async (tx) => {
      const existing = await this.repo.ruleFor(tx.manager, body.hazard, body.colour);
      const row = await this.repo.saveRule(tx.manager, existing, body);
      tx.emit('cap.config_changed', {
        what: 'response_rule',
        action: existing ? 'updated' : 'created',
        id: row.id,
        name: `${row.hazard} ${row.colour} → ${row.responseHazard} ${row.level}${row.autoApply ? ' (auto)' : ''}`,
      });
      return toDto(row);
    });
  }

  remove(user: AuthUser, id: string): Promise<ResponseRuleDto> {
    return this.events.write(user.username, async (tx) => {
      const row = await this.repo.rule(tx.manager, id);
      if (!row) throw notFound('Response rule');
      await this.repo.deleteRule(tx.manager, id);
      tx.emit('cap.config_changed', {
        what: 'response_rule',
        action: 'deleted',
        id,
        name: `${row.hazard} ${row.colour}`,
      });
      return toDto(row);
    });
  }
}
