import { Injectable } from '@nestjs/common';
import type { DutyRuleDto, DutyRuleInput, IncidentSettings } from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { EventLog } from '../events/event-log.service';
import { IncidentsRepository } from './incidents.repository';
import { toRuleDto } from './incidents.mapper';

/** Admin-editable configuration: reporting duty rules and storm/sensor/report settings. */
@Injectable()
export class IncidentConfigService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: IncidentsRepository,
  ) {}

  async rules(): Promise<DutyRuleDto[]> {
    return (await this.repo.rules()).map(toRuleDto);
  }

  /** Upserts one rule; duties already started keep the due times they were given. */
  async putRule(user: AuthUser, code: string, body: DutyRuleInput): Promise<DutyRuleDto> {
    return this.events.write(user.username, async (tx) => {
      const saved = await this.repo.saveRule(tx.manager, { code, ...body });
      tx.emit('incident.config_changed', { what: 'duty_rule', code });
      return toRuleDto(saved);
    });
  }

  settings(): Promise<IncidentSettings> {
    return this.repo.settings();
  }

  async putSettings(user: AuthUser, body: IncidentSettings): Promise<IncidentSettings> {
    return this.events.write(user.username, async (tx) => {
      await this.repo.saveSettings(tx.manager, body);
      tx.emit('incident.config_changed', { what: 'settings', code: null });
      return body;
    });
  }
}
