/**
 * The console's pure reducers (event → state), shared by the live console, the replay page
 * and the server's replay (复盘): one fold, so replayed state is the state shown live.
 */
export * from './warnings';
export * from './responses';
export * from './incidents';
export * from './resources';
export * from './dispatch';
export * from './console';
