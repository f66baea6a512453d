import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Contacts a whole-district activation calls out in `bench:dispatch` (2,436 call-outs with the
 * demo seed's own): the console's browser test and `bench:board` use the same district.
 */
export const WHOLE_DISTRICT_CONTACTS = 2_433;

/**
 * Adds generated waterlogging points (four call-out contacts and a backup each) to a running
 * console's embedded PostgreSQL (found through DATA_DIR/embedded-pg.json) until the district
 * has `target` call-out contacts: the same SQL as server/bench/dispatch.bench.ts.
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
    const have = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM contacts WHERE role <> 'onsite_lead_backup'`,
    );
    const missing = Math.ceil((target - Number(have.rows[0]?.n ?? 0)) / 4);
    if (missing <= 0) return;
    await db.query(
      `WITH sd AS (SELECT code, centre_lon, centre_lat, row_number() OVER (ORDER BY code) - 1 AS i,
                          count(*) OVER () AS k FROM subdistricts)
       INSERT INTO waterlogging_points (code, name, subdistrict_code, lon, lat, alarm_depth_m)
       SELECT 'BENCH-' || lpad(g::text, 5, '0'), '生成积水点' || g, sd.code,
              sd.centre_lon + (random() - 0.5) * 0.02, sd.centre_lat + (random() - 0.5) * 0.02, 0.25
         FROM generate_series(1, $1) g JOIN sd ON sd.i = g % sd.k`,
      [missing],
    );
    await db.query(
      `INSERT INTO contacts (point_id, role, name, phone)
       SELECT p.id, r.role, '联系人' || p.code || r.role,
              '17' || lpad((row_number() OVER (ORDER BY p.code, r.role))::text, 9, '0')
         FROM waterlogging_points p
         CROSS JOIN unnest(ARRAY['onsite_lead','onsite_lead_backup','drainage','traffic_police','fire_rescue']) AS r(role)
        WHERE p.code LIKE 'BENCH-%'`,
    );
  } finally {
    await db.end();
  }
}
