import {
  DEFAULT_RESOURCE_SETTINGS,
  resourceSettingsSchema,
  type ResourceSettings,
} from '@sanfang/shared';
import type { EntityManager } from 'typeorm';

const KEY = 'resources.settings';

/**
 * Resource thresholds live in app_settings so every instance sees an admin's change at once;
 * a missing or unreadable row falls back to the defaults field by field.
 */
export async function readResourceSettings(m: EntityManager): Promise<ResourceSettings> {
  const rows = await m.query<{ value: string }[]>(`SELECT value FROM app_settings WHERE key = $1`, [
    KEY,
  ]);
  const raw = rows[0]?.value;
  if (raw === undefined) return { ...DEFAULT_RESOURCE_SETTINGS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_RESOURCE_SETTINGS };
  }
  const merged = resourceSettingsSchema.safeParse({
    ...DEFAULT_RESOURCE_SETTINGS,
    ...(typeof parsed === 'object' && parsed !== null ? parsed : {}),
  });
  return merged.success ? merged.data : { ...DEFAULT_RESOURCE_SETTINGS };
}

export async function writeResourceSettings(m: EntityManager, s: ResourceSettings): Promise<void> {
  await m.query(
    `INSERT INTO app_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [KEY, JSON.stringify(s)],
  );
}

/** Serialises concurrent edits (in the caller's transaction) so one patch never drops another's field. */
export async function lockResourceSettings(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('resources.settings'))`);
}
