/** Live transport limits; kept together so the gateway and docs agree. */
export const LIVE = {
  /** Largest frame a client may send (handshake and acks are tiny). */
  maxHttpBufferSize: 64 * 1024,
  pingIntervalMs: 10_000,
  pingTimeoutMs: 10_000,
  /** How often queues are checked and the head beacon considered. */
  sweepMs: 1_000,
  /** The head beacon goes out when the head moved, and at least this often. */
  beaconEveryMs: 10_000,
  replayPage: 1_000,
} as const;
