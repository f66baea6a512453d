import type { DataSource, EntityManager } from 'typeorm';
import { writeReferenceSnapshot } from '../../replay/reference-snapshot';
import { EventsRepository } from '../../events/events.repository';
import { insertPoints, insertShelters, insertTeams } from '../seed/seed';
import type { ImportBatch, ImportKind } from './import.types';

export const TABLES: Record<ImportKind, string> = {
  points: 'waterlogging_points',
  shelters: 'shelters',
  teams: 'rescue_teams',
};

export interface LoadSummary {
  kind: ImportKind;
  inserted: number;
  updated: number;
  dryRun: boolean;
}

/** Thrown inside the transaction to roll a dry run back after doing all the work. */
class DryRunRollback extends Error {}

export async function subdistrictCodes(ds: DataSource): Promise<Set<string>> {
  const rows: { code: string }[] = await ds.query(`SELECT code FROM subdistricts`);
  return new Set(rows.map((r) => r.code));
}

/**
 * Upserts the batch by code in one transaction (points' contacts by point and role). A dry
 * run performs the same statements and rolls back, so database constraints are checked too.
 */
export async function loadBatch(
  ds: DataSource,
  batch: ImportBatch,
  dryRun = false,
): Promise<LoadSummary> {
  let summary: LoadSummary | undefined;
  try {
    await ds.transaction(async (m) => {
      // One import at a time, so the inserted/updated split is exact.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('sanfang.import'))`);
      const codes = batch.rows.map((r) => r.code);
      const existing: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM ${TABLES[batch.kind]} WHERE code = ANY($1)`,
        [codes],
      );
      const updated = existing[0]?.n ?? 0;
      await upsert(m, batch);
      summary = { kind: batch.kind, inserted: codes.length - updated, updated, dryRun };
      // The import is a change like any other: one event in the same transaction, so
      // running consoles catch up (by the head beacon) and the log records who loaded what.
      const events = new EventsRepository(ds);
      const seq = await events.allocate(m, 1);
      await events.insert(m, seq, 'import', [
        {
          type: 'resources.imported',
          payload: { kind: batch.kind, inserted: summary.inserted, updated },
          scope: { subdistrictCodes: [], contactIds: [] },
        },
      ]);
      // The layers as they now are: replay's base from here on (docs/REPLAY.md).
      await writeReferenceSnapshot(m, 'import', { actor: 'import' });
      if (dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  if (!summary) throw new Error('import transaction produced no summary');
  return summary;
}

async function upsert(m: EntityManager, batch: ImportBatch): Promise<void> {
  switch (batch.kind) {
    case 'points':
      return insertPoints(m, batch.rows, 'upsert');
    case 'shelters':
      return insertShelters(m, batch.rows, 'upsert');
    case 'teams':
      return insertTeams(m, batch.rows, 'upsert');
  }
}

export function formatSummary(s: LoadSummary): string {
  return s.dryRun
    ? `${s.kind}: ${s.inserted} would be inserted, ${s.updated} would be updated (dry run: nothing written)`
    : `${s.kind}: ${s.inserted} inserted, ${s.updated} updated`;
}
