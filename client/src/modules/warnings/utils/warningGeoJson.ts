import type {
  AreaGeometry,
  DistrictCollection,
  LonLat,
  SubdistrictCollection,
  WarningDto,
} from '@sanfang/shared';
import type { KeyedFeature } from '../../map/live/featureDiff';
import { colourRank, NO_SIGNAL_HEX, SIGNAL_HEX } from '../../../vocabulary/signal';

const CIRCLE_STEPS = 48;
const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;

/** A CAP circle as a closed ring (good enough at district scale: equirectangular offsets). */
export function circleRing(centre: LonLat, radiusKm: number, steps = CIRCLE_STEPS): LonLat[] {
  const [lon, lat] = centre;
  const kmPerLon = KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const ring: LonLat[] = [];
  for (let i = 0; i < steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([
      lon + (radiusKm * Math.cos(a)) / kmPerLon,
      lat + (radiusKm * Math.sin(a)) / KM_PER_DEGREE_LAT,
    ]);
  }
  ring.push(ring[0]!);
  return ring;
}

function closed(ring: LonLat[]): LonLat[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) return ring;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

const polygonsOf = (g: AreaGeometry): LonLat[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

/**
 * Where a warning applies, as polygons: its CAP polygons and circles when it has any, else
 * the subdistricts it names (CAP geocodes), else the whole district.
 */
export function warningPolygons(
  warning: WarningDto,
  subdistricts: SubdistrictCollection,
  district: DistrictCollection,
): LonLat[][][] {
  const drawn: LonLat[][][] = [];
  for (const area of warning.areas) {
    for (const ring of area.polygons) if (ring.length >= 3) drawn.push([closed(ring)]);
    for (const c of area.circles)
      if (c.radiusKm > 0) drawn.push([circleRing(c.centre, c.radiusKm)]);
  }
  if (drawn.length > 0) return drawn;
  if (!warning.districtWide && warning.subdistrictCodes.length > 0) {
    const codes = new Set(warning.subdistrictCodes);
    const named = subdistricts.features
      .filter((f) => codes.has(f.properties.code))
      .flatMap((f) => polygonsOf(f.geometry));
    if (named.length > 0) return named;
  }
  return district.features.flatMap((f) => polygonsOf(f.geometry));
}

/** One map feature per active warning, coloured by its signal; higher colours sort on top. */
export function warningFeatures(
  warnings: Iterable<WarningDto>,
  subdistricts: SubdistrictCollection,
  district: DistrictCollection,
): KeyedFeature[] {
  const features: KeyedFeature[] = [];
  for (const w of warnings) {
    const polygons = warningPolygons(w, subdistricts, district);
    if (polygons.length === 0) continue;
    features.push({
      type: 'Feature',
      id: w.id,
      geometry: { type: 'MultiPolygon', coordinates: polygons },
      properties: {
        id: w.id,
        hazard: w.hazard,
        colour: w.colour ? SIGNAL_HEX[w.colour] : NO_SIGNAL_HEX,
        rank: colourRank(w.colour),
        drill: w.drill,
        headline: w.headline,
      },
    });
  }
  return features;
}
