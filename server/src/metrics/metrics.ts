import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { onObserved, read } from '../core/observe';

/**
 * One registry per process. Features do not import it: they report through `core/observe.ts`
 * and the series here count what they report.
 */
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
onObserved('loginFailed', () => loginFailures.inc());

export const liveSlowClientsCut = new Counter({
  name: 'sanfang_live_slow_clients_cut_total',
  help: 'Sockets cut off because they stopped reading (their queue passed the bound)',
  registers: [registry],
});
onObserved('liveSlowClientCut', () => liveSlowClientsCut.inc());

export const liveConnections = new Gauge({
  name: 'sanfang_live_connections',
  help: 'socket.io connections on this instance',
  registers: [registry],
  collect() {
    this.set(read('liveConnections'));
  },
});
