import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/** The flag that says a DATABASE_URL holds nothing real: demo seed and stored keys allowed. */
export const DISPOSABLE_FLAG = 'SANFANG_DISPOSABLE_DEMO';
export const DISPOSABLE_VALUE = 'yes-destroy-nothing-real';

/** A signing key and, during a rotation, the one before it (still accepted when verifying). */
export interface KeyPair {
  current: string;
  previous: string | null;
}

export const SECRET_MIN_LENGTH = 32;

/**
 * A secret from NAME or from the file NAME_FILE points at (how container secrets are
 * mounted); trailing line breaks of the file are dropped. Problems are reported per variable.
 */
export function readSecret(
  env: Record<string, string | undefined>,
  name: string,
  problems: string[],
): string | null {
  const direct = env[name] || undefined;
  const file = env[`${name}_FILE`] || undefined;
  if (direct !== undefined && file !== undefined) {
    problems.push(`  ${name}: set ${name} or ${name}_FILE, not both`);
    return null;
  }
  let value = direct;
  if (file !== undefined) {
    try {
      value = readFileSync(file, 'utf8').replace(/[\r\n]+$/, '');
    } catch (e) {
      problems.push(`  ${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code})`);
      return null;
    }
  }
  if (value === undefined) return null;
  if (value.length < SECRET_MIN_LENGTH) {
    problems.push(`  ${name}: must be at least ${SECRET_MIN_LENGTH} characters`);
    return null;
  }
  return value;
}

export type StoredSecretKey = 'jwt_secret' | 'ack_token_secret';

/**
 * The configured key, else (embedded or disposable databases only; loadConfig refuses the
 * rest) one generated once and kept in app_settings, so every instance and restart shares it.
 * There is never a built-in default key.
 */
export async function resolveStoredSecret(
  ds: DataSource,
  key: StoredSecretKey,
  configured: string | null,
): Promise<string> {
  if (configured) return configured;
  await ds.query(
    `INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
    [key, randomBytes(48).toString('base64url')],
  );
  const rows: { value: string }[] = await ds.query(
    `SELECT value FROM app_settings WHERE key = $1`,
    [key],
  );
  const value = rows[0]?.value;
  if (!value) throw new Error(`${key} could not be stored`);
  return value;
}
