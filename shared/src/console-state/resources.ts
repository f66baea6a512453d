import type {
  EventEnvelope,
  EventMap,
  EventType,
  Feature,
  FeatureCollection,
  PointGeometry,
  ResourceChangePayload,
  ShelterAlarmPayload,
  ShelterEventPayload,
} from '../index';
import type { ReplayReferenceData } from '../replay';

/** The map's live layers (the client's ReferenceData adds the static geography). */
type ReferenceData = ReplayReferenceData;

type Collection<P extends { id: string }> = FeatureCollection<PointGeometry, P>;

function patch<P extends { id: string }>(
  fc: Collection<P>,
  id: string,
  f: (p: P) => P,
): Collection<P> {
  let hit = false;
  const features = fc.features.map((x) => {
    if (x.properties.id !== id) return x;
    hit = true;
    return { ...x, properties: f(x.properties) };
  });
  return hit ? { ...fc, features } : fc;
}

function upsert<P extends { id: string }>(
  fc: Collection<P>,
  c: { id: string; position: [number, number]; props: P },
  retired: boolean,
): Collection<P> {
  const rest = fc.features.filter((x) => x.properties.id !== c.id);
  if (retired) return { ...fc, features: rest };
  const feature: Feature<PointGeometry, P> = {
    type: 'Feature',
    id: c.id,
    geometry: { type: 'Point', coordinates: c.position },
    properties: c.props,
  };
  return { ...fc, features: [...rest, feature] };
}

function applyChange(d: ReferenceData, c: ResourceChangePayload, retired: boolean): ReferenceData {
  switch (c.kind) {
    case 'shelter':
      return { ...d, shelters: upsert(d.shelters, c, retired) };
    case 'team':
      return { ...d, rescueTeams: upsert(d.rescueTeams, c, retired) };
    case 'warehouse':
      return { ...d, warehouses: upsert(d.warehouses, c, retired) };
  }
}

type Handler<K extends EventType> = (d: ReferenceData, p: EventMap[K]) => ReferenceData;

const shelterFigures = (d: ReferenceData, p: ShelterEventPayload): ReferenceData => ({
  ...d,
  shelters: patch(d.shelters, p.shelterId, (s) => ({
    ...s,
    status: p.status,
    occupancy: p.occupancy,
    capacity: p.capacity,
    occupancyDay: p.occupancyDay ?? s.occupancyDay,
    occupancyNight: p.occupancyNight ?? s.occupancyNight,
  })),
});

const shelterAlarm = (d: ReferenceData, p: ShelterAlarmPayload): ReferenceData => ({
  ...d,
  shelters: patch(d.shelters, p.shelterId, (s) => ({ ...s, alarmLevel: p.level })),
});

/** Only the events that change what the map shows; any other type passes through. */
const HANDLERS: { [K in EventType]?: Handler<K> } = {
  'shelter.opened': shelterFigures,
  'shelter.closed': shelterFigures,
  'shelter.occupancy_updated': shelterFigures,
  'shelter.near_full': shelterAlarm,
  'shelter.full': shelterAlarm,
  'shelter.alarm_cleared': shelterAlarm,
  'team.status_changed': (d, p) => ({
    ...d,
    rescueTeams: patch(d.rescueTeams, p.teamId, (t) => ({ ...t, status: p.status })),
  }),
  'team.position_updated': (d, p) =>
    p.positions.reduce(
      (acc, f) => ({
        ...acc,
        rescueTeams: patch(acc.rescueTeams, f.teamId, (t) => ({
          ...t,
          position: [f.lon, f.lat],
          lastSeenAt: f.at,
          positionStale: false,
        })),
      }),
      d,
    ),
  'team.position_stale': (d, p) => ({
    ...d,
    rescueTeams: patch(d.rescueTeams, p.teamId, (t) =>
      t.lastSeenAt === p.lastSeenAt ? { ...t, positionStale: true } : t,
    ),
  }),
  'stock.moved': (d, p) => ({
    ...d,
    warehouses: patch(d.warehouses, p.warehouseId, (w) => ({
      ...w,
      items: w.items.map((i) => (i.sku === p.sku ? { ...i, quantity: p.balanceAfter } : i)),
    })),
  }),
  'resource.created': (d, p) => applyChange(d, p, false),
  'resource.updated': (d, p) => applyChange(d, p, false),
  'resource.retired': (d, p) => applyChange(d, p, true),
  // The whole set as stored (written at import and seed): replay's base for these layers.
  'reference.snapshot': (_d, p) => ({
    waterloggingPoints: p.waterloggingPoints,
    shelters: p.shelters,
    rescueTeams: p.rescueTeams,
    warehouses: p.warehouses,
  }),
};

function applyOne<K extends EventType>(d: ReferenceData, e: { type: K; payload: EventMap[K] }) {
  const h: Handler<K> | undefined = HANDLERS[e.type];
  return h ? h(d, e.payload) : d;
}

/**
 * Applies one event to the map's reference data (others pass through): the reducer. The
 * client's data (with geography) keeps its extra fields.
 */
export const applyResourceEvent = <D extends ReferenceData>(data: D, e: EventEnvelope): D => {
  const next = applyOne(data, e);
  return next === data ? data : { ...data, ...next };
};

/**
 * Applies the resources events to the map's reference data, in seq order, so shelters,
 * teams and stock on the map are the live figures without a reload.
 */
export function applyResourceEvents<D extends ReferenceData>(
  data: D,
  events: readonly EventEnvelope[],
): D {
  return events.reduce<D>(applyResourceEvent, data);
}

/** An import changes many rows at once: the map reloads instead of patching. */
export const reloadsReferenceData = (e: EventEnvelope): boolean => e.type === 'resources.imported';

export const needsReload = (events: EventEnvelope[]): boolean => events.some(reloadsReferenceData);
