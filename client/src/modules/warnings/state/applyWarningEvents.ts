// The reducer lives in shared (console-state) so the live console, the replay and the server
// fold events with the same code.
export {
  applyWarningDetail,
  applyWarningEvent,
  applyWarningEvents,
  emptyWarnings,
  warningDetailWanted,
  warningsFromList,
  type WarningsState,
} from '@sanfang/shared';
