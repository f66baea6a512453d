import type { AreaGeometry, FeatureCollection, LonLat } from '@sanfang/shared';

export type Bounds = [west: number, south: number, east: number, north: number];

function ringsOf(geometry: AreaGeometry): LonLat[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Bounding box of all area features, or null when there are none to fit to. */
export function boundsOf<P>(collection: FeatureCollection<AreaGeometry, P>): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of collection.features) {
    for (const ring of ringsOf(feature.geometry)) {
      for (const [lon, lat] of ring) {
        west = Math.min(west, lon);
        south = Math.min(south, lat);
        east = Math.max(east, lon);
        north = Math.max(north, lat);
      }
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

/** Adds a `paletteIndex` so adjacent subdistricts get different tints (derived, never sent back). */
export function withPaletteIndex<G, P>(
  collection: FeatureCollection<G, P>,
): FeatureCollection<G, P & { paletteIndex: number }> {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature, index) => ({
      ...feature,
      properties: { ...feature.properties, paletteIndex: index },
    })),
  };
}
