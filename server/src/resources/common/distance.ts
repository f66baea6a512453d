/** Great-circle distance in metres (SQL), from columns/params giving lon/lat in degrees. */
export const haversineSql = (lon1: string, lat1: string, lon2: string, lat2: string): string =>
  `(2 * 6371008.8 * asin(sqrt(power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
