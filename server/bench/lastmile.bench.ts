/**
 * bench:lastmile — the last mile under a gateway's rate, driven by the real thing: a red
 * rainstorm CAP warning for the whole district arrives through the CAP feed (POST
 * /api/feeds/cap, as a feed would post it) and, at the same moment, the commander starts a
 * level-I flood response. The 叫应 reactor calls every responsible person and every point
 * contact (one call a phone: the round dedupes by phone), dispatch calls every point's four
 * call-out contacts, and everything leaves through the SMPP channel to an SMSC in this process
 * that takes submit_sm at a fixed rate R (ESME_RTHROTTLED above it). The console is a child
 * process (node dist-bench/src/main.js) on a fresh database of DATABASE_URL's server, seeded
 * with the demo district (2,433 responsible persons, 96 points).
 *
 *  A. Time from the triggers until the last message is wholly submitted, against the limit
 *     S/R (S = submit_sm PDUs: the gateway's rate counts PDUs and a Chinese call is three
 *     UCS2 parts); time until every on-site lead's message is, against ⌈lead PDUs/R⌉ + 1 s;
 *     the console's CPU per message (its /proc utime + stime).
 *  B. The same on a second fresh database, with every phone answering its code (as people
 *     do) and short answer windows: SIGKILL of the console a third of the way in, a restart,
 *     then every message counted at the SMSC. Doubled: a message (one outbox row) that arrived
 *     twice. Lost: a call or dispatch whose person got nothing at all, neither the message
 *     nor the repeat the answer window sends to anyone silent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DISPOSABLE_FLAG, DISPOSABLE_VALUE } from '../src/config/secrets';
import { freePort } from '../src/database/embedded';
import { splitUcs2 } from '../src/dispatch/notify/smpp/sms-text';
import { login } from './lib/console-app';
import { addGeneratedPoints } from './lib/generated-points';
import { Smsc } from './lib/smsc';
import { fmt, machine } from './lib/stats';

const R = Number(process.env.LASTMILE_RATE ?? 200);
/** The channel's window (unanswered submit_sm): its default for the rate unless given. */
const WINDOW = Number(process.env.LASTMILE_WINDOW ?? Math.max(10, Math.ceil(R / 10)));
/** The floor; the demo district gives more (calls + call-outs), else points are added. */
const MIN_MESSAGES = 2_800;
/** Answer window in B: longer than sending everything, kill and restart included. */
const ANSWER_S = Number(process.env.LASTMILE_ANSWER_S ?? 150);
/** The commander starts the response this long after the warning arrived. */
const RESPONSE_AFTER_MS = Number(process.env.LASTMILE_RESPONSE_AFTER_S ?? 3) * 1000;
const MAIN = join(__dirname, '../src/main.js');
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
  const deadline = Date.now() + 180_000;
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

async function stopConsole(c: Console): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return;
  const gone = new Promise((r) => c.child.once('exit', r));
  c.child.kill('SIGTERM');
  await gone;
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

const iso8 = (d: Date): string =>
  `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

/** A red rainstorm warning for the whole of 宝安区, as the provincial feed sends it. */
function redRainstormCap(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>BENCH_LASTMILE_${Date.now()}</identifier>
  <sender>44030041600000</sender>
  <sent>${iso8(new Date(Date.now() - 5_000))}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Observed</certainty>
    <expires>${iso8(new Date(Date.now() + 6 * 3600_000))}</expires>
    <headline>深圳市气象台发布宝安区暴雨红色预警</headline>
    <area><areaDesc>宝安区</areaDesc></area>
  </info>
</alert>`;
}

/**
 * The triggers: the CAP post (as the feed) and, `afterMs` later, the commander's level-I
 * response (the 叫应 calls are then being sent: its on-site leads must overtake them).
 * Resolves with when the response was posted and when each post was answered (committed).
 */
