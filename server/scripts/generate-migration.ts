/**
 * Writes a TypeORM migration from the difference between the entities and a database that has
 * every committed migration applied. Review the file before committing it.
 *   DATABASE_URL=postgres://... npm run migrations:generate -w server -- AddThing
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const dir = join(__dirname, '../src/database/migrations');
  const file = join(dir, `${ts}-${name}.ts`);
  writeFileSync(file, body);
  writeIndex(dir);
  console.log(`Wrote ${file} and updated migrations/index.ts: review both, then run prettier.`);
}

/** migrations/index.ts lists every migration file, oldest first. */
function writeIndex(dir: string): void {
  const mods = readdirSync(dir)
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .sort()
    .map((f) => f.replace(/\.ts$/, ''));
  const classes = mods.map((m) => {
    const match = /export class (\w+)/.exec(readFileSync(join(dir, `${m}.ts`), 'utf8'));
    if (!match?.[1]) throw new Error(`${m}.ts exports no migration class`);
    return match[1];
  });
  const lines = mods.map((m, i) => `import { ${classes[i]} } from './${m}';`);
  writeFileSync(
    join(dir, 'index.ts'),
    `${lines.join('\n')}\n\n/** Every committed migration, oldest first. Never edit one that has been merged. */\nexport const MIGRATIONS = [\n${classes.map((c) => `  ${c},\n`).join('')}];\n`,
  );
}

void main();
