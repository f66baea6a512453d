import { incidentsRoutes, responsesRoutes, warningsRoutes } from '@sanfang/shared';
import { callApi } from './call';
import { fakeResponse, mockFetch } from '../../test/fakeResponse';

describe('callApi', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('fills path params (encoded) and the query string from the contract', async () => {
    const fetch = mockFetch(fakeResponse(200, []));

    await callApi(incidentsRoutes.nearestTeams, {
      params: { id: 'a/b c' },
      query: { limit: '5' },
      token: 'tok',
    });

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/incidents/a%2Fb%20c/teams?limit=5');
    expect(init?.method).toBe('GET');
  });

  it("sends the contract's method and the JSON body", async () => {
    const fetch = mockFetch(fakeResponse(200, { id: 'r1' }));

    await callApi(responsesRoutes.end, { params: { id: 'r1' }, body: { reason: 'over' } });

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/responses/r1/end');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(JSON.stringify({ reason: 'over' }));
  });
});

/**
 * Compile-time proof (checked by `npm run check`, never run): a wrong path param, query field,
 * body field or response field is a type error, because the types come from the shared contract.
 */
export async function contractTypeErrors(token: string): Promise<void> {
  // @ts-expect-error the route's param is `id`, not `warningId`
  await callApi(warningsRoutes.get, { params: { warningId: 'w1' }, token });
  // @ts-expect-error path params are required when the path has any
  await callApi(warningsRoutes.get, { token });
  // @ts-expect-error `activ` is not a field of the warnings query schema
  await callApi(warningsRoutes.list, { query: { activ: 'true' }, token });
  const level = { params: { id: 'r' }, token };
  await callApi(responsesRoutes.level, { ...level, body: { level: 'II', reason: 'rain' } });
  // @ts-expect-error `level` is one of the shared RESPONSE_LEVELS, not any string
  await callApi(responsesRoutes.level, { ...level, body: { level: 'high', reason: 'rain' } });
  const warning = await callApi(warningsRoutes.get, { params: { id: 'w1' }, token });
  // @ts-expect-error WarningDetailDto has no `headLine` (it is `headline`)
  void warning.headLine;
}
