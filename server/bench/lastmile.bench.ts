/**
 * bench:lastmile — a red rainstorm for the whole district calls every point contact (generated
 * up to ≥ 2,800 call-outs) through the SMPP channel to an SMSC in this process that accepts
 * submit_sm at a fixed rate R (ESME_RTHROTTLED above it). The console runs as a child
 * process (node dist-bench/src/main.js) on a fresh database of DATABASE_URL's server.
 *
 *  A. Time from the commander's POST until the last message is wholly submitted, against the
 *     limit segments/R (the gateway's rate counts submit_sm PDUs; a Chinese call-out is three
 *     UCS2 segments); time until every on-site lead's message is, against
 *     ⌈lead segments/R⌉ + 1 s; the console's CPU per message.
 *  B. A second call-out (typhoon): SIGKILL of the console mid-batch, a restart, then every
 *     message counted at the SMSC: lost (never arrived whole) and doubled (arrived twice).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DISPOSABLE_FLAG, DISPOSABLE_VALUE } from '../src/config/secrets';
import { freePort } from '../src/database/embedded';
import { login } from './lib/console-app';
import { Smsc } from './lib/smsc';
import { fmt, machine } from './lib/stats';

const R = Number(process.env.LASTMILE_RATE ?? 200);
const WINDOW = 10;
const TARGET_CALLOUTS = 2_800;
const MAIN = join(__dirname, '../src/main.js');
// The SMSC runs in this process; the console is a child process.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Console {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function spawnConsole(env: Record<string, string>): Promise<Console> {
  const port = await freePort();
  let buf = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (buf += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (buf += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`console exited ${child.exitCode}:\n${buf}`);
    if (Date.now() > deadline) throw new Error(`console did not become healthy:\n${buf}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, output: () => buf };
    await sleep(100);
  }
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

/** Generated points (four call-out contacts and a backup each) up to the target. */
async function generate(pg: Client): Promise<void> {
  const have = await pg.query<{ n: string }>(
    `SELECT count(*) AS n FROM contacts WHERE role <> 'onsite_lead_backup'`,
  );
  const missing = Math.ceil((TARGET_CALLOUTS - Number(have.rows[0]?.n ?? 0)) / 4);
  if (missing <= 0) return;
  await pg.query(
    `WITH sd AS (SELECT code, centre_lon, centre_lat, row_number() OVER (ORDER BY code) - 1 AS i,
                        count(*) OVER () AS k FROM subdistricts)
     INSERT INTO waterlogging_points (code, name, subdistrict_code, lon, lat, alarm_depth_m)
     SELECT 'LM-' || lpad(g::text, 5, '0'), '生成积水点' || g, sd.code,
            sd.centre_lon + (random() - 0.5) * 0.02, sd.centre_lat + (random() - 0.5) * 0.02, 0.25
       FROM generate_series(1, $1) g JOIN sd ON sd.i = g % sd.k`,
    [missing],
  );
  await pg.query(
    `INSERT INTO contacts (point_id, role, name, phone)
     SELECT p.id, r.role, '联系人' || p.code || r.role,
            '19' || lpad((row_number() OVER (ORDER BY p.code, r.role))::text, 9, '0')
       FROM waterlogging_points p
       CROSS JOIN unnest(ARRAY['onsite_lead','onsite_lead_backup','drainage','traffic_police','fire_rescue']) AS r(role)
      WHERE p.code LIKE 'LM-%'`,
  );
}

