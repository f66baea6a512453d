import { extname, join } from 'node:path';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { MIGRATIONS } from './migrations';

/**
 * Every `*.entity.ts` (`.js` once built) under `src/`. Each feature registers its own entities
 * with `TypeOrmModule.forFeature` and the app collects them (`autoLoadEntities`); the tools
 * that run without the app (migrations, import, seed, benches, test fixtures) take the whole
 * schema from the files instead, so there is no hand-kept list to forget an entity in.
 */
export const ENTITY_GLOB = join(__dirname, '..', '**', `*.entity${extname(__filename)}`);

/**
 * Options for PostgreSQL; `entities` defaults to every entity file (the tools' view). The app
 * passes `[]` and lets the modules' `forFeature` lists fill it.
 */
export function dataSourceOptions(
  url: string,
  poolSize = 20,
  entities: PostgresConnectionOptions['entities'] = [ENTITY_GLOB],
): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: poolSize,
      application_name: 'sanfang',
      // The console runs short lookups under locks (lineage, intake). On a table without
      // statistics yet (a fresh district's first minutes of a storm) the planner may pick a
      // parallel plan for them, and starting its workers cost 20–30 ms inside the lock here.
      options: '-c max_parallel_workers_per_gather=0',
    },
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
