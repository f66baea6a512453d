import { ApiRequestError } from './apiRequestError';
import { apiRequest, onAuthFailure } from './http';
import { fakeResponse, mockFetch } from '../../test/fakeResponse';

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('apiRequest', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  describe('success', () => {
    it('returns the parsed body and sends the bearer token', async () => {
      const fetch = mockFetch(fakeResponse(200, { type: 'FeatureCollection', features: [] }));

      const body = await apiRequest<{ type: string }>('/api/district', { token: 'tok-1' });

      expect(body).toEqual({ type: 'FeatureCollection', features: [] });
      const [url, init] = fetch.mock.calls[0]!;
      expect(url).toBe('/api/district');
      expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok-1' });
    });

    it('posts JSON bodies with a JSON content type', async () => {
      const fetch = mockFetch(fakeResponse(200, { ok: true }));

      await apiRequest('/api/auth/login', {
        method: 'POST',
        body: { username: 'duty', password: 'demo' },
      });

      const init = fetch.mock.calls[0]![1];
      expect(init?.method).toBe('POST');
      expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json' });
      expect(init?.body).toBe(JSON.stringify({ username: 'duty', password: 'demo' }));
    });

    it('rejects a 2xx body that is not JSON as BAD_RESPONSE', async () => {
      mockFetch(fakeResponse(200, '<html>proxy page</html>'));

      const error = await failure(apiRequest('/api/shelters'));

      expect(error.code).toBe('BAD_RESPONSE');
    });
  });

  describe('error bodies', () => {
    it('keeps code, message and status of a contract error body', async () => {
      mockFetch(
        fakeResponse(401, {
          code: 'AUTH_INVALID_CREDENTIALS',
          message: 'Wrong username or password',
        }),
      );

      const error = await failure(apiRequest('/api/auth/login', { method: 'POST', body: {} }));

      expect(error).toBeInstanceOf(ApiRequestError);
      expect(error.status).toBe(401);
      expect(error.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(error.message).toBe('Wrong username or password');
    });

    it('keeps the path of a validation error', async () => {
      mockFetch(
        fakeResponse(400, { code: 'VALIDATION_FAILED', message: 'Required', path: 'username' }),
      );

      const error = await failure(apiRequest('/api/auth/login', { method: 'POST', body: {} }));

      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.path).toBe('username');
    });

    it('fills in a message when the body has only a code (429 RATE_LIMITED)', async () => {
      mockFetch(fakeResponse(429, { code: 'RATE_LIMITED' }));

      const error = await failure(apiRequest('/api/auth/login', { method: 'POST', body: {} }));

      expect(error.code).toBe('RATE_LIMITED');
      expect(error.message).toBe('Too many requests; try again later');
    });

    it.each([
      [429, { statusCode: 429, message: 'ThrottlerException: Too Many Requests' }, 'RATE_LIMITED'],
      [404, { code: 'NO_SUCH_THING', message: 'x' }, 'NOT_FOUND'],
      [403, {}, 'AUTH_FORBIDDEN'],
      [502, '<html>Bad Gateway</html>', 'SERVICE_UNAVAILABLE'],
      [500, '', 'INTERNAL'],
      [418, 'teapot', 'BAD_RESPONSE'],
    ] as const)('maps status %i with body %j to %s', async (status, body, code) => {
      mockFetch(fakeResponse(status, body));

      const error = await failure(apiRequest('/api/shelters'));

      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
    });

    it('joins a Nest-style message array', async () => {
      mockFetch(fakeResponse(400, { message: ['username is empty', 'password is empty'] }));

      const error = await failure(apiRequest('/api/auth/login', { method: 'POST', body: {} }));

      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toBe('username is empty; password is empty');
    });

    it('reports a network failure as NETWORK_ERROR with status 0', async () => {
      mockFetch(new TypeError('Failed to fetch'));

      const error = await failure(apiRequest('/api/district', { token: 't' }));

      expect(error.status).toBe(0);
      expect(error.code).toBe('NETWORK_ERROR');
    });
  });

  describe('auth failure', () => {
    it('notifies listeners when a request with a token gets 401', async () => {
      const listener = jest.fn();
      const unsubscribe = onAuthFailure(listener);
      mockFetch(fakeResponse(401, { code: 'AUTH_TOKEN_INVALID', message: 'expired' }));

      const error = await failure(apiRequest('/api/shelters', { token: 'old' }));
      unsubscribe();

      expect(error.code).toBe('AUTH_TOKEN_INVALID');
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('does not treat a failed sign-in (no token) as an expired session', async () => {
      const listener = jest.fn();
      const unsubscribe = onAuthFailure(listener);
      mockFetch(fakeResponse(401, { code: 'AUTH_INVALID_CREDENTIALS', message: 'wrong' }));

      await failure(apiRequest('/api/auth/login', { method: 'POST', body: {} }));
      unsubscribe();

      expect(listener).not.toHaveBeenCalled();
    });
  });
});
