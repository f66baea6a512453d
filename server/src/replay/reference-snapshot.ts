import type { ReferenceSnapshotPayload } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import { EventsRepository } from '../events/events.repository';
import { pointsToGeoJson } from '../geo/geo.mappers';
import {
  sheltersToGeoJson,
  teamsToGeoJson,
  warehousesToGeoJson,
} from '../resources/layers/layers.mappers';
import { hasReferenceSnapshot, readLayerRows } from './replay.repository';

/** The map layers as the reference routes answer them now, in the caller's transaction. */
export async function referenceLayers(
  m: EntityManager,
  now: Date,
): Promise<Omit<ReferenceSnapshotPayload, 'reason'>> {
  const rows = await readLayerRows(m);
  return {
    waterloggingPoints: pointsToGeoJson(rows.points),
    shelters: sheltersToGeoJson(rows.shelters),
    rescueTeams: teamsToGeoJson(rows.teams, { now, staleAfterS: rows.staleAfterS }),
    warehouses: warehousesToGeoJson(rows.warehouses),
  };
}

/**
 * Writes a reference.snapshot event (the layers as stored) in the caller's transaction: the
 * base a replay folds later events onto. Import writes one after each batch; the seed writes
 * one when the log has none yet (`onlyIfNone`), so a log started before replay existed gets
 * its base at the next start ('backfill').
 */
export async function writeReferenceSnapshot(
  m: EntityManager,
  reason: ReferenceSnapshotPayload['reason'],
  opts: { onlyIfNone?: boolean; actor?: string } = {},
): Promise<boolean> {
  if (opts.onlyIfNone && (await hasReferenceSnapshot(m))) return false;
  // A seed onto a log that already has events gives those events no base: say so.
  if (reason === 'seed' && (await m.query<unknown[]>(`SELECT 1 FROM events LIMIT 1`)).length > 0) {
    reason = 'backfill';
  }
  const layers = await referenceLayers(m, new Date());
  const events = new EventsRepository(m.connection);
  const seq = await events.allocate(m, 1);
  await events.insert(m, seq, opts.actor ?? reason, [
    {
      type: 'reference.snapshot',
      payload: { ...layers, reason },
      scope: { subdistrictCodes: [], contactIds: [] },
    },
  ]);
  return true;
}
