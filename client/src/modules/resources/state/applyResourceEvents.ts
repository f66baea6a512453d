// The reducer lives in shared (console-state) so the live console, the replay and the server
// fold events with the same code; it keeps the client's extra fields (the geography).
export {
  applyResourceEvent,
  applyResourceEvents,
  needsReload,
  reloadsReferenceData,
} from '@sanfang/shared';
