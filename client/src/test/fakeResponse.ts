/** The slice of Response that http.ts reads; lets specs run where no fetch API exists (jsdom). */
export interface FakeResponse {
  ok: boolean;
  status: number;
  text: () => Promise<string>;
}

export function fakeResponse(status: number, body: unknown): FakeResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    text: () => Promise.resolve(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

export type FetchMock = jest.Mock<Promise<FakeResponse>, [string, RequestInit?]>;

/** Replaces global fetch with a mock answering each call from `responses` in order. */
export function mockFetch(...responses: (FakeResponse | Error)[]): FetchMock {
  const mock: FetchMock = jest.fn<Promise<FakeResponse>, [string, RequestInit?]>();
  for (const response of responses) {
    if (response instanceof Error) mock.mockRejectedValueOnce(response);
    else mock.mockResolvedValueOnce(response);
  }
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
}
