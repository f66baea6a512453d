import type { EventEnvelope } from '@sanfang/shared';
import type { ReferenceData } from '../../map/api/referenceApi';
import { rescueTeam, shelter } from '../../../test/factories';
import { applyResourceEvents, needsReload } from './applyResourceEvents';

const fc = <P>(props: P[]) => ({
  type: 'FeatureCollection' as const,
  features: props.map((p) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [113.9, 22.6] as [number, number] },
    properties: p,
  })),
});

const data = (): ReferenceData => ({
  district: { type: 'FeatureCollection', features: [] },
  subdistricts: { type: 'FeatureCollection', features: [] },
  waterloggingPoints: { type: 'FeatureCollection', features: [] },
  shelters: fc([shelter({ id: 'sh-1' }), shelter({ id: 'sh-2' })]),
  rescueTeams: fc([rescueTeam({ id: 'rt-1' })]),
  warehouses: fc([]),
});

let seq = 0;
const ev = (e: Omit<EventEnvelope, 'seq' | 'occurredAt'>): EventEnvelope =>
  ({ ...e, seq: ++seq, occurredAt: '2025-06-11T07:00:00Z' }) as EventEnvelope;

describe('applyResourceEvents', () => {
  it('shows a shelter opened and filling, and its alarm', () => {
    const d = applyResourceEvents(data(), [
      ev({
        type: 'shelter.occupancy_updated',
        payload: {
          shelterId: 'sh-1',
          subdistrictCode: '440306002',
          status: 'open',
          occupancy: 460,
          capacity: 500,
          occupancyDay: 460,
          occupancyNight: 0,
        },
      }),
      ev({
        type: 'shelter.near_full',
        payload: {
          shelterId: 'sh-1',
          code: 'SH001',
          name: 'x',
          subdistrictCode: '440306002',
          level: 'near_full',
          previousLevel: 'none',
          occupancy: 460,
          capacity: 500,
          suggestions: [],
        },
      }),
    ]);
    expect(d.shelters.features[0]?.properties).toMatchObject({
      status: 'open',
      occupancy: 460,
      occupancyDay: 460,
      alarmLevel: 'near_full',
    });
    expect(d.shelters.features[1]?.properties.occupancy).toBe(0);
  });

  it('moves a team and marks it stale only for the fix that went stale', () => {
    let d = applyResourceEvents(data(), [
      ev({
        type: 'team.position_updated',
        payload: {
          positions: [
            {
              teamId: 'rt-1',
              subdistrictCode: '440306002',
              lon: 113.8,
              lat: 22.7,
              at: '2025-06-11T07:00:00.000Z',
            },
          ],
        },
      }),
    ]);
    expect(d.rescueTeams.features[0]?.properties).toMatchObject({
      position: [113.8, 22.7],
      positionStale: false,
    });
    d = applyResourceEvents(d, [
      ev({
        type: 'team.position_stale',
        payload: {
          teamId: 'rt-1',
          subdistrictCode: '440306002',
          lastSeenAt: '2025-06-11T06:00:00.000Z',
        },
      }),
    ]);
    expect(d.rescueTeams.features[0]?.properties.positionStale).toBe(false);
    d = applyResourceEvents(d, [
      ev({
        type: 'team.position_stale',
        payload: {
          teamId: 'rt-1',
          subdistrictCode: '440306002',
          lastSeenAt: '2025-06-11T07:00:00.000Z',
        },
      }),
    ]);
    expect(d.rescueTeams.features[0]?.properties.positionStale).toBe(true);
  });

  it('removes a retired shelter and reloads after an import', () => {
    const s = shelter({ id: 'sh-2' });
    const d = applyResourceEvents(data(), [
      ev({
        type: 'resource.retired',
        payload: {
          kind: 'shelter',
          id: 'sh-2',
          subdistrictCode: s.subdistrictCode,
          position: [113.9, 22.6],
          props: s,
        },
      }),
    ]);
    expect(d.shelters.features.map((f) => f.properties.id)).toEqual(['sh-1']);
    expect(
      needsReload([
        ev({ type: 'resources.imported', payload: { kind: 'teams', inserted: 1, updated: 0 } }),
      ]),
    ).toBe(true);
  });
});
