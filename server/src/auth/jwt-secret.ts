import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The signing key: JWT_SECRET when given, else one generated once and kept in the database so
 * every instance (and every restart) shares it. There is never a built-in default key.
 */
export async function resolveJwtSecret(ds: DataSource, configured: string | null): Promise<string> {
  if (configured) return configured;
  await ds.query(
    `INSERT INTO app_settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [randomBytes(48).toString('base64url')],
  );
  const rows: { value: string }[] = await ds.query(
    `SELECT value FROM app_settings WHERE key = 'jwt_secret'`,
  );
  const value = rows[0]?.value;
  if (!value) throw new Error('jwt_secret could not be stored');
  return value;
}
