/** What SMPP_URL says (docs/SMS.md). */
export interface SmppOptions {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  systemType: string;
  /** source_addr of outbound messages (the bureau's short code or sender id). */
  source: string;
  /** submit_sm per second (the gateway's cap). */
  rate: number;
  /**
   * submit_sm that may leave at once to catch up after the sender fell behind its schedule (a
   * late timer, a busy event loop); the average never exceeds `rate`.
   */
  burst: number;
  /** submit_sm awaiting their response at most. */
  window: number;
  /** enquire_link period (ms). */
  enquireMs: number;
  /** Longest wait for a response before the link is declared dead (ms). */
  responseTimeoutMs: number;
  /** Reconnect backoff bounds (ms). */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** How long `send` waits for a bound link before handing messages back for a retry (ms). */
  connectWaitMs: number;
  /** Ask for delivery receipts (registered_delivery=1). */
  receipts: boolean;
}

const num = (v: string | null, dflt: number, name: string, min = 1): number => {
  if (v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`SMPP_URL: ${name} must be a number ≥ ${min}`);
  return n;
};

export function parseSmppUrl(raw: string): SmppOptions {
  const u = new URL(raw);
  if (u.protocol !== 'smpp:' && u.protocol !== 'smpps:')
    throw new Error('SMPP_URL: must start with smpp:// or smpps://');
  const q = u.searchParams;
  const source = q.get('source') ?? '';
  if (!source) throw new Error('SMPP_URL: source=<sender address> is required');
  return {
    host: u.hostname,
    port: num(u.port, 2775, 'port'),
    tls: u.protocol === 'smpps:',
    systemId: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    systemType: q.get('system_type') ?? '',
    source,
    rate: num(q.get('rate'), 100, 'rate'),
    burst: Math.floor(
      num(q.get('burst'), Math.max(1, Math.floor(num(q.get('rate'), 100, 'rate') / 20)), 'burst'),
    ),
    // By default about 100 ms of sending in flight (at least 10): the rate holds while a round
    // trip stays under 100 ms, as it may not on a loaded machine with a smaller window.
    window: Math.floor(
      num(q.get('window'), Math.max(10, Math.ceil(num(q.get('rate'), 100, 'rate') / 10)), 'window'),
    ),
    enquireMs: num(q.get('enquire_s'), 30, 'enquire_s') * 1000,
    responseTimeoutMs: num(q.get('timeout_s'), 10, 'timeout_s') * 1000,
    reconnectMinMs: num(q.get('reconnect_min_ms'), 500, 'reconnect_min_ms'),
    reconnectMaxMs: num(q.get('reconnect_max_ms'), 30_000, 'reconnect_max_ms'),
    connectWaitMs: num(q.get('connect_wait_s'), 20, 'connect_wait_s', 0) * 1000,
    receipts: q.get('receipts') !== '0',
  };
}
