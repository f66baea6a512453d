import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResourceSettings, UpdateResourceSettings } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth.types';
import { EventLog } from '../../events/event-log.service';
import {
  lockResourceSettings,
  readResourceSettings,
  writeResourceSettings,
} from '../../core/settings/resource-settings';

@Injectable()
export class ResourceSettingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
  ) {}

  get(): Promise<ResourceSettings> {
    return readResourceSettings(this.ds.manager);
  }

  update(user: AuthUser, patch: UpdateResourceSettings): Promise<ResourceSettings> {
    return this.events.write(user.username, async (tx) => {
      await lockResourceSettings(tx.manager);
      const next = { ...(await readResourceSettings(tx.manager)), ...patch };
      await writeResourceSettings(tx.manager, next);
      tx.emit('resources.settings_changed', { settings: next, by: user.username });
      return next;
    });
  }
}