async function startResponse(url: string, hazard: string): Promise<string> {
  const token = await login(url, 'commander');
  const res = await fetch(`${url}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ hazard, level: 'I', reason: '暴雨红色预警：全区' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/responses: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

interface Expected {
  key: string;
  duty: string | null;
}

async function expected(pg: Client, responseId: string): Promise<Expected[]> {
  const rows = await pg.query<{ address: string; text: string; duty: string | null }>(
    `SELECT n.address, n.text, n.duty FROM notifications n
       JOIN dispatches d ON d.id = n.dispatch_id
      WHERE d.response_id = $1 AND n.kind = 'callout'`,
    [responseId],
  );
  return rows.rows.map((r) => ({ key: `${r.address}\n${r.text}`, duty: r.duty }));
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `sanfang_lastmile_${Date.now()}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();
  const smsc = new Smsc({ rate: R });
  await smsc.listen();
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    DATABASE_URL: dbUrl,
    SEED: 'demo',
    [DISPOSABLE_FLAG]: DISPOSABLE_VALUE,
    LOGIN_RATE_LIMIT: '100000',
    NOTIFY_CHANNEL: 'smpp',
    SMPP_URL: smsc.url(`source=12110&rate=${R}&window=${WINDOW}`),
  };
  let c = await spawnConsole(env);
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    await generate(pg);

    // --- A: the call-out, timed --------------------------------------------------------
    const segBefore = smsc.segments.length;
    const cpu0 = cpuMs(c.child.pid!);
    const t0 = Date.now();
    const a = await startResponse(c.url, 'flood');
    const expA = await expected(pg, a);
    await smsc.until(() => expA.every((e) => smsc.messages.has(e.key)), 600_000);
    const cpu1 = cpuMs(c.child.pid!);
    const segs = smsc.segments.length - segBefore;
    const firstSubmit = (smsc.segments[segBefore]?.at ?? NaN) - t0;
    const doneAt = (e: Expected): number => smsc.completedAt.get(e.key) ?? NaN;
    const tLast = Math.max(...expA.map(doneAt)) - t0;
    const leads = expA.filter((e) => e.duty === 'onsite_lead');
    const tLeads = Math.max(...leads.map(doneAt)) - t0;
    const segsPerMsg = segs / expA.length;
    const leadSegs = Math.round(leads.length * segsPerMsg);
    const limit = (segs / R) * 1000;
    const leadLimit = (Math.ceil(leadSegs / R) + 1) * 1000;
    const doubledA = expA.filter((e) => (smsc.messages.get(e.key) ?? 0) > 1).length;
    const throttledA = smsc.throttled;

    // --- B: SIGKILL mid-batch, restart, count ------------------------------------------
    const b = await startResponse(c.url, 'typhoon');
    const expB = await expected(pg, b);
    const third = smsc.segments.length + Math.round((expB.length * segsPerMsg) / 3);
    await smsc.until(() => smsc.segments.length >= third, 600_000);
    const killedAt = Date.now();
    c.child.kill('SIGKILL');
    await new Promise((r) => c.child.once('exit', r));
    const atKill = expB.filter((e) => smsc.messages.has(e.key)).length;
    c = await spawnConsole(env);
    await smsc.until(() => expB.every((e) => smsc.messages.has(e.key)), 600_000);
    // Let anything still in flight land before counting doubles.
    for (;;) {
      const left = await pg.query<{ n: string }>(
        `SELECT count(*) AS n FROM notifications WHERE status <> 'delivered'`,
      );
      if (Number(left.rows[0]?.n) === 0) break;
      await sleep(200);
    }
    await sleep(1_000);
    const lost = expB.filter((e) => !smsc.messages.has(e.key)).length;
    const doubledB = expB.filter((e) => (smsc.messages.get(e.key) ?? 0) > 1).length;
    const resentInDoubt = await pg.query<{ n: string }>(
      `SELECT count(*) AS n FROM notifications n JOIN dispatches d ON d.id = n.dispatch_id
        WHERE d.response_id = $1 AND n.attempts > 1`,
      [b],
    );
    const recoveredS = (Date.now() - killedAt) / 1000;

    const lines = [
      `bench:lastmile — ${JSON.stringify(machine())}, load average ${loadavg()
        .map((l) => fmt(l, 1))
        .join(' ')}`,
      `SMSC rate R = ${R} submit_sm/s (token bucket, ESME_RTHROTTLED above), window ${WINDOW}`,
      ``,
      `A. whole-district red rainstorm call-out`,
      `  messages N = ${expA.length} (${leads.length} on-site leads), segments S = ${segs} (${fmt(segsPerMsg, 2)} per message, UCS2)`,
      `  last submit: ${fmt(tLast / 1000, 2)} s  vs  S/R = ${fmt(limit / 1000, 2)} s  (${fmt(tLast / limit, 3)} × limit; target ≤ 1.1)`,
      `     (N/R = ${fmt(expA.length / R, 2)} s if every message were one segment)`,
      `  first submit ${fmt(firstSubmit / 1000, 2)} s after the POST (call-out committed); from there ${fmt(segs / ((tLast - firstSubmit) / 1000), 1)} segments/s`,
      `  all on-site leads submitted: ${fmt(tLeads / 1000, 2)} s  vs  ⌈lead segments/R⌉ + 1 = ${fmt(leadLimit / 1000, 0)} s`,
      `  console CPU: ${fmt(cpu1 - cpu0, 0)} ms for ${expA.length} messages = ${fmt((cpu1 - cpu0) / expA.length, 3)} ms/message`,
      `  throttled by the SMSC: ${throttledA}; doubled: ${doubledA}`,
      ``,
      `B. second call-out (${expB.length} messages), console SIGKILLed after ${atKill} had arrived whole, restarted`,
      `  lost: ${lost}   doubled: ${doubledB}   rows resent after the restart: ${resentInDoubt.rows[0]?.n}`,
      `  everything delivered ${fmt(recoveredS, 1)} s after the kill (the killed console's leases run out after 15 s)`,
    ];
    const text = lines.join('\n');
    console.log(text);
    const dir = join(__dirname, '../../../bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'lastmile.json'),
      JSON.stringify(
        {
          bench: 'lastmile',
          machine: machine(),
          rate: R,
          window: WINDOW,
          a: {
            messages: expA.length,
            segments: segs,
            leads: leads.length,
            lastSubmitMs: tLast,
            firstSubmitMs: firstSubmit,
            limitMs: limit,
            leadsSubmittedMs: tLeads,
            leadLimitMs: leadLimit,
            consoleCpuMsPerMessage: (cpu1 - cpu0) / expA.length,
            throttled: throttledA,
            doubled: doubledA,
          },
          b: { messages: expB.length, arrivedAtKill: atKill, lost, doubled: doubledB },
          text: lines,
        },
        null,
        2,
      ),
    );
  } finally {
    await pg.end();
    c.child.kill('SIGTERM');
    await new Promise((r) => (c.child.exitCode !== null ? r(null) : c.child.once('exit', r)));
    await smsc.down();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
