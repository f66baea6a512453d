/**
 * bench:dispatch — whole-district flood activation with ≥ 2,433 contacts: time from the
 * commander's POST until every dispatch row exists, every message is handed to the channel
 * and every connected contact client has its dispatch.created; against a plain multi-row
 * insert of the same rows in the same run. Then escalation lateness over 1,000 timers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import type { ResponseDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { DEADLINE_QUEUE, type DeadlineData, deadlineKey } from '../src/dispatch/dispatch.service';
import { Outbox } from '../src/dispatch/notify/outbox.service';
import { Timers } from '../src/timers/timers.service';
import { login, startConsole } from './lib/console-app';
import { addGeneratedPoints, WHOLE_DISTRICT_CONTACTS } from './lib/generated-points';
import { fmt, machine, nowMs, percentile, sortedCopy, summarize } from './lib/stats';
import { startWorker, type Worker } from './lib/workers';

const RUNS = 3;
const TARGET_CONTACTS = WHOLE_DISTRICT_CONTACTS;
const WORKERS = 2;
const LATENESS_TIMERS = 1_000;
const LATENESS_SPREAD_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(pred: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('bench: timed out');
    await sleep(5);
  }
}

async function main(): Promise<void> {
  // Long deadlines: the activation runs measure call-outs, not escalations.
  const app = await startConsole({ ACK_DEADLINE_S: '3600', ONSITE_DEADLINE_S: '3600' });
  const ds = app.app.get(DataSource);
  const jwt = app.app.get(JwtService);
  const outbox = app.app.get(Outbox);
  const timers = app.app.get(Timers);
  let delivered = 0;
  outbox.onDelivered((ids) => (delivered += ids.length));
  const workers: Worker[] = [];
  const e2e: number[] = [];
  const rowsMs: number[] = [];
  const channelMs: number[] = [];
  const clientsMs: number[] = [];
  const anchor: number[] = [];
  let contacts = 0;
  let lateness: Float64Array = new Float64Array();
  try {
    await addGeneratedPoints((q, p) => ds.query(q, p), {
      target: TARGET_CONTACTS,
      signIns: true,
    });
    const users = await ds.query<
      { id: string; username: string; contact_id: string; subdistrict_code: string }[]
    >(
      `SELECT u.id, u.username, u.contact_id, u.subdistrict_code FROM users u
         JOIN contacts c ON c.id = u.contact_id JOIN waterlogging_points p ON p.id = c.point_id
        WHERE u.role = 'contact' AND c.role <> 'onsite_lead_backup' AND p.retired_at IS NULL`,
    );
    contacts = users.length;
    const tokens = await Promise.all(
      users.map((u) =>
        jwt.signAsync({
          sub: u.id,
          usr: u.username,
          role: 'contact',
          sd: u.subdistrict_code,
          cid: u.contact_id,
        }),
      ),
    );
    for (let w = 0; w < WORKERS; w++) workers.push(startWorker('dispatch-clients.worker.js'));
    const share = Math.ceil(tokens.length / WORKERS);
    await Promise.all(
      workers.map((w, i) =>
        w.call({ cmd: 'connect', url: app.url, tokens: tokens.slice(i * share, (i + 1) * share) }),
      ),
    );
    console.log(`bench:dispatch — ${contacts} contacts connected on ${WORKERS} worker processes`);
    const commander = await login(app.url, 'commander');
    await ds.query(`CREATE TABLE bench_anchor (LIKE dispatches INCLUDING DEFAULTS)`);

    for (let run = 0; run < RUNS + 1; run++) {
      const warm = run === 0; // first activation warms caches and JIT; not counted
      await Promise.all(workers.map((w) => w.call({ cmd: 'arm' })));
      const before = delivered;
      const t0 = nowMs();
      const res = await fetch(`${app.url}/api/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${commander}` },
        body: JSON.stringify({ hazard: 'flood', level: 'IV', reason: 'bench' }),
      });
      const tRows = nowMs();
      if (res.status !== 201) throw new Error(`start: ${res.status} ${await res.text()}`);
      const r = (await res.json()) as ResponseDto;
      let tChannel = 0;
      await until(() => {
        if (!tChannel && delivered - before >= contacts) tChannel = nowMs();
        return Promise.resolve(tChannel > 0);
      }, 60_000).catch(async (e: unknown) => {
        console.error(
          'handed to channel:',
          delivered - before,
          await ds.query(`SELECT status, kind, count(*) FROM notifications GROUP BY 1, 2`),
        );
        throw e;
      });
      let tClients = 0;
      let lastCount = 0;
      await until(async () => {
        const got = await Promise.all(
          workers.map((w) => w.call<{ count: number; last: number }>({ cmd: 'received' })),
        );
        const count = got.reduce((s, g) => s + g.count, 0);
        if (count >= contacts) tClients = Math.max(...got.map((g) => g.last));
        lastCount = count;
        return tClients > 0;
      }, 60_000).catch((e: unknown) => {
        console.error(`clients that received their dispatch: ${lastCount}/${contacts}`);
        throw e;
      });
      const made = await ds.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM dispatches WHERE response_id = $1`,
        [r.id],
      );
      const n = Number(made[0]?.n ?? 0);
      if (n !== contacts) throw new Error(`expected ${contacts} dispatches, found ${n}`);

      // Anchor: the same rows, one plain multi-row insert into a bare copy of the table.
      const rows = await ds.query<Record<string, unknown>[]>(
        `SELECT id, response_id, point_id, contact_id, subdistrict_code, role, phone, code, status,
                notified_at, ack_deadline, arrive_deadline FROM dispatches WHERE response_id = $1`,
        [r.id],
      );
      await ds.query(`TRUNCATE bench_anchor`);
      const cols = Object.keys(rows[0] ?? {});
      const a0 = nowMs();
      for (let i = 0; i < rows.length; i += 2_500) {
        const params: unknown[] = [];
        const values = rows
          .slice(i, i + 2_500)
          .map((row) => `(${cols.map((c) => `$${params.push(row[c])}`).join(',')})`)
          .join(',');
        await ds.query(`INSERT INTO bench_anchor (${cols.join(',')}) VALUES ${values}`, params);
      }
      const a1 = nowMs();

      const total = Math.max(tChannel, tClients, tRows) - t0;
      if (!warm) {
        e2e.push(total);
        rowsMs.push(tRows - t0);
        channelMs.push(tChannel - t0);
        clientsMs.push(tClients - t0);
        anchor.push(a1 - a0);
      }
      console.log(
        `${warm ? 'warm-up' : `run ${run}/${RUNS}`}: end to end ${fmt(total, 0)} ms (rows ${fmt(tRows - t0, 0)}, channel ${fmt(tChannel - t0, 0)}, clients ${fmt(tClients - t0, 0)}) | anchor insert ${fmt(a1 - a0, 0)} ms`,
      );

      if (run === RUNS) {
        // Lateness: 1,000 escalation timers through the real handler, due over 10 s. The
        // contact clients are disconnected first: every event sends a `published` marker to
        // every socket, which would measure 2,436 idle sockets rather than the timers.
        await Promise.all(workers.map((w) => w.call({ cmd: 'disconnect' })));
        const ids = await ds.query<{ id: string }[]>(
          `SELECT id FROM dispatches WHERE response_id = $1 AND role <> 'onsite_lead' LIMIT $2`,
          [r.id, LATENESS_TIMERS],
        );
        const start = Date.now() + 2_000;
        const items = ids.map((d, i) => {
          const at = new Date(start + (i * LATENESS_SPREAD_MS) / ids.length);
          const data: DeadlineData = {
            dispatchId: d.id,
            ladder: 'arrive',
            step: 1,
            dueAt: at.toISOString(),
          };
          return { key: deadlineKey(data), at, data };
        });
        await ds.transaction((m) => timers.scheduleMany(m, DEADLINE_QUEUE, items));
        const due = new Map(items.map((x) => [x.data.dispatchId, x.at.getTime()]));
        let fired: { id: string; at: Date }[] = [];
        await until(async () => {
          fired = await ds.query(
            `SELECT payload->>'dispatchId' AS id, occurred_at AS at FROM events
              WHERE type = 'dispatch.escalated' AND payload->>'ladder' = 'arrive'`,
          );
          return fired.length >= ids.length;
        }, 90_000).catch(async (e: unknown) => {
          console.error(
            `escalations seen ${fired.length}/${ids.length}`,
            await ds.query(`SELECT state, count(*) FROM pgboss.job WHERE name = $1 GROUP BY 1`, [
              DEADLINE_QUEUE,
            ]),
            await ds.query(
              `SELECT output FROM pgboss.job WHERE name = $1 AND state IN ('failed', 'retry') LIMIT 2`,
              [DEADLINE_QUEUE],
            ),
          );
          throw e;
        });
        lateness = sortedCopy(fired.map((f) => f.at.getTime() - (due.get(f.id) ?? 0)));
      }
      await fetch(`${app.url}/api/responses/${r.id}/end`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${commander}` },
        body: JSON.stringify({ reason: 'bench over' }),
      });
      const afterEnd = delivered;
      await until(() => Promise.resolve(delivered - afterEnd >= contacts), 60_000);
    }
  } finally {
    await Promise.all(workers.map((w) => w.call({ cmd: 'disconnect' }).catch(() => undefined)));
    for (const w of workers) w.child.kill();
    await app.close();
  }
  const results = {
    endToEndMs: summarize(e2e),
    rowsCommittedMs: summarize(rowsMs),
    handedToChannelMs: summarize(channelMs),
    allClientsReceivedMs: summarize(clientsMs),
    anchorInsertMs: summarize(anchor),
    escalationLatenessMs: {
      timers: lateness.length,
      p50: percentile(lateness, 50),
      p99: percentile(lateness, 99),
      max: percentile(lateness, 100),
    },
  };
  const ratio = results.endToEndMs.median / results.anchorInsertMs.median;
  console.log(`\nbench:dispatch — ${contacts} contacts, median of ${RUNS} runs`);
  console.log(
    `console end to end ${fmt(results.endToEndMs.median, 0)} ms (target ≤ 1000) | anchor multi-row insert ${fmt(results.anchorInsertMs.median, 1)} ms | ratio ${fmt(ratio, 1)}`,
  );
  console.log(
    `escalation lateness over ${lateness.length} timers: p50 ${fmt(results.escalationLatenessMs.p50, 0)} ms, p99 ${fmt(results.escalationLatenessMs.p99, 0)} ms (target ≤ 1000)`,
  );
  const out = {
    bench: 'dispatch',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    contacts,
    targets: { endToEndMs: 1000, latenessP99Ms: 1000 },
    ratio,
    results,
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dispatch.json'), JSON.stringify(out, null, 2));
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
