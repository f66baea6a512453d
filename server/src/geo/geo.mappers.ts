import type {
  ContactDto,
  DistrictCollection,
  Feature,
  PointGeometry,
  SubdistrictCollection,
  WaterloggingPointCollection,
} from '@sanfang/shared';
import type { District } from './entities/district.entity';
import type { Subdistrict } from './entities/subdistrict.entity';
import type { WaterloggingPoint } from './entities/waterlogging-point.entity';

/** A GeoJSON point in WGS84 [lon, lat]. */
export const point = (lon: number, lat: number): PointGeometry => ({
  type: 'Point',
  coordinates: [lon, lat],
});

/** A GeoJSON FeatureCollection of these features. */
export function collection<G, P>(
  features: Feature<G, P>[],
): { type: 'FeatureCollection'; features: Feature<G, P>[] } {
  return { type: 'FeatureCollection', features };
}

export const districtsToGeoJson = (rows: District[]): DistrictCollection =>
  collection(
    rows.map((d) => ({
      type: 'Feature' as const,
      id: d.code,
      geometry: d.geometry,
      properties: { code: d.code, name: d.name, nameEn: d.nameEn },
    })),
  );

export const subdistrictsToGeoJson = (rows: Subdistrict[]): SubdistrictCollection =>
  collection(
    rows.map((s) => ({
      type: 'Feature' as const,
      id: s.code,
      geometry: s.geometry,
      properties: {
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        centre: [s.centreLon, s.centreLat],
        approximate: s.approximate,
      },
    })),
  );

export const pointsToGeoJson = (rows: WaterloggingPoint[]): WaterloggingPointCollection =>
  collection(
    rows.map((p) => ({
      type: 'Feature' as const,
      id: p.id,
      geometry: point(p.lon, p.lat),
      properties: {
        id: p.id,
        code: p.code,
        name: p.name,
        subdistrictCode: p.subdistrictCode,
        alarmDepthM: p.alarmDepthM,
        hasSensor: p.hasSensor,
        contacts: (p.contacts ?? []).map((c): ContactDto => ({
          id: c.id,
          role: c.role,
          name: c.name,
          phone: c.phone,
        })),
      },
    })),
  );
