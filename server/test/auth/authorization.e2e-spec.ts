import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import type { JwtClaims } from '../../src/auth/auth.types';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * Every route the application registers × every kind of caller, against one table. A new
 * route without a row here fails the build: someone must decide who may call it.
 */
type Caller = Role | 'none' | 'feed';
const CALLERS: Caller[] = ['none', 'feed', 'contact', 'duty_officer', 'commander', 'admin'];

const CONSOLE: Caller[] = ['duty_officer', 'commander', 'admin'];
const SIGNED_IN: Caller[] = [...CONSOLE, 'contact'];
const ANYONE: Caller[] = CALLERS;
const FEED: Caller[] = ['feed'];
/** The duty desk's own actions (admins keep reference data, not the desk). */
const OPERATE: Caller[] = ['duty_officer', 'commander'];
const COMMANDER: Caller[] = ['commander'];
const ADMIN: Caller[] = ['admin'];
const DUTY_ADMIN: Caller[] = ['duty_officer', 'admin'];
/** Leader instructions: duty officers register and assign; commanders and admins close. */
const DUTY: Caller[] = ['duty_officer'];
const CLOSE: Caller[] = ['commander', 'admin'];

/** Who gets past authentication and authorisation; everyone else is refused (401 or 403). */
const TABLE: Record<string, Caller[]> = {
  'GET /api/docs/swagger-ui-init.js': ANYONE,
  'GET /api/docs/docs/swagger-ui-init.js': ANYONE,
  'GET /api/docs': ANYONE,
  'GET /api/docs/index.html': ANYONE,
  'GET /api/docs/LICENSE': ANYONE,
  'GET /api/docs-json': ANYONE,
  'GET /api/docs-yaml': ANYONE,
  'POST /api/auth/login': ANYONE,
  'GET /api/member-units': CONSOLE,
  'GET /api/persons': CONSOLE,
  'POST /api/persons': ADMIN,
  'PATCH /api/persons/:id': ADMIN,
  'DELETE /api/persons/:id': ADMIN,
  'GET /api/call-rules': CONSOLE,
  'PUT /api/call-rules': ADMIN,
  'GET /api/warnings/:id/calls': CONSOLE,
  'GET /api/delivery-health': CONSOLE,
  'GET /api/drills': CONSOLE,
  'POST /api/drills': DUTY_ADMIN,
  'GET /api/drills/:id': CONSOLE,
  'GET /api/drills/:id/calls': CONSOLE,
  'POST /api/auth/logout': SIGNED_IN,
  'GET /api/auth/me': SIGNED_IN,
  'GET /api/events': SIGNED_IN,
  'GET /api/district': CONSOLE,
  'GET /api/subdistricts': CONSOLE,
  'GET /api/waterlogging-points': CONSOLE,
  'GET /api/shelters': CONSOLE,
  'GET /api/rescue-teams': CONSOLE,
  'GET /api/warehouses': CONSOLE,
  'POST /api/notices': CONSOLE,
  'GET /api/notices': CONSOLE,
  'POST /api/feeds/incidents': FEED,
  'POST /api/feeds/sensors': FEED,
  'GET /api/incidents': CONSOLE,
  'POST /api/incidents': OPERATE,
  'POST /api/incidents/preview': OPERATE,
  'GET /api/incidents/:id': CONSOLE,
  'PATCH /api/incidents/:id': OPERATE,
  'POST /api/incidents/:id/status': OPERATE,
  'GET /api/incidents/:id/versions': CONSOLE,
  'GET /api/incidents/:id/reports': CONSOLE,
  'GET /api/incidents/:id/duties': CONSOLE,
  'POST /api/incidents/:id/duties/:dutyId/done': OPERATE,
  'GET /api/incidents/:id/teams': CONSOLE,
  'POST /api/incidents/:id/teams/:teamId/assign': OPERATE,
  'GET /api/incident-config/duties': CONSOLE,
  'PUT /api/incident-config/duties/:code': ADMIN,
  'GET /api/incident-config/settings': CONSOLE,
  'PUT /api/incident-config/settings': ADMIN,
  'GET /api/duty-log': CONSOLE,
  'POST /api/duty-log': OPERATE,
  'POST /api/duty-log/handover': OPERATE,
  'GET /api/reports/daily': CONSOLE,
  'GET /api/reports/monthly': CONSOLE,
  'GET /api/shelters/totals': CONSOLE,
  'POST /api/shelters/:id/open': OPERATE,
  'POST /api/shelters/:id/close': OPERATE,
  'POST /api/shelters/:id/occupancy': OPERATE,
  'POST /api/shelters/:id/manager-link': DUTY_ADMIN,
  'GET /api/shelter-proposals': CONSOLE,
  'POST /api/shelter-proposals/:id/accept': OPERATE,
  'POST /api/shelter-proposals/:id/dismiss': OPERATE,
  'GET /api/shelter-link/:token': ANYONE,
  'POST /api/shelter-link/:token/occupancy': ANYONE,
  'POST /api/rescue-teams/:id/status': OPERATE,
  'POST /api/rescue-teams/:id/position': OPERATE,
  'POST /api/rescue-teams/positions': FEED,
  'GET /api/rescue-teams/coverage-gaps': CONSOLE,
  'POST /api/warehouses/:id/movements': CONSOLE,
  'GET /api/warehouses/:id/movements': CONSOLE,
  'GET /api/stock/nearest': CONSOLE,
  'POST /api/shelters': ADMIN,
  'PATCH /api/shelters/:id': ADMIN,
  'DELETE /api/shelters/:id': ADMIN,
  'POST /api/rescue-teams': ADMIN,
  'PATCH /api/rescue-teams/:id': ADMIN,
  'DELETE /api/rescue-teams/:id': ADMIN,
  'POST /api/warehouses': ADMIN,
  'PATCH /api/warehouses/:id': ADMIN,
  'DELETE /api/warehouses/:id': ADMIN,
  'POST /api/warehouses/:id/items': ADMIN,
  'PATCH /api/warehouses/:id/items/:sku': ADMIN,
  'GET /api/resources/settings': CONSOLE,
  'PATCH /api/resources/settings': ADMIN,
  'GET /api/health': ANYONE,
  // 404 for everyone unless METRICS_TOKEN is set (then that token, not a session, is checked).
  'GET /metrics': ANYONE,
  'POST /api/responses': COMMANDER,
  'GET /api/responses': CONSOLE,
  'GET /api/responses/suggestions': CONSOLE,
  'POST /api/responses/suggestions/:id/accept': COMMANDER,
  'POST /api/responses/suggestions/:id/dismiss': COMMANDER,
  'POST /api/responses/:id/level': COMMANDER,
  'POST /api/responses/:id/end': COMMANDER,
  'POST /api/feeds/cap': FEED,
  'GET /api/feeds/cap/active.atom': ANYONE,
  'GET /api/feeds/cap/messages/:id/cap.xml': ANYONE,
  'GET /api/feeds/cap/log': CONSOLE,
  'GET /api/warnings': CONSOLE,
  'GET /api/warnings/:id': CONSOLE,
  'POST /api/admin/feed-tokens': ADMIN,
  'GET /api/admin/feed-tokens': ADMIN,
  'DELETE /api/admin/feed-tokens/:id': ADMIN,
  'PUT /api/admin/feed-tokens/:id/certificates': ADMIN,
  // The CAP defaults (assumed lifetimes) are read by the console, changed by admins.
  'GET /api/admin/cap-settings': CONSOLE,
  'PUT /api/admin/cap-settings': ADMIN,
  // The basemap's tile template: the sign-in page draws the map before anyone signs in.
  'GET /api/client-config': ANYONE,
  'GET /api/response-rules': CONSOLE,
  'PUT /api/response-rules': ADMIN,
  'DELETE /api/response-rules/:id': ADMIN,
  'GET /api/admin/pull-feeds': ADMIN,
  'POST /api/admin/pull-feeds': ADMIN,
  'PUT /api/admin/pull-feeds/:id': ADMIN,
  'DELETE /api/admin/pull-feeds/:id': ADMIN,
  'GET /api/admin/pull-feeds/:id/entries': ADMIN,
  'POST /api/admin/pull-feeds/:id/poll': ADMIN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/password': ADMIN,
  'POST /api/users/:id/sessions/end': ADMIN,
  'DELETE /api/users/:id': ADMIN,
  'GET /api/dispatches': SIGNED_IN,
  'GET /api/dispatches/:id/messages': CONSOLE,
  'GET /api/ack/:token': ANYONE,
  'POST /api/ack/:token': ANYONE,
  'POST /api/channels/sms/inbound': FEED,
  'GET /api/notifications': ADMIN,
  'POST /api/admin/import': ADMIN,
  // The duty desk: the rota, leader instructions (a unit answers by its signed link), reports.
  'GET /api/rota': CONSOLE,
  'GET /api/rota/now': CONSOLE,
  'PUT /api/rota/shift': DUTY_ADMIN,
  'POST /api/rota/import': DUTY_ADMIN,
  'GET /api/instructions': CONSOLE,
  'GET /api/instructions/:id': CONSOLE,
  'GET /api/instructions/:id/history': CONSOLE,
  'POST /api/instructions': DUTY,
  'POST /api/instructions/:id/assign': DUTY,
  'POST /api/instructions/:id/assignments/:assignmentId/answer': DUTY,
  'POST /api/instructions/:id/close': CLOSE,
  'GET /api/instruction-link/:token': ANYONE,
  'POST /api/instruction-link/:token': ANYONE,
  'GET /api/upward-reports': CONSOLE,
  'GET /api/report-recipients': CONSOLE,
  'GET /api/upward-reports/:id/print': CONSOLE,
  // After-action review (复盘): the console roles; a contact never replays.
  'GET /api/replay/state': CONSOLE,
  'GET /api/replay/events': CONSOLE,
  'GET /api/replay/marks': CONSOLE,
  'GET /api/replay/timeline.csv': CONSOLE,
  'GET /api/replay/summary.html': CONSOLE,
};

