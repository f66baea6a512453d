import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { AreaGeometry, LonLat } from '@sanfang/shared';

/** Small planar helpers on WGS84 (fine at district scale); no GIS dependency. */
const rings = (g: AreaGeometry): LonLat[][] =>
  g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();

const pointIn = (p: LonLat, g: AreaGeometry): boolean =>
  booleanPointInPolygon(p, { type: 'Feature', properties: {}, geometry: g });

const ringAsPolygon = (ring: LonLat[]): AreaGeometry => ({ type: 'Polygon', coordinates: [ring] });

function cross(o: LonLat, a: LonLat, b: LonLat): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segmentsIntersect(a: LonLat, b: LonLat, c: LonLat, d: LonLat): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

const edges = (ring: LonLat[]): [LonLat, LonLat][] => ring.slice(1).map((p, i) => [ring[i]!, p]);

/** A CAP polygon ring (closed, [lon, lat]) overlaps an area: containment either way or crossing edges. */
export function ringIntersects(ring: LonLat[], area: AreaGeometry): boolean {
  if (ring.some((p) => pointIn(p, area))) return true;
  const poly = ringAsPolygon(ring);
  const areaRings = rings(area);
  if (areaRings.some((r) => r.some((p) => pointIn(p, poly)))) return true;
  const mine = edges(ring);
  return areaRings.some((r) =>
    edges(r).some(([c, d]) => mine.some(([a, b]) => segmentsIntersect(a, b, c, d))),
  );
}

const KM_PER_DEG_LAT = 111.32;

/** Distance in km from p to segment ab, on a local equirectangular projection. */
function distanceKm(p: LonLat, a: LonLat, b: LonLat): number {
  const kx = KM_PER_DEG_LAT * Math.cos((p[1] * Math.PI) / 180);
  const ax = (a[0] - p[0]) * kx;
  const ay = (a[1] - p[1]) * KM_PER_DEG_LAT;
  const bx = (b[0] - p[0]) * kx;
  const by = (b[1] - p[1]) * KM_PER_DEG_LAT;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** A circle overlaps an area: its centre is inside, or an edge comes within the radius. */
export function circleIntersects(centre: LonLat, radiusKm: number, area: AreaGeometry): boolean {
  if (pointIn(centre, area)) return true;
  return rings(area).some((r) => edges(r).some(([a, b]) => distanceKm(centre, a, b) <= radiusKm));
}
