// The reducer lives in shared (console-state) so the live console, the replay and the server
// fold events with the same code.
export {
  applyAnyDispatchEvent,
  applyDispatchEvent,
  applyDispatchEvents,
  dispatchAt,
  dispatchesFromList,
  dispatchFromEvent,
  dispatchMissing,
  type DispatchMap,
} from '@sanfang/shared';
