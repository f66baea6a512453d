import 'reflect-metadata';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { createTestApp, type TestApp } from '../helpers/app';

const tables = (ds: DataSource): string[] => ds.entityMetadatas.map((m) => m.tableName).sort();

/**
 * Features own their tables: the app knows only the entities its modules register with
 * `TypeOrmModule.forFeature` (autoLoadEntities), the tools (migrations, import, seed) every
 * `*.entity.ts` file. The two views must be the same schema.
 */
describe('entities', () => {
  let t: TestApp;
  let tools: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    tools = createDataSource(t.db.url, 1);
    await tools.initialize();
  });
  afterAll(async () => {
    await tools.destroy();
    await t.close();
  });

  it('every entity file is registered by a feature module, and the app has no other', () => {
    const app = t.app.get<DataSource>(getDataSourceToken());
    expect(tables(app)).toEqual(tables(tools));
    expect(tables(tools).length).toBeGreaterThanOrEqual(39);
  });

  it('every table the migrations build has an entity', async () => {
    const rows = await tools.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
    );
    const known = new Set(tables(tools));
    expect(
      rows
        .map((r) => r.name)
        .filter((n) => !known.has(n))
        .sort(),
    ).toEqual([]);
  });
});
