import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { IncidentsRepository } from '../../src/incidents/incidents.repository';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/**
 * The intake's read of a batch (the reports it has seen before) probes the unique
 * (source, external_id) index once per key. Told nothing of the keys' count, the planner
 * hash-joined them with a scan of every report whenever the table was small and analysed,
 * which is every console's first weeks (issue 21).
 */
describe('incident intake read plan', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url, 1);
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('probes the index per key on a small analysed table, never scans every report', async () => {
    await ds.query(
      `INSERT INTO incidents (id, type, grade, title, occurred_at, source)
       SELECT gen_random_uuid(), 'waterlogging', 'general', 'i' || g, now(), 'S'
         FROM generate_series(1, 1500) g`,
    );
    await ds.query(
      `INSERT INTO incident_reports (incident_id, source, external_id, type, occurred_at, body)
       SELECT i.id, 'S', i.title, 'waterlogging', now(), '{}' FROM incidents i`,
    );
    await ds.query(`ANALYZE incidents; ANALYZE incident_reports`);
    const sql = new IncidentsRepository(ds).intakeReadSql(
      [1, 2, 3, 4].map((i) => ({ source: 'S', externalId: `i${i}` })),
    );
    const plan = (await ds.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('ux_incident_reports_source');
    expect(plan).not.toMatch(/Seq Scan on incident_reports/);
    const [row] = await ds.query<{ seen: { external_id: string }[] }[]>(sql);
    expect(row?.seen.map((s) => s.external_id).sort()).toEqual(['i1', 'i2', 'i3', 'i4']);
  });
});
