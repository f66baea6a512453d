/** The timeline's filter groups: by the feature an event comes from. */
export const EVENT_GROUPS = [
  'notice',
  'warning',
  'response',
  'dispatch',
  'incident',
  'resource',
] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];
