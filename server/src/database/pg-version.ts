/**
 * The PostgreSQL majors the console supports: CI runs the server suites on both ends (the
 * machine's PostgreSQL 15 service and the embedded 18); docker-compose runs 18. See
 * docs/OPERATIONS.md.
 */
export const PG_SUPPORTED = { min: 15, max: 18 } as const;

export class UnsupportedVersionError extends Error {}

/**
 * Refuses an older major (features the schema relies on are missing there: the start-up
 * says so instead of failing later in a migration); warns on a newer, untested one.
 */
export function checkPgVersion(serverVersionNum: number, warn: (msg: string) => void): number {
  const major = Math.floor(serverVersionNum / 10000);
  const range = `${PG_SUPPORTED.min}–${PG_SUPPORTED.max}`;
  if (major < PG_SUPPORTED.min) {
    throw new UnsupportedVersionError(
      `PostgreSQL ${major} is not supported: Sanfang needs PostgreSQL ${range} (see docs/OPERATIONS.md, "Supported versions")`,
    );
  }
  if (major > PG_SUPPORTED.max) {
    warn(
      `PostgreSQL ${major} is newer than the versions Sanfang is tested on (${range}); it should work, but report what does not`,
    );
  }
  return major;
}
