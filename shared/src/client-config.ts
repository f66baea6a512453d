/** GET /api/client-config (public): what the browser needs before it draws anything. */
export interface ClientConfigDto {
  /**
   * Raster tiles from the district's own (intranet) tile server, under the console's layers;
   * null: the built-in offline basemap only, and no request leaves the console's origin.
   */
  basemap: {
    /** XYZ template with {z}, {x} and {y}, e.g. http://tiles.intranet/{z}/{x}/{y}.png */
    tileUrl: string;
    /** Shown in the map's corner (the tile provider's licence usually requires it). */
    attribution: string | null;
  } | null;
}
