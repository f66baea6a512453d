import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
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
