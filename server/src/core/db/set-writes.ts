import type { EntityManager, EntityMetadata } from 'typeorm';
import { toJsonRow } from './json-rows';

/**
 * INSERT of many entities as one statement with one parameter (a JSON array of rows keyed by
 * column name), for EventTx.defer or runTogether. `skip` leaves columns to their defaults.
 */
export function insertRows(
  meta: EntityMetadata,
  rows: readonly object[],
  skip: readonly string[] = [],
): DeferredWrite {
  const cols = meta.columns
    .map((c) => c.databaseName)
    .filter((c) => !skip.includes(c))
    .map((c) => `"${c}"`)
    .join(', ');
  const table = `"${meta.tableName}"`;
  return {
    sql: `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    params: [JSON.stringify(rows.map((r) => toJsonRow(meta, r)))],
  };
}

/**
 * Statements as data-modifying CTEs ("d0 AS (…), d1 AS (…), "), their $n renumbered after
 * `offset` parameters already taken. PostgreSQL runs each of them once, read or not.
 */
export function asCtes(
  writes: readonly DeferredWrite[],
  offset: number,
): { ctes: string; params: unknown[] } {
  const params: unknown[] = [];
  const ctes = writes
    .map((d, k) => {
      const base = offset + params.length;
      params.push(...d.params);
      return `d${k} AS (${d.sql.replace(/\$(\d+)/g, (_, n: string) => `$${base + Number(n)}`)}), `;
    })
    .join('');
  return { ctes, params };
}

/** Several writes in one round trip, now (the immediate twin of EventTx.defer). */
export async function runTogether(
  m: EntityManager,
  writes: readonly DeferredWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const { ctes, params } = asCtes(writes, 0);
  await m.query(`WITH ${ctes.replace(/, $/, '')} SELECT 1`, params);
}

/** A statement deferred to travel with the events' insert. */
export interface DeferredWrite {
  sql: string;
  params: unknown[];
}
