/**
 * Bench worker for bench:incidents: the senders live in their own process, as other systems'
 * feeds do, so the process under test runs only the console. It bursts the same reports at
 * the console over HTTP or plainly into PostgreSQL and reports rate and latency.
 */
import type { IncidentFeedReport } from '@sanfang/shared';
import { Client } from 'pg';
import { poster } from './lib/post';
import { nowMs, percentile, sortedCopy } from './lib/stats';

type Msg =
  | { cmd: 'init'; url: string; dbUrl: string; senders: number; reports: number }
  | { cmd: 'plain'; run: number }
  | { cmd: 'console'; run: number }
  | { cmd: 'floor'; run: number }
  | { cmd: 'end' };

export interface Burst {
  rate: number;
  p50: number;
  p99: number;
}

let REPORTS = 1000;
let post: ReturnType<typeof poster> | null = null;
let clients: Client[] = [];

function reports(run: number): IncidentFeedReport[] {
  const types = ['waterlogging', 'traffic', 'fire', 'building'] as const;
  return Array.from({ length: REPORTS }, (_, i) => ({
    source: 'bench',
    externalId: `run${run}-${i}`,
    type: types[i % types.length]!,
    occurredAt: new Date(Date.now() - i * 1000).toISOString(),
    location: {
      lon: 113.76 + (i % 97) * 0.002,
      lat: 22.55 + (i % 89) * 0.003,
      address: `测试地址${i}`,
    },
    description: '基准测试事件',
    casualties: { deaths: i % 50 === 0 ? 3 : 0, seriousInjuries: 0, missing: 0, trapped: i % 7 },
    directLossCny: 0,
  }));
}

/** N senders draining one queue; per-item latency and overall rate. */
async function burst<T>(
  items: T[],
  senders: number,
  send: (item: T, sender: number) => Promise<void>,
): Promise<Burst> {
  const lat: number[] = [];
  let next = 0;
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      for (let i = next++; i < items.length; i = next++) {
        const t = nowMs();
        await send(items[i]!, s);
        lat.push(nowMs() - t);
      }
    }),
  );
  const secs = (nowMs() - t0) / 1000;
  const sorted = sortedCopy(lat);
  return { rate: items.length / secs, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** One report to the console's feed, which must answer `expected`. */
async function postReport(r: IncidentFeedReport, expected: number): Promise<void> {
  const res = await post!(
    '/api/feeds/incidents',
    { 'content-type': 'application/json', authorization: 'Bearer demo-feed' },
    JSON.stringify(r),
  );
  if (res.status !== expected) throw new Error(`intake answered ${res.status}: ${res.body}`);
}

const reply = (m: unknown): void => void process.send?.(m);

process.on('message', (m: Msg) => {
  void (async () => {
    switch (m.cmd) {
      case 'init':
        REPORTS = m.reports;
        post = poster(m.url, m.senders);
        clients = await Promise.all(
          Array.from({ length: m.senders }, async () => {
            const c = new Client({ connectionString: m.dbUrl });
            await c.connect();
            return c;
          }),
        );
        return reply({ ok: true });
      case 'plain':
        // The anchor: the same JSON rows, plainly inserted, same concurrency.
        return reply(
          await burst(reports(m.run), clients.length, async (r, s) => {
            await clients[s]!.query(
              `INSERT INTO bench_plain_reports (source, external_id, body) VALUES ($1, $2, $3)`,
              [r.source, r.externalId, JSON.stringify(r)],
            );
          }),
        );
      case 'console':
        return reply(await burst(reports(m.run), clients.length, (r) => postReport(r, 201)));
      case 'floor':
        // The HTTP floor: the same posts with a type no schema takes, refused (400) after
        // authentication, JSON parsing and validation, before any database work.
        return reply(
          await burst(reports(m.run), clients.length, (r) =>
            postReport({ ...r, type: 'bench-floor' as IncidentFeedReport['type'] }, 400),
          ),
        );
      case 'end':
        await Promise.all(clients.map((c) => c.end()));
        reply({ ok: true });
        return process.exit(0);
    }
  })().catch((e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) }));
});
