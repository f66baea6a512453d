/**
 * Writes a TypeORM migration from the difference between the entities and a database that has
 * every committed migration applied. Review the file before committing it.
 *   DATABASE_URL=postgres://... npm run migrations:generate -w server -- AddThing
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource } from '../src/database/data-source';

async function main(): Promise<void> {
  const name = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name) || !url) {
    console.error('usage: DATABASE_URL=postgres://... generate-migration <PascalCaseName>');
    process.exit(2);
  }
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await ds.runMigrations();
  const sql = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  if (sql.upQueries.length === 0) {
    console.log('No changes: the entities match the migrations.');
    return;
  }
  const ts = Date.now();
  const q = (s: string): string => '`' + s.replace(/`/g, '\\`') + '`';
  const up = sql.upQueries.map((x) => `    await q.query(${q(x.query)});`).join('\n');
  const down = sql.downQueries
    .reverse()
    .map((x) => `    await q.query(${q(x.query)});`)
    .join('\n');
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${up}
  }

  async down(q: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const file = join(__dirname, '../src/database/migrations', `${ts}-${name}.ts`);
  writeFileSync(file, body);
  console.log(`Wrote ${file}; add it to migrations/index.ts after review.`);
}

void main();