async function trigger(
  url: string,
  commander: string,
  afterMs: number,
): Promise<{ cap: number; respSent: number; resp: number }> {
  const at = { cap: 0, respSent: 0, resp: 0 };
  const [cap, resp] = await Promise.all([
    fetch(`${url}/api/feeds/cap`, {
      method: 'POST',
      headers: { 'content-type': 'application/cap+xml', authorization: 'Bearer demo-feed' },
      body: redRainstormCap(),
    }).then((r) => ((at.cap = Date.now()), r)),
    sleep(afterMs).then(() => {
      at.respSent = Date.now();
      return fetch(`${url}/api/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${commander}` },
        body: JSON.stringify({ hazard: 'flood', level: 'I', reason: '暴雨红色预警：全区' }),
      }).then((r) => ((at.resp = Date.now()), r));
    }),
  ]);
  if (cap.status !== 201) throw new Error(`POST /api/feeds/cap: ${cap.status} ${await cap.text()}`);
  if (resp.status !== 201)
    throw new Error(`POST /api/responses: ${resp.status} ${await resp.text()}`);
  return at;
}

interface Msg {
  id: string;
  key: string;
  /** The call or dispatch it belongs to (repeats share it). */
  of: string;
  kind: string;
  priority: number;
  parts: number;
}

/** Every outbox row so far (a fresh database: only this run's). */
async function messages(pg: Client): Promise<Msg[]> {
  const rows = await pg.query<{
    id: string;
    address: string;
    text: string;
    dispatch_id: string | null;
    call_id: string | null;
    kind: string;
    priority: number;
  }>(`SELECT id, address, text, dispatch_id, call_id, kind, priority FROM notifications`);
  return rows.rows.map((r) => ({
    id: r.id,
    key: `${r.address.replace(/[\s-]/g, '').replace(/^\+/, '')}\n${r.text}`,
    // A call-out's messages carry its dispatch, a 叫应 call's its call (repeats share it).
    of: r.dispatch_id ?? r.call_id ?? r.id,
    kind: r.kind,
    priority: r.priority,
    parts: splitUcs2(r.text, r.id).length,
  }));
}

/** The round is committed by the reactor after the warning: both triggers' rows present. */
async function triggered(pg: Client): Promise<Msg[]> {
  const until = Date.now() + 120_000;
  for (;;) {
    const r = await pg.query<{ rounds: string; dispatches: string }>(
      `SELECT (SELECT count(*) FROM call_rounds) AS rounds,
              (SELECT count(*) FROM dispatches) AS dispatches`,
    );
    if (Number(r.rows[0]?.rounds) > 0 && Number(r.rows[0]?.dispatches) > 0) return messages(pg);
    if (Date.now() > until) throw new Error('bench: the triggers produced no call-out');
    await sleep(20);
  }
}

