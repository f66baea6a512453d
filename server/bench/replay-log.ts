/**
 * A generated half-year event log for the replay bench (and the client's replay frame bench):
 * ~1,100 incidents, 23 warnings, 21 responses calling out every contact of the district
 * (~400 each), team positions every 30 s for every team through each storm — over 2 million
 * events, written straight into the `events` table (multi-row INSERTs through a staging table
 * and a set-based INSERT … SELECT for the positions), never through the application. It is
 * GENERATED data: shaped like a season, not a record of one.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { EventMap, EventType } from '@sanfang/shared';
import { createDataSource } from '../src/database/data-source';
import { runSeed } from '../src/database/seed/seed';

export interface GeneratedLog {
  url: string;
  from: string;
  to: string;
  events: number;
  reused: boolean;
  /** Each storm: its response's start and end (for picking moments and a storm day). */
  storms: { start: string; end: string }[];
}

const DAY = 86_400_000;
const STORMS = 21;
const TRACK_MIN = Number(process.env.REPLAY_TRACK_MINUTES ?? 155);
const STORM_HOURS = 6;

interface Row {
  at: number;
  type: EventType;
  sd: string[];
  ci: string[];
  payload: unknown;
}

/** A database name's URL on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function q<T>(c: Client, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await c.query(sql, params)).rows as T[];
}

/** Creates (or reuses, when it already holds a generated log) the bench database. */
export async function generateLog(
  url: string,
  opts: { regenerate?: boolean; log?: (s: string) => void } = {},
): Promise<GeneratedLog> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  const exists = (await q(admin, `SELECT 1 FROM pg_database WHERE datname = $1`, [name])).length;
  if (exists && opts.regenerate) {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  }
  if (!exists || opts.regenerate) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const ds = createDataSource(url, 2);
  await ds.initialize();
  await ds.runMigrations();
  await runSeed(ds, 'demo');
  await ds.destroy();

  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const marker = await q<{ v: string }>(
      c,
      `SELECT value AS v FROM bench_replay_meta WHERE key = 'log'`,
    ).catch(() => []);
    if (marker[0]) {
      const meta = JSON.parse(marker[0].v) as GeneratedLog;
      log(`reusing the generated log in ${name} (${meta.events} events)`);
      return { ...meta, url, reused: true };
    }
    const t0 = Date.now();
    const to = Math.floor((Date.now() - DAY) / DAY) * DAY;
    const from = to - 183 * DAY;
    const points = await q<{ id: string; code: string; name: string; sd: string }>(
      c,
      `SELECT id, code, name, subdistrict_code AS sd FROM waterlogging_points WHERE retired_at IS NULL ORDER BY code`,
    );
    const contacts = await q<{
      id: string;
      name: string;
      phone: string;
      role: string;
      point_id: string;
    }>(
      c,
      `SELECT c.id, c.name, c.phone, c.role, c.point_id FROM contacts c ORDER BY c.point_id, c.role`,
    );
    const teams = await q<{ id: string; sd: string; lon: number; lat: number }>(
      c,
      `SELECT id, subdistrict_code AS sd, lon, lat FROM rescue_teams WHERE retired_at IS NULL ORDER BY code`,
    );
    const shelters = await q<{ id: string; sd: string; capacity: number }>(
      c,
      `SELECT id, subdistrict_code AS sd, capacity FROM shelters WHERE retired_at IS NULL ORDER BY code`,
    );
    const sds = [...new Set(points.map((p) => p.sd))].sort();
    const pointById = new Map(points.map((p) => [p.id, p]));
    const callees = contacts.filter((x) => x.role !== 'onsite_lead_backup');
    log(
      `generating: ${points.length} points, ${callees.length} contacts called per response, ${teams.length} teams, ${shelters.length} shelters`,
    );

    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows: Row[] = [];
    const push = <K extends EventType>(
      at: number,
      type: K,
      payload: EventMap[K],
      sd: string[] = [],
      ci: string[] = [],
    ) => rows.push({ at, type, sd, ci, payload });
    const iso = (ms: number) => new Date(ms).toISOString();
    const storms: { start: number; end: number }[] = [];
    const casualties = { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 };
    let incidentCount = 0;

    for (let i = 0; i < STORMS + 2; i++) {
      const day = from + Math.floor(3 + i * 7.8) * DAY;
      const start = day + 6 * 3_600_000 + Math.floor(rnd() * 3) * 3_600_000; // 14:00–16:00 Beijing
      const warningId = randomUUID();
      const area = i % 3 === 0 ? [] : [sds[i % sds.length]!, sds[(i + 1) % sds.length]!];
      const storm = i < STORMS;
      const hazard = storm ? 'rainstorm' : 'heat';
      const wp = (colour: 'orange' | 'red' | 'yellow', headline: string, at: number) => ({
        warningId,
        hazard,
        colour,
        status: 'Actual' as const,
        headline,
        subdistrictCodes: area,
        messageId: randomUUID(),
        msgType: 'Alert' as const,
        state: 'active' as const,
        level:
          colour === 'red'
            ? ('I' as const)
            : colour === 'orange'
              ? ('II' as const)
              : ('III' as const),
        severity: 'Severe',
        expires: iso(at + 12 * 3_600_000),
        districtWide: area.length === 0,
        drill: false,
        detail: {
          areas: [],
          description: `${headline}（生成数据）`,
          instruction: '注意防范',
          event: storm ? '暴雨' : '高温',
          inDistrict: true,
          effective: iso(at),
          issuedAt: iso(start),
        },
      });
      push(
        start,
        'warning.issued',
        wp(storm ? 'orange' : 'yellow', `暴雨橙色预警 ${i + 1}`, start),
        area,
      );
      const end = start + STORM_HOURS * 3_600_000;
      if (!storm) {
        push(
          end,
          'warning.expired',
          { ...wp('yellow', `高温黄色预警 ${i + 1}`, end), state: 'expired' },
          area,
        );
        continue;
      }
      storms.push({ start, end });
      const responseId = randomUUID();
      const suggestionId = randomUUID();
      const rp = (level: 'IV' | 'III', previousLevel: 'IV' | null) => ({
        responseId,
        hazard: 'flood' as const,
        level,
        previousLevel,
        subdistrictCodes: area,
        reason: '按预案',
        preemptive: false,
        warningId,
      });
      push(
        start + 1_000,
        'response.suggested',
        {
          suggestionId,
          warningId,
          hazard: 'flood',
          level: 'IV',
          action: 'start',
          subdistrictCodes: area,
          reason: 'rainstorm orange → flood IV',
          autoApply: false,
        },
        area,
      );
      const activated = start + 60_000;
      push(
        activated,
        'response.suggestion_decided',
        {
          suggestionId,
          status: 'accepted',
          responseId,
          by: 'commander',
          note: '按预案',
        },
        area,
      );
      push(activated, 'response.started', rp('IV', null), area);
      // Call-outs: every contact (the district's ~400), deadlines 5 and 15 minutes.
      const open: { id: string; c: (typeof callees)[number]; sd: string }[] = [];
      for (const ct of callees) {
        const p = pointById.get(ct.point_id)!;
        const id = randomUUID();
        const notified = activated + 1_000;
        const base = { dispatchId: id, responseId, pointId: p.id, contactId: ct.id, role: ct.role };
        push(
          notified,
          'dispatch.created',
          {
            ...base,
            status: 'notified',
            detail: {
              pointCode: p.code,
              pointName: p.name,
              subdistrictCode: p.sd,
              contactName: ct.name,
              phone: ct.phone,
              code: String(1000 + Math.floor(rnd() * 9000)),
              notifiedAt: iso(notified),
              ackDeadline: iso(notified + 300_000),
              arriveDeadline: ct.role === 'onsite_lead' ? iso(notified + 900_000) : null,
            },
          } as EventMap['dispatch.created'],
          [p.sd],
          [ct.id],
        );
        open.push({ id, c: ct, sd: p.sd });
        const ackAfter = rnd() < 0.9 ? 30_000 + rnd() * 420_000 : null;
        if (ackAfter === null || ackAfter > 300_000) {
          push(
            notified + 300_001,
            'dispatch.escalated',
            {
              ...base,
              status: 'escalated',
              ladder: 'ack',
              step: 1,
              notified: [`contact:${ct.id}`],
            } as EventMap['dispatch.escalated'],
            [p.sd],
            [ct.id],
          );
        }
        if (ackAfter !== null) {
          const at = notified + ackAfter;
          push(
            at,
            'dispatch.acknowledged',
            {
              ...base,
              status: 'acknowledged',
              late: ackAfter > 300_000,
              at: iso(at),
            } as EventMap['dispatch.acknowledged'],
            [p.sd],
            [ct.id],
          );
          if (ct.role === 'onsite_lead' && rnd() < 0.9) {
            const arr = at + 120_000 + rnd() * 900_000;
            push(
              arr,
              'dispatch.arrived',
              {
                ...base,
                status: 'on_site',
                late: arr > notified + 900_000,
                at: iso(arr),
                distanceM: Math.round(rnd() * 80),
                depthM: Math.round(rnd() * 50) / 100,
              } as EventMap['dispatch.arrived'],
              [p.sd],
              [ct.id],
            );
          }
        }
      }
      // The chain goes red in every other storm: the response is raised.
      if (i % 2 === 0) {
        const up = start + 2 * 3_600_000;
        push(
          up,
          'warning.updated',
          {
            ...wp('red', `暴雨红色预警 ${i + 1}`, up),
            msgType: 'Update',
          },
          area,
        );
        push(up + 60_000, 'response.level_changed', rp('III', 'IV'), area);
      }
      // Incidents through the storm.
      const perStorm = Math.round(1100 / STORMS);
      for (let k = 0; k < perStorm; k++) {
        const p = points[Math.floor(rnd() * points.length)]!;
        const at = start + rnd() * STORM_HOURS * 3_600_000;
        const incidentId = randomUUID();
        incidentCount++;
        const ip = (status: 'reported' | 'responding' | 'resolved', version: number) => ({
          incidentId,
          type: 'waterlogging' as const,
          grade: 'general' as const,
          previousGrade: null,
          status,
          title: `${p.name}积水`,
          subdistrictCode: p.sd,
          casualties,
          directLossCny: 0,
          version,
          source: 'hotline',
          detail: {
            description: '生成数据',
            occurredAt: iso(at),
            lon: 113.85 + rnd() * 0.1,
            lat: 22.55 + rnd() * 0.08,
            address: p.name,
            reportCount: 1,
            pointId: p.id,
            sensorAlarm: false,
            createdAt: iso(at),
          },
        });
        push(at, 'incident.reported', ip('reported', 1), [p.sd]);
        push(at + 600_000, 'incident.status_changed', ip('responding', 2), [p.sd]);
        push(at + 3_600_000 + rnd() * 7_200_000, 'incident.status_changed', ip('resolved', 3), [
          p.sd,
        ]);
      }
      // Shelters fill through the evening.
      for (const s of shelters.slice(0, 10)) {
        for (let h = 1; h <= STORM_HOURS; h++) {
          const occupancy = Math.min(s.capacity, Math.round((s.capacity * h) / STORM_HOURS));
          push(
            start + h * 3_600_000,
            h === 1 ? 'shelter.opened' : 'shelter.occupancy_updated',
            {
              shelterId: s.id,
              status: 'open',
              occupancy,
              capacity: s.capacity,
            } as EventMap['shelter.opened'],
            [s.sd],
          );
        }
      }
      // Stand-down.
      push(end, 'response.ended', rp('III', null), area);
      for (const d of open) {
        push(
          end,
          'dispatch.stood_down',
          {
            dispatchId: d.id,
            responseId,
            pointId: d.c.point_id,
            contactId: d.c.id,
            role: d.c.role,
            status: 'stood_down',
            at: iso(end),
          } as EventMap['dispatch.stood_down'],
          [d.sd],
          [d.c.id],
        );
      }
      push(
        end,
        'warning.cancelled',
        {
          ...wp('red', `解除暴雨预警 ${i + 1}`, end),
          state: 'cancelled',
          msgType: 'Cancel',
        },
        area,
      );
    }

    await c.query(`DROP TABLE IF EXISTS bench_gen`);
    await c.query(
      `CREATE UNLOGGED TABLE bench_gen (id bigserial, occurred_at timestamptz, type text, sd text[], ci uuid[], payload jsonb)`,
    );
    rows.sort((a, b) => a.at - b.at);
    for (let i = 0; i < rows.length; i += 5_000) {
      const chunk = rows.slice(i, i + 5_000);
      await c.query(
        `INSERT INTO bench_gen (occurred_at, type, sd, ci, payload)
         SELECT to_timestamp(r.at / 1000.0), r.type, r.sd, r.ci, r.payload
           FROM jsonb_to_recordset($1::jsonb) AS r(at float8, type text, sd text[], ci uuid[], payload jsonb)`,
        [JSON.stringify(chunk)],
      );
    }
    // Positions: every team every 30 s through the first TRACK_MIN minutes of each storm.
    const windows = storms.map((s) => [
      new Date(s.start + 60_000),
      new Date(s.start + 60_000 + TRACK_MIN * 60_000),
    ]);
    await c.query(
      `INSERT INTO bench_gen (occurred_at, type, sd, ci, payload)
       SELECT tick + (t.n * interval '50 milliseconds'), 'team.position_updated', ARRAY[t.sd], '{}',
              jsonb_build_object('positions', jsonb_build_array(jsonb_build_object(
                'teamId', t.id, 'subdistrictCode', t.sd,
                'lon', round((t.lon + 0.01 * sin(extract(epoch FROM tick) / 600 + t.n))::numeric, 6),
                'lat', round((t.lat + 0.01 * cos(extract(epoch FROM tick) / 600 + t.n))::numeric, 6),
                'at', to_char(tick AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
         FROM (SELECT id, subdistrict_code AS sd, lon, lat, row_number() OVER (ORDER BY code) AS n
                 FROM rescue_teams WHERE retired_at IS NULL) t,
              unnest($1::timestamptz[], $2::timestamptz[]) AS w(s, e),
              generate_series(w.s, w.e, interval '30 seconds') AS tick`,
      [windows.map((w) => w[0]), windows.map((w) => w[1])],
    );
    // Into the log in time order after what the seed wrote; the seed's events are re-dated to
    // just before the generated half year (a bench database only: the append-only trigger is
    // paused for that one statement).
    const base = Number(
      (await q<{ s: string }>(c, `SELECT last_seq AS s FROM event_counter`))[0]!.s,
    );
    await c.query(`ALTER TABLE events DISABLE TRIGGER USER`);
    await c.query(`UPDATE events SET occurred_at = $1 WHERE seq <= $2`, [
      new Date(from - 60_000),
      base,
    ]);
    await c.query(`ALTER TABLE events ENABLE TRIGGER USER`);
    await c.query(
      `INSERT INTO events (seq, type, occurred_at, actor, subdistrict_codes, contact_ids, payload)
       SELECT $1 + row_number() OVER (ORDER BY occurred_at, id), type, occurred_at, 'bench', sd, ci, payload
         FROM bench_gen`,
      [base],
    );
    await c.query(`UPDATE event_counter SET last_seq = (SELECT max(seq) FROM events)`);
    // The console's reactors start at the head: they never react to generated history.
    await c.query(`UPDATE reactor_cursors SET position = (SELECT last_seq FROM event_counter)`);
    await c.query(`DROP TABLE bench_gen`);
    await c.query(`ANALYZE events`);
    const events = Number((await q<{ n: string }>(c, `SELECT count(*) AS n FROM events`))[0]!.n);
    const meta: GeneratedLog = {
      url,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      events,
      reused: false,
      storms: storms.map((s) => ({
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
      })),
    };
    await c.query(
      `CREATE TABLE IF NOT EXISTS bench_replay_meta (key text PRIMARY KEY, value text)`,
    );
    await c.query(`INSERT INTO bench_replay_meta VALUES ('log', $1)`, [JSON.stringify(meta)]);
    log(
      `generated ${events} events (${incidentCount} incidents, ${STORMS + 2} warnings, ${STORMS} responses) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    return meta;
  } finally {
    await c.end();
  }
}
