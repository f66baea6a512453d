import type { DataSource, EntityManager } from 'typeorm';
import { sha256Hex } from '../../auth/auth.service';
import { hashPassword } from '../../auth/password';
import { writeReferenceSnapshot } from '../../replay/reference-snapshot';
import { seedRoster } from './roster';
import {
  loadSeedData,
  type PointSeed,
  type SeedData,
  type ShelterSeed,
  type TeamSeed,
  type WarehouseSeed,
} from './seed-data';

/** The demo feed token named in the README; only ever created on the embedded database. */
export const DEMO_FEED_TOKEN = 'demo-feed';
export const DEMO_PASSWORD = 'demo';
export const DEMO_USERS = [
  { username: 'duty', displayName: '值班员 (演示)', role: 'duty_officer' },
  { username: 'commander', displayName: '带班领导 (演示)', role: 'commander' },
  { username: 'admin', displayName: '管理员 (演示)', role: 'admin' },
] as const;

const CHUNK = 500;

async function insertChunks(
  m: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  conflict: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const slice = rows.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const values = slice
      .map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`)
      .join(', ');
    await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT ${conflict}`,
      params,
    );
  }
}

/** District and subdistrict areas: geography every deployment needs. Idempotent. */
export async function seedReference(m: EntityManager, data: SeedData): Promise<void> {
  const d = data.district.features[0];
  if (!d) throw new Error('district.geojson has no feature');
  await m.query(
    `INSERT INTO districts (code, name, name_en, geometry, notes) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (code) DO NOTHING`,
    [
      d.properties.code,
      d.properties.name,
      d.properties.nameEn,
      JSON.stringify(d.geometry),
      d.properties.notes ?? '',
    ],
  );
  await insertChunks(
    m,
    'subdistricts',
    [
      'code',
      'district_code',
      'name',
      'name_en',
      'centre_lon',
      'centre_lat',
      'geometry',
      'approximate',
    ],
    data.subdistricts.features.map((f) => [
      f.properties.code,
      d.properties.code,
      f.properties.name,
      f.properties.nameEn,
      f.properties.centre[0],
      f.properties.centre[1],
      JSON.stringify(f.geometry),
      f.properties.approximate ?? true,
    ]),
    '(code) DO NOTHING',
  );
}

/** `skip` keeps existing rows (seeding); `upsert` overwrites them with the given values (import). */
export type InsertMode = 'skip' | 'upsert';

function onConflict(key: string[], columns: string[], mode: InsertMode, touch: boolean): string {
  const target = `(${key.join(', ')})`;
  if (mode === 'skip') return `${target} DO NOTHING`;
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  if (touch) set.push('updated_at = now()');
  return `${target} DO UPDATE SET ${set.join(', ')}`;
}

/** A point whose optional contact roles (the backup) may be absent. */
export type PointInput = Omit<PointSeed, 'contacts'> & { contacts: Partial<PointSeed['contacts']> };

const POINT_COLUMNS = [
  'code',
  'name',
  'subdistrict_code',
  'lon',
  'lat',
  'alarm_depth_m',
  'has_sensor',
];
const CONTACT_COLUMNS = ['point_id', 'role', 'name', 'phone'];

export async function insertPoints(
  m: EntityManager,
  points: PointInput[],
  mode: InsertMode = 'skip',
): Promise<void> {
  await insertChunks(
    m,
    'waterlogging_points',
    POINT_COLUMNS,
    points.map((p) => [
      p.code,
      p.name,
      p.subdistrictCode,
      p.location[0],
      p.location[1],
      p.alarmDepthM,
      p.hasSensor,
    ]),
    onConflict(['code'], POINT_COLUMNS, mode, true),
  );
  const ids: { id: string; code: string }[] = await m.query(
    `SELECT id, code FROM waterlogging_points WHERE code = ANY($1)`,
    [points.map((p) => p.code)],
  );
  const idByCode = new Map(ids.map((r) => [r.code, r.id]));
  const contactRows = points.flatMap((p) =>
    Object.entries(p.contacts).flatMap(([role, c]) =>
      c ? [[idByCode.get(p.code), role, c.name, c.phone]] : [],
    ),
  );
  await insertChunks(
    m,
    'contacts',
    CONTACT_COLUMNS,
    contactRows,
    onConflict(['point_id', 'role'], CONTACT_COLUMNS, mode, false),
  );
}

const SHELTER_COLUMNS = [
  'code',
  'name',
  'subdistrict_code',
  'lon',
  'lat',
  'address',
  'capacity',
  'manager_name',
  'manager_phone',
  'plan_hazards',
];

export async function insertShelters(
  m: EntityManager,
  rows: ShelterSeed[],
  mode: InsertMode = 'skip',
): Promise<void> {
  await insertChunks(
    m,
    'shelters',
    SHELTER_COLUMNS,
    rows.map((s) => [
      s.code,
      s.name,
      s.subdistrictCode,
      s.location[0],
      s.location[1],
      s.address,
      s.capacity,
      s.manager.name,
      s.manager.phone,
      s.planHazards,
    ]),
    onConflict(['code'], SHELTER_COLUMNS, mode, true),
  );
}

