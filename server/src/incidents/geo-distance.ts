import type { LonLat } from '@sanfang/shared';

const R = 6_371_008.8; // mean Earth radius, metres
const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in metres between two WGS84 points. */
export function distanceM([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
