import type { LonLat } from '@sanfang/shared';

/** Mean Earth radius in metres: both twins below use it, so they agree to the centimetre. */
export const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in metres between two WGS84 [lon, lat] points (haversine). */
export function distanceM([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The SQL twin of `distanceM`, for ordering and filtering in the database: the same formula
 * and radius over columns or parameters giving lon/lat in degrees. Change both together.
 */
export const haversineSql = (lon1: string, lat1: string, lon2: string, lat2: string): string =>
  `(2 * ${EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
