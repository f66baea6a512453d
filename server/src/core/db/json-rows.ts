import type { EntityMetadata } from 'typeorm';

/**
 * Entities to and from JSON rows keyed by column name, for set statements
 * (jsonb_populate_recordset) and set reads (to_jsonb): one parameter or one value whatever
 * the number of rows. Dates travel as ISO text.
 */
export function toJsonRow(meta: EntityMetadata, entity: object): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of meta.columns) {
    const v = c.getEntityValue(entity) as unknown;
    if (v === undefined) continue;
    // bytea travels as its hex text form, which jsonb_populate_recordset reads back.
    row[c.databaseName] =
      v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : v;
  }
  return row;
}

const DATE_TYPES = new Set(['timestamptz', 'timestamp', 'timestamp with time zone', 'date']);

export function fromJsonRow<T extends object>(
  meta: EntityMetadata,
  row: Record<string, unknown>,
): T {
  const entity = meta.create() as T;
  for (const c of meta.columns) {
    if (!(c.databaseName in row)) continue;
    const v = row[c.databaseName];
    c.setEntityValue(
      entity,
      v !== null && DATE_TYPES.has(String(c.type)) ? new Date(v as string) : v,
    );
  }
  return entity;
}
