import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
