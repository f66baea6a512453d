import type { EntityManager } from 'typeorm';
import { AppSetting } from './app-setting.entity';

/** One app_settings value (a JSON text by convention), or null when unset. */
export async function readSetting(m: EntityManager, key: string): Promise<string | null> {
  const row = await m.getRepository(AppSetting).findOne({ where: { key } });
  return row?.value ?? null;
}

export async function writeSetting(m: EntityManager, key: string, value: string): Promise<void> {
  await m.getRepository(AppSetting).save({ key, value });
}