async function freshDb(admin: Client, base: string, tag: string): Promise<string> {
  const name = `sanfang_lastmile_${tag}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Demo district: enough calls already; points are generated only if it gives fewer. */
async function ensureSize(pg: Client): Promise<void> {
  const r = await pg.query<{ n: string }>(
    `SELECT (SELECT count(DISTINCT phone) FROM (
               SELECT phone FROM responsible_persons
               UNION ALL SELECT c.phone FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
                WHERE p.retired_at IS NULL AND c.role <> 'onsite_lead_backup') x)
          + (SELECT count(*) FROM contacts WHERE role <> 'onsite_lead_backup') AS n`,
  );
  const short = MIN_MESSAGES - Number(r.rows[0]?.n ?? 0);
  if (short <= 0) return;
  const have = await pg.query<{ n: string }>(
    `SELECT count(*) AS n FROM contacts WHERE role <> 'onsite_lead_backup'`,
  );
  // Each generated call-out contact is called twice (叫应 and dispatch).
  await addGeneratedPoints((q, p) => pg.query(q, p), {
    target: Number(have.rows[0]?.n) + Math.ceil(short / 2),
    prefix: 'LM',
    phonePrefix: '19',
  });
}

const baseEnv = (dbUrl: string, smsc: Smsc): Record<string, string> => ({
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  DATABASE_URL: dbUrl,
  SEED: 'demo',
  [DISPOSABLE_FLAG]: DISPOSABLE_VALUE,
  LOGIN_RATE_LIMIT: '100000',
  NOTIFY_CHANNEL: 'smpp',
  SMPP_URL: smsc.url(`source=12110&rate=${R}&window=${WINDOW}`),
});

/** A waits on this: the keys still to arrive, checked as each whole message does. */
class Arrivals {
  private left = new Set<string>();
  private waiter: (() => void) | null = null;
  seen = new Map<string, number>();
  saw(key: string): void {
    this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    this.left.delete(key);
    if (this.left.size === 0 && this.waiter) this.waiter();
  }
  all(keys: string[], timeoutMs: number): Promise<void> {
    this.left = new Set(keys.filter((k) => !this.seen.has(k)));
    if (this.left.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`bench: ${this.left.size} message(s) never arrived`)),
        timeoutMs,
      );
      this.waiter = () => {
        clearTimeout(t);
        this.waiter = null;
        resolve();
      };
    });
  }
}

interface RunA {
  messages: number;
  calls: number;
  callouts: number;
  segments: number;
  leads: number;
  leadSegments: number;
  firstSubmitMs: number;
  lastSubmitMs: number;
  limitMs: number;
  leadsSubmittedMs: number;
  leadLimitMs: number;
  capAnsweredMs: number;
  responseAnsweredMs: number;
  cpuMsPerMessage: number;
  throttled: number;
  doubled: number;
}

async function runA(admin: Client, base: string): Promise<RunA> {
  const arrivals = new Arrivals();
  const smsc = new Smsc({ rate: R, onWhole: (k) => arrivals.saw(k) });
  await smsc.listen();
  const dbUrl = await freshDb(admin, base, 'a');
  const c = await spawnConsole(baseEnv(dbUrl, smsc));
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    await ensureSize(pg);
    while (smsc.binds === 0) await sleep(50);
    const commander = await login(c.url, 'commander');
    const cpu0 = cpuMs(c.child.pid!);
    const t0 = Date.now();
    const posted = await trigger(c.url, commander, RESPONSE_AFTER_MS);
    const all = await triggered(pg);
    await arrivals.all(
      all.map((m) => m.key),
      600_000,
    );
    const cpu1 = cpuMs(c.child.pid!);
    const at = (m: Msg): number => (smsc.completedAt.get(m.key) ?? NaN) - t0;
    const leads = all.filter((m) => m.priority === 2);
    const segments = all.reduce((n, m) => n + m.parts, 0);
    const leadSegments = leads.reduce((n, m) => n + m.parts, 0);
    return {
      messages: all.length,
      calls: all.filter((m) => m.kind === 'call').length,
      callouts: all.filter((m) => m.kind === 'callout').length,
      segments,
      leads: leads.length,
      leadSegments,
      firstSubmitMs: (smsc.segments[0]?.at ?? NaN) - t0,
      lastSubmitMs: Math.max(...all.map(at)),
      limitMs: (segments / R) * 1000,
      leadsSubmittedMs: Math.max(...leads.map(at)) - (posted.respSent - t0),
      leadLimitMs: (Math.ceil(leadSegments / R) + 1) * 1000,
      capAnsweredMs: posted.cap - t0,
      responseAnsweredMs: posted.resp - posted.respSent,
      cpuMsPerMessage: (cpu1 - cpu0) / all.length,
      throttled: smsc.throttled,
      doubled: all.filter((m) => (smsc.messages.get(m.key) ?? 0) > 1).length,
    };
  } finally {
    await pg.end();
    await stopConsole(c);
    await smsc.down();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
  }
}

interface RunB {
  messages: number;
  arrivedAtKill: number;
  inDoubt: number;
  inDoubtArrived: number;
  repeats: number;
  recalled: number;
  lost: number;
  doubled: number;
  recoveredS: number;
  answered: number;
}

async function runB(admin: Client, base: string): Promise<RunB> {
  const arrivals = new Arrivals();
  let answered = 0;
  const smsc = new Smsc({
    rate: R,
    onWhole: (k) => arrivals.saw(k),
    // Every phone answers its code, as the people called do.
    answer: (_dest, text) => {
      const code = /“(\d{4}) A”/.exec(text)?.[1];
      if (!code) return null;
      answered++;
      return `${code} A`;
    },
  });
  await smsc.listen();
  const dbUrl = await freshDb(admin, base, 'b');
  const env = {
    ...baseEnv(dbUrl, smsc),
    CALL_ANSWER_WINDOW_S: String(ANSWER_S),
    ACK_DEADLINE_S: String(ANSWER_S),
    CALL_ESCALATION_STEP_S: '3600',
    ESCALATION_STEP_S: '3600',
    ONSITE_DEADLINE_S: '3600',
  };
  let c = await spawnConsole(env);
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    await ensureSize(pg);
    while (smsc.binds === 0) await sleep(50);
    const commander = await login(c.url, 'commander');
    await trigger(c.url, commander, RESPONSE_AFTER_MS);
    const first = await triggered(pg);
    const segments = first.reduce((n, m) => n + m.parts, 0);
    await smsc.until(() => smsc.segments.length >= segments / 3, 600_000);
    const killedAt = Date.now();
    c.child.kill('SIGKILL');
    await new Promise((r) => c.child.once('exit', r));
    const arrivedAtKill = first.filter((m) => smsc.messages.has(m.key)).length;
    c = await spawnConsole(env);
    // Every original row settled (submitted, or in doubt and not resent) …
    for (;;) {
      const left = await pg.query<{ n: string }>(
        `SELECT count(*) AS n FROM notifications WHERE id = ANY($1::uuid[]) AND status <> 'delivered'`,
        [first.map((m) => m.id)],
      );
      if (Number(left.rows[0]?.n) === 0) break;
      await sleep(500);
    }
    const recoveredS = (Date.now() - killedAt) / 1000;
    // … then the answer windows run out and the silent are called again; wait for those.
    const deadline = Date.now() + (ANSWER_S + 180) * 1000;
    let all: Msg[] = first;
    for (;;) {
      all = await messages(pg);
      const reached = new Set(all.filter((m) => smsc.messages.has(m.key)).map((m) => m.of));
      const missing = first.filter((m) => !reached.has(m.of)).length;
      const unsettled = await pg.query<{ n: string }>(
        `SELECT count(*) AS n FROM notifications WHERE status <> 'delivered'`,
      );
      if (missing === 0 && Number(unsettled.rows[0]?.n) === 0) break;
      if (Date.now() > deadline) break;
      await sleep(1_000);
    }
    await sleep(1_000);
    const doubt = await pg.query<{ id: string }>(
      `SELECT id FROM notifications WHERE delivery_error LIKE 'in doubt%'`,
    );
    const doubtIds = new Set(doubt.rows.map((r) => r.id));
    const firstIds = new Set(first.map((m) => m.id));
    const repeats = all.filter((m) => !firstIds.has(m.id));
    const reached = new Set(all.filter((m) => smsc.messages.has(m.key)).map((m) => m.of));
    const originalArrived = new Set(first.filter((m) => smsc.messages.has(m.key)).map((m) => m.of));
    return {
      messages: first.length,
      arrivedAtKill,
      inDoubt: doubtIds.size,
      inDoubtArrived: first.filter((m) => doubtIds.has(m.id) && smsc.messages.has(m.key)).length,
      repeats: repeats.length,
      recalled: first.filter(
        (m) =>
          !originalArrived.has(m.of) &&
          repeats.some((r) => r.of === m.of && smsc.messages.has(r.key)),
      ).length,
      lost: first.filter((m) => !reached.has(m.of)).length,
      doubled: all.filter((m) => (smsc.messages.get(m.key) ?? 0) > 1).length,
      recoveredS,
      answered,
    };
  } finally {
    await pg.end();
    await stopConsole(c);
    await smsc.down();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const loadBefore = loadavg();
  try {
    const a = await runA(admin, base);
    const loadA = loadavg();
    const b = process.env.LASTMILE_SKIP_KILL ? null : await runB(admin, base);
    const ratio = a.lastSubmitMs / a.limitMs;
    const l1 = (l: number[]): string => l.map((x) => fmt(x, 2)).join(' ');
    const lines = [
      `bench:lastmile — ${JSON.stringify(machine())}`,
      `load average before ${l1(loadBefore)}, after A ${l1(loadA)}, at the end ${l1(loadavg())}`,
      `SMSC rate R = ${R} submit_sm/s (token bucket, burst ${Math.max(1, R / 10)}, ESME_RTHROTTLED above); window ${WINDOW}`,
      ``,
      `A. red rainstorm CAP for the whole district; ${fmt(RESPONSE_AFTER_MS / 1000, 1)} s later (the calls going out) a level-I flood response`,
      `  N = ${a.messages} messages: ${a.calls} 叫应 calls (every responsible person and point contact, one a phone) + ${a.callouts} dispatch call-outs`,
      `  S = ${a.segments} submit_sm (UCS2 parts, ${fmt(a.segments / a.messages, 2)} per message); N/R = ${fmt(a.messages / R, 2)} s, S/R = ${fmt(a.limitMs / 1000, 2)} s`,
      `  last submit: ${fmt(a.lastSubmitMs / 1000, 2)} s after the CAP post = ${fmt(ratio, 3)} × S/R (target ≤ 1.1) ${ratio <= 1.1 ? 'MET' : 'MISSED'}`,
      `  CAP post answered ${fmt(a.capAnsweredMs / 1000, 2)} s after it was sent`,
      `  first submit ${fmt(a.firstSubmitMs / 1000, 2)} s after the CAP post; from there ${fmt(a.segments / ((a.lastSubmitMs - a.firstSubmitMs) / 1000), 1)} submit_sm/s`,
      `  on-site leads (priority 2): ${a.leads} messages, ${a.leadSegments} submit_sm; all submitted ${fmt(a.leadsSubmittedMs / 1000, 2)} s after the response was posted vs ⌈${a.leadSegments}/R⌉ + 1 = ${fmt(a.leadLimitMs / 1000, 0)} s ${a.leadsSubmittedMs <= a.leadLimitMs ? 'MET' : 'MISSED'}`,
      `     (the POST was answered, its call-out committed, after ${fmt(a.responseAnsweredMs / 1000, 2)} s: ${fmt((a.leadsSubmittedMs - a.responseAnsweredMs) / 1000, 2)} s from the commit)`,
      `  console CPU: ${fmt(a.cpuMsPerMessage, 3)} ms per message (${fmt(a.cpuMsPerMessage * a.messages, 0)} ms in all; receipts and events included)`,
      `  throttled by the SMSC: ${a.throttled}; doubled: ${a.doubled}`,
    ];
    if (b)
      lines.push(
        ``,
        `B. the same, every phone answering its code; console SIGKILLed a third of the way in (${b.arrivedAtKill} of ${b.messages} had arrived), restarted`,
        `  in doubt at the kill (not resent): ${b.inDoubt}, of which ${b.inDoubtArrived} had in fact arrived`,
        `  all original messages settled ${fmt(b.recoveredS, 1)} s after the kill (the killed console's 15 s leases run out first)`,
        `  answer window ${ANSWER_S} s: ${b.repeats} repeat(s) to the silent; ${b.recalled} person(s) whose message never arrived reached by the repeat`,
        `  lost: ${b.lost}   doubled: ${b.doubled}   (answers sent by the phones: ${b.answered})`,
      );
    const text = lines.join('\n');
    console.log(text);
    const dir = join(__dirname, '../../../bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'lastmile.json'),
      JSON.stringify(
        { bench: 'lastmile', machine: machine(), rate: R, window: WINDOW, a, b, text: lines },
        null,
        2,
      ),
    );
  } finally {
    await admin.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
