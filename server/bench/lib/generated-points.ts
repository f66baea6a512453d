/**
 * Generated waterlogging points for benchmarks and browser tests: four call-out contacts and a
 * backup each, spread over the subdistricts, added until the district has `target` call-out
 * contacts. One generator for `bench:dispatch`, `bench:lastmile` and the client's `bench:board`
 * and map browser test (client/bench/generated-points.ts). It takes a query function, so it
 * runs on a TypeORM DataSource or a `pg` Client alike, and imports nothing.
 */
export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Call-out contacts of a whole-district activation in `bench:dispatch` and `bench:board`. */
export const WHOLE_DISTRICT_CONTACTS = 2_433;

export interface GenerateOptions {
  /** Call-out contacts (roles other than the backup) the district should have. */
  target: number;
  /** Point codes start with this (`BENCH-00001`). */
  prefix?: string;
  /** Contacts' phones start with this (then nine digits). */
  phonePrefix?: string;
  /** Also a contact sign-in (username = phone, the `duty` user's password) for each. */
  signIns?: boolean;
}

/** Adds generated points until `target`; returns how many points it added. */
export async function addGeneratedPoints(query: Query, o: GenerateOptions): Promise<number> {
  const prefix = o.prefix ?? 'BENCH';
  const rows = (await query(
    `SELECT count(*) AS n FROM contacts WHERE role <> 'onsite_lead_backup'`,
  )) as { n: string }[] | { rows: { n: string }[] };
  const n = Array.isArray(rows) ? rows[0]?.n : rows.rows[0]?.n;
  const missing = Math.ceil((o.target - Number(n ?? 0)) / 4);
  if (missing <= 0) return 0;
  await query(
    `WITH sd AS (SELECT code, centre_lon, centre_lat, row_number() OVER (ORDER BY code) - 1 AS i,
                        count(*) OVER () AS k FROM subdistricts)
     INSERT INTO waterlogging_points (code, name, subdistrict_code, lon, lat, alarm_depth_m)
     SELECT $2 || '-' || lpad(g::text, 5, '0'), '生成积水点' || g, sd.code,
            sd.centre_lon + (random() - 0.5) * 0.02, sd.centre_lat + (random() - 0.5) * 0.02, 0.25
       FROM generate_series(1, $1) g JOIN sd ON sd.i = g % sd.k`,
    [missing, prefix],
  );
  await query(
    `INSERT INTO contacts (point_id, role, name, phone)
     SELECT p.id, r.role, '联系人' || p.code || r.role,
            $2 || lpad((row_number() OVER (ORDER BY p.code, r.role))::text, 9, '0')
       FROM waterlogging_points p
       CROSS JOIN unnest(ARRAY['onsite_lead','onsite_lead_backup','drainage','traffic_police','fire_rescue']) AS r(role)
      WHERE p.code LIKE $1 || '-%'`,
    [prefix, o.phonePrefix ?? '17'],
  );
  if (o.signIns)
    await query(
      `INSERT INTO users (username, password_hash, display_name, role, subdistrict_code, contact_id)
       SELECT c.phone, (SELECT password_hash FROM users WHERE username = 'duty'), c.name, 'contact',
              p.subdistrict_code, c.id
         FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
        WHERE p.code LIKE $1 || '-%' ON CONFLICT (username) DO NOTHING`,
      [prefix],
    );
  return missing;
}
