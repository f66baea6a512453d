import * as shared from '@sanfang/shared';
import {
  routeUrl,
  warningsRoutes,
  type Route,
  type RouteHandlers,
  type WarningDto,
} from '@sanfang/shared';
import { createTestApp, type TestApp } from '../helpers/app';

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

/** Every `*Routes` contract exported by shared, as [name.key, route]. */
function allContractRoutes(): [string, Route][] {
  const out: [string, Route][] = [];
  for (const [name, value] of Object.entries(shared)) {
    if (!name.endsWith('Routes') || typeof value !== 'object' || value === null) continue;
    for (const [key, r] of Object.entries(value as Record<string, Route>)) {
      out.push([`${name}.${key}`, r]);
    }
  }
  return out;
}

describe('route contracts', () => {
  let t: TestApp;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
  });
  afterAll(() => t.close());

  it('every shared route is served at its path, method and status (as /api/docs shows it)', () => {
    const routes = allContractRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter(([, r]) => {
      const path = `/api/${r.path}`.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      return !op || !(String(r.status) in op.responses);
    });
    expect(missing.map(([name]) => name)).toEqual([]);
  });

  it('a URL built from a contract reaches its handler', async () => {
    const token = await t.login('duty');
    const res = await t.http
      .get(routeUrl(warningsRoutes.list, {}, { limit: '1' }))
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(Array.isArray(res.body)).toBe(true);
  });
});

/**
 * Compile-time proof (checked by `npm run check`): a controller implementing a contract must
 * name its handlers as the contract does and return the contract's response type.
 */
export class WrongReturn implements RouteHandlers<typeof warningsRoutes> {
  // @ts-expect-error `get` must return a WarningDetailDto, not a list
  get(): Promise<WarningDto[]> {
    return Promise.resolve([]);
  }
  list(): Promise<WarningDto[]> {
    return Promise.resolve([]);
  }
}

// @ts-expect-error a controller that drops a contract route (`get`) does not compile
export class MissingRoute implements RouteHandlers<typeof warningsRoutes> {
  list(): Promise<WarningDto[]> {
    return Promise.resolve([]);
  }
}
