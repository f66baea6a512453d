import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; features add their own metrics to it. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: 'sanfang_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const loginFailures = new Counter({
  name: 'sanfang_login_failures_total',
  help: 'Rejected sign-in attempts',
  registers: [registry],
});

export const liveSlowClientsCut = new Counter({
  name: 'sanfang_live_slow_clients_cut_total',
  help: 'Sockets cut off because they stopped reading (their queue passed the bound)',
  registers: [registry],
});

export const liveConnections = new Gauge({
  name: 'sanfang_live_connections',
  help: 'socket.io connections on this instance',
  registers: [registry],
  collect() {
    this.set(liveConnectionCount());
  },
});

let liveConnectionCount: () => number = () => 0;
/** The gateway tells the gauge how to count (it owns the server). */
export function setLiveConnectionCounter(fn: () => number): void {
  liveConnectionCount = fn;
}
