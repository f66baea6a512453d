import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { capSettingsSchema, type CapSettings } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth.types';
import { readSetting, writeSetting } from '../../core/settings/app-settings';
import { EventLog } from '../../events/event-log.service';

const KEY = 'cap.settings';
/** Other instances pick up an admin's change within this time. */
const CACHE_MS = 30_000;

/** CAP ingest settings kept in app_settings: the lifetime assumed when <expires> is absent. */
@Injectable()
export class CapSettingsService {
  private cached: { value: CapSettings; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
  ) {}

  async get(): Promise<CapSettings> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.value;
    const raw = await readSetting(this.ds.manager, KEY);
    const parsed = capSettingsSchema.safeParse(raw === null ? {} : JSON.parse(raw));
    const value = parsed.success ? parsed.data : capSettingsSchema.parse({});
    this.cached = { value, until: Date.now() + CACHE_MS };
    return value;
  }

  async put(user: AuthUser, body: CapSettings): Promise<CapSettings> {
    const saved = await this.events.write(user.username, async (tx) => {
      await writeSetting(tx.manager, KEY, JSON.stringify(body));
      tx.emit('cap.config_changed', {
        what: 'cap_settings',
        action: 'updated',
        id: KEY,
        name: `default lifetime ${body.defaultLifetimeH} h`,
      });
      return body;
    });
    this.cached = null;
    return saved;
  }
}

/** Hours a message without <expires> is assumed to last: by hazard, else category, else default. */
export function assumedLifetimeH(
  s: CapSettings,
  hazard: string | null,
  category: string | null,
): number {
  return (
    (hazard ? s.lifetimeByHazardH[hazard] : undefined) ??
    (category ? s.lifetimeByCategoryH[category] : undefined) ??
    s.defaultLifetimeH
  );
}
