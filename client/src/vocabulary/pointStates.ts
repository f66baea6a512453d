/** A waterlogging point's colour on the map, from its dispatches and its sensor. */
export const POINT_STATES = [
  'quiet',
  'dispatched',
  'acknowledged',
  'on_site',
  'overdue',
  'ponding',
] as const;
export type PointState = (typeof POINT_STATES)[number];