type Outcome = 'passes' | 'unauthenticated' | 'forbidden';

/** What the caller should see: no credential at all is 401; the wrong one 401; a role without the right 403. */
function expected(route: string, caller: Caller): Outcome {
  const allowed = TABLE[route] ?? [];
  if (allowed.includes(caller)) return 'passes';
  if (caller === 'none' || caller === 'feed') return 'unauthenticated';
  // A session token where a feed token is needed is no feed token.
  if (allowed.length === 1 && allowed[0] === 'feed') return 'unauthenticated';
  return 'forbidden';
}

function outcome(status: number, code: unknown): Outcome {
  if (status === 401 && (code === 'AUTH_TOKEN_MISSING' || code === 'AUTH_TOKEN_INVALID'))
    return 'unauthenticated';
  if (status === 403 && code === 'AUTH_FORBIDDEN') return 'forbidden';
  return 'passes';
}

describe('authorization of every route', () => {
  let t: TestApp;
  let routes: string[];
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '100000' });
    const instance = t.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    routes = instance.router.stack.flatMap((layer) => {
      const r = layer.route;
      if (!r) return [];
      const methods = Object.keys(r.methods);
      // Catch-all handlers (every HTTP method on a path) are not endpoints anyone decided on.
      if (methods.length > 8) return [];
      // A path excluded from the global prefix is registered as `/metrics` and `/metrics/`.
      const path = r.path.length > 1 ? r.path.replace(/\/$/, '') : r.path;
      return methods.map((m) => `${m.toUpperCase()} ${path}`);
    });
    routes = [...new Set(routes)];
  });
  afterAll(() => t.close());

  /** A fresh token per request: a route like sign-out must not spoil the next one. */
  async function tokenFor(caller: Caller): Promise<string | null> {
    if (caller === 'none') return null;
    if (caller === 'feed') return 'demo-feed';
    const rows: {
      id: string;
      username: string;
      role: Role;
      subdistrict_code: string | null;
      contact_id: string | null;
      session_version: number;
    }[] = await t.app.get(DataSource).query(
      `SELECT id, username, role, subdistrict_code, contact_id, session_version FROM users
          WHERE role = $1 AND NOT disabled ORDER BY username LIMIT 1`,
      [caller],
    );
    const u = rows[0]!;
    const claims: JwtClaims = {
      sub: u.id,
      usr: u.username,
      role: u.role,
      sd: u.subdistrict_code,
      cid: u.contact_id,
      sv: u.session_version,
    };
    return t.app.get(JwtService).signAsync(claims, { jwtid: randomUUID() });
  }

  function concrete(path: string): string {
    return path.replace(/:(\w+)/g, (_, name: string) =>
      /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : 'x',
    );
  }

  it('has a row for every registered route, and no row for a route that is gone', () => {
    expect(routes.filter((r) => !(r in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers every caller of every route as the table says', async () => {
    const wrong: string[] = [];
    const observed: Record<string, Caller[]> = {};
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      observed[route] = [];
      for (const caller of CALLERS) {
        const token = await tokenFor(caller);
        let req = t.http[method.toLowerCase() as 'get'](concrete(path));
        if (token) req = req.set('authorization', `Bearer ${token}`);
        const res = method === 'GET' || method === 'DELETE' ? await req : await req.send({});
        const got = outcome(res.status, (res.body as { code?: unknown } | undefined)?.code);
        if (got === 'passes') observed[route].push(caller);
        const want = expected(route, caller);
        if (got !== want) wrong.push(`${route} as ${caller}: ${got} (${res.status}), want ${want}`);
      }
    }
    if (process.env.AUTHZ_DUMP) console.log(JSON.stringify(observed, null, 1));
    expect(wrong).toEqual([]);
    // Six callers of every route, one after another: it grows with the table.
  }, 120_000);
});
