// The reducer lives in shared (console-state) so the live console, the replay and the server
// fold events with the same code.
export {
  activeResponses,
  applyResponseEvent,
  applyResponseEvents,
  emptyResponses,
  responsesFromLists,
  type ResponsesState,
} from '@sanfang/shared';
