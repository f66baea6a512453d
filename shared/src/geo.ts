/** WGS84 [longitude, latitude]; the only coordinate order used inside the system. */
export type LonLat = [number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: LonLat;
}
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LonLat[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LonLat[][][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Feature<G, P> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}
export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

/** Bao'an's admin code (GB/T 2260); codes stay strings. */
export const DISTRICT_CODE = '440306';
export const DISTRICT_BBOX: [number, number, number, number] = [113.74, 22.52, 113.98, 22.87];
