import type { DispatchDto, ResponseDto, ShelterCollection } from '@sanfang/shared';
import { AckTokens } from '../../src/dispatch/ack-token';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, type ServerProcess, startServer } from '../helpers/processes';
import { api } from '../faults/api';
import { login } from '../faults/lib';
import { hasNginx, startNginx } from '../faults/nginx';

const SECRET = 'request-log-ack-secret-0123456789abcdef';

interface LogLine {
  msg?: string;
  req?: { url?: string; params?: Record<string, unknown>; query?: Record<string, unknown> };
  res?: { statusCode?: number };
}

/** The JSON lines the server wrote to stdout (the request log among them). */
function logLines(server: ServerProcess): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

if (!hasNginx()) console.log('[skip] nginx not installed: the access-log check is skipped');

describe('request log: link tokens never reach a log line', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    server = await startServer({
      DATABASE_URL: db.url,
      LOG_LEVEL: 'info',
      ACK_TOKEN_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await server?.kill();
    await db?.drop();
  });

  it('writes ack and shelter-manager links, query tokens and bearer tokens redacted', async () => {
    const duty = await login(server.url);
    const commander = await login(server.url, 'commander');
    const started = await api(server.url, 'POST', '/api/responses', {
      token: commander,
      body: { hazard: 'flood', level: 'IV', reason: 'log drill', subdistrictCodes: [] },
    });
    expect(started.status).toBe(201);
    const dispatches = (
      await api(
        server.url,
        'GET',
        `/api/dispatches?responseId=${(started.body as ResponseDto).id}`,
        {
          token: duty,
        },
      )
    ).body as DispatchDto[];
    const ackToken = new AckTokens(SECRET).sign(dispatches[0]!.id);

    const shelters = (await api(server.url, 'GET', '/api/shelters', { token: duty }))
      .body as ShelterCollection;
    const shelterId = shelters.features[0]!.properties.id;
    const issued = await api(server.url, 'POST', `/api/shelters/${shelterId}/manager-link`, {
      token: duty,
      body: {},
    });
    expect(issued.status).toBe(201);
    const shelterToken = (issued.body as { token: string }).token;

    // A contact opens and answers the ack link; a shelter manager opens theirs and posts.
    expect((await api(server.url, 'GET', `/api/ack/${ackToken}`)).status).toBe(200);
    expect(
      (await api(server.url, 'POST', `/api/ack/${ackToken}`, { body: { action: 'ack' } })).status,
    ).toBe(200);
    expect((await api(server.url, 'GET', `/api/shelter-link/${shelterToken}`)).status).toBe(200);
    await api(server.url, 'POST', `/api/shelter-link/${shelterToken}/occupancy`, {
      body: { occupancy: 3, period: 'night' },
    });
    // The pages themselves (served before the request log, but covered by the check below
    // whichever way the static files are served), a token in a query string, and a bearer token on an API call.
    await api(server.url, 'GET', `/ack/${ackToken}`);
    await api(server.url, 'GET', `/shelter/${encodeURIComponent(shelterToken)}`);
    await api(server.url, 'GET', `/api/events?after=0&limit=1&token=${ackToken}`, { token: duty });

    // pino writes asynchronously: wait until the last request's line is out.
    const deadline = Date.now() + 10_000;
    while (!logLines(server).some((l) => l.req?.url?.startsWith('/api/events?'))) {
      if (Date.now() > deadline) throw new Error(`request log incomplete:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }

    const lines = server.output().split('\n');
    for (const secret of [ackToken, shelterToken, encodeURIComponent(shelterToken), duty]) {
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    }
    // The lines are still there and say which link was used and what came of it.
    const urls = logLines(server)
      .filter((l) => l.msg === 'request completed')
      .map((l) => `${l.res?.statusCode} ${l.req?.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        '200 /api/ack/[REDACTED]',
        '200 /api/shelter-link/[REDACTED]',
        '200 /api/events?after=0&limit=1&token=[REDACTED]',
      ]),
    );
    expect(urls.filter((u) => u === '200 /api/ack/[REDACTED]')).toHaveLength(2);
    expect(urls.filter((u) => u.endsWith(' /api/shelter-link/[REDACTED]/occupancy'))).toHaveLength(
      1,
    );
    const ackLine = logLines(server).find((l) => l.req?.url === '/api/ack/[REDACTED]');
    expect(JSON.stringify(ackLine?.req?.params)).toContain('[REDACTED]');
  });

  (hasNginx() ? it : it.skip)(
    "the compose file's nginx writes its access log with the link tokens redacted",
    async () => {
      const nginx = await startNginx([server.port, server.port]);
      try {
        const tok = 'Zk3_nginx-log-token-9f8e7d6c5b4a';
        await api(nginx.url, 'GET', `/api/ack/${tok}`);
        await api(nginx.url, 'POST', `/api/shelter-link/${tok}.1.2/occupancy`, { body: {} });
        await api(nginx.url, 'GET', `/shelter/${tok}`);
        await api(nginx.url, 'GET', `/api/health?x=1&token=${tok}&y=2`);
        // nginx writes a line once the response is sent; the last one closes the list.
        const deadline = Date.now() + 10_000;
        while (!nginx.accessLog().includes('/api/health?')) {
          if (Date.now() > deadline) throw new Error(`access log: ${nginx.accessLog()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        const log = nginx.accessLog();
        expect(log).not.toContain(tok);
        expect(log).toContain('"GET /api/ack/[REDACTED] HTTP/1.1"');
        expect(log).toContain('"POST /api/shelter-link/[REDACTED]/occupancy HTTP/1.1"');
        expect(log).toContain('"GET /shelter/[REDACTED] HTTP/1.1"');
        expect(log).toContain('"GET /api/health?x=1&token=[REDACTED]&y=2 HTTP/1.1"');
      } finally {
        await nginx.stop();
      }
    },
  );
});