const TEAM_COLUMNS = [
  'code',
  'name',
  'kind',
  'members',
  'subdistrict_code',
  'lon',
  'lat',
  'equipment',
  'leader_name',
  'leader_phone',
];

export async function insertTeams(
  m: EntityManager,
  rows: TeamSeed[],
  mode: InsertMode = 'skip',
): Promise<void> {
  await insertChunks(
    m,
    'rescue_teams',
    TEAM_COLUMNS,
    rows.map((t) => [
      t.code,
      t.name,
      t.kind,
      t.members,
      t.subdistrictCode,
      t.base[0],
      t.base[1],
      t.equipment,
      t.leader.name,
      t.leader.phone,
    ]),
    onConflict(['code'], TEAM_COLUMNS, mode, true),
  );
}

export async function insertWarehouses(m: EntityManager, rows: WarehouseSeed[]): Promise<void> {
  await insertChunks(
    m,
    'warehouses',
    ['code', 'name', 'subdistrict_code', 'lon', 'lat'],
    rows.map((w) => [w.code, w.name, w.subdistrictCode, w.location[0], w.location[1]]),
    '(code) DO NOTHING',
  );
  const ids: { id: string; code: string }[] = await m.query(
    `SELECT id, code FROM warehouses WHERE code = ANY($1)`,
    [rows.map((w) => w.code)],
  );
  const idByCode = new Map(ids.map((r) => [r.code, r.id]));
  await insertChunks(
    m,
    'stock_items',
    ['warehouse_id', 'sku', 'name', 'unit', 'quantity', 'low_stock_threshold'],
    rows.flatMap((w) =>
      w.items.map((i) => [
        idByCode.get(w.code),
        i.sku,
        i.name,
        i.unit,
        i.quantity,
        i.lowStockThreshold,
      ]),
    ),
    '(warehouse_id, sku) DO NOTHING',
  );
}

/** Generated demo resources (points with contacts, shelters, teams, warehouses). Idempotent. */
export async function seedDemoResources(m: EntityManager, data: SeedData): Promise<void> {
  await insertPoints(m, data.points);
  await insertShelters(m, data.shelters);
  await insertTeams(m, data.teams);
  await insertWarehouses(m, data.warehouses);
}

/**
 * Demo sign-ins (password `demo`) and the `demo-feed` token. One hash is shared by all demo
 * accounts: hashing hundreds of contact passwords would slow every first start for nothing.
 */
export async function seedDemoUsers(m: EntityManager): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await insertChunks(
    m,
    'users',
    ['username', 'password_hash', 'display_name', 'role'],
    DEMO_USERS.map((u) => [u.username, hash, u.displayName, u.role]),
    '(username) DO NOTHING',
  );
  // Each seeded contact signs in with their phone number (their ack links need no password).
  await m.query(
    `INSERT INTO users (username, password_hash, display_name, role, subdistrict_code, contact_id)
     SELECT c.phone, $1, c.name, 'contact', p.subdistrict_code, c.id
       FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
     ON CONFLICT (username) DO NOTHING`,
    [hash],
  );
  await m.query(
    `INSERT INTO feed_tokens (name, token_sha256) VALUES ('demo feed', $1)
     ON CONFLICT (token_sha256) DO NOTHING`,
    [sha256Hex(DEMO_FEED_TOKEN)],
  );
}

/** The first admin of a real deployment, from ADMIN_USERNAME / ADMIN_PASSWORD. */
export async function ensureAdmin(
  m: EntityManager,
  username: string,
  password: string,
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `INSERT INTO users (username, password_hash, display_name, role)
     VALUES ($1, $2, $3, 'admin') ON CONFLICT (username) DO NOTHING RETURNING id`,
    [username, await hashPassword(password), username],
  );
  return rows.length > 0;
}

export type SeedMode = 'demo' | 'reference' | 'none';

/** Runs in one transaction under an advisory lock so concurrent instances seed once. */
export async function runSeed(
  ds: DataSource,
  mode: SeedMode,
  admin?: { username: string; password: string },
): Promise<void> {
  if (mode === 'none' && !admin) return;
  const data = mode === 'none' ? null : loadSeedData();
  await ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('sanfang.seed'))`);
    if (data) await seedReference(m, data);
    if (data && mode === 'demo') await seedDemoResources(m, data);
    // Replay's base for the map layers, once per log (docs/REPLAY.md).
    if (data) await writeReferenceSnapshot(m, 'seed', { onlyIfNone: true });
    if (data && mode === 'demo') {
      await seedDemoUsers(m);
      await seedRoster(m, data);
    }
    if (admin) await ensureAdmin(m, admin.username, admin.password);
  });
}
