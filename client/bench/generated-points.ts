import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  addGeneratedPoints as generate,
  WHOLE_DISTRICT_CONTACTS,
} from '../../server/bench/lib/generated-points';

export { WHOLE_DISTRICT_CONTACTS };

/**
 * Adds generated waterlogging points (four call-out contacts and a backup each) to a running
 * console's embedded PostgreSQL (found through DATA_DIR/embedded-pg.json) until the district
 * has `target` call-out contacts: the server benches' own generator
 * (server/bench/lib/generated-points.ts), so `bench:board`, the map browser test and
 * `bench:dispatch` see the same district.
 */
export async function addGeneratedPoints(
  dataDir: string,
  target = WHOLE_DISTRICT_CONTACTS,
): Promise<void> {
  const { port } = JSON.parse(readFileSync(join(dataDir, 'embedded-pg.json'), 'utf8')) as {
    port: number;
  };
  // The embedded server's fixed loopback credentials (server/src/database/embedded.ts).
  const db = new Client({
    connectionString: `postgres://postgres:sanfang-embedded@127.0.0.1:${port}/sanfang`,
  });
  await db.connect();
  try {
    await generate((q, p) => db.query(q, p), { target });
  } finally {
    await db.end();
  }
}
