import { redactRequest, redactUrl } from './log-redact';

describe('log redaction', () => {
  it.each([
    ['/api/ack/abc_DEF-123', '/api/ack/[REDACTED]'],
    ['/api/ack/abc?x=1', '/api/ack/[REDACTED]?x=1'],
    ['/api/shelter-link/s.1.2.mac/occupancy', '/api/shelter-link/[REDACTED]/occupancy'],
    ['/ack/abc/', '/ack/[REDACTED]/'],
    ['/shelter/s.1.2.mac', '/shelter/[REDACTED]'],
    ['/api/events?after=3&token=t0k&limit=1', '/api/events?after=3&token=[REDACTED]&limit=1'],
    ['/x?access_token=a&Key=b&keep=c', '/x?access_token=[REDACTED]&Key=[REDACTED]&keep=c'],
    ['/api/shelters/123/manager-link', '/api/shelters/123/manager-link'],
    ['/api/ackers/x', '/api/ackers/x'],
  ])('%s → %s', (url, want) => expect(redactUrl(url)).toBe(want));

  it('finds the token among the path segments Express keeps in params', () => {
    const out = redactRequest({
      url: '/api/shelter-link/a.1.2.m%3D/occupancy',
      params: { path: ['shelter-link', 'a.1.2.m=', 'occupancy'] },
    });
    expect(out.params).toEqual({ path: ['shelter-link', '[REDACTED]', 'occupancy'] });
  });

  it('copies the serialized request without touching the live params', () => {
    const params = { token: 'secret', id: '7' };
    const req = {
      url: '/api/ack/secret',
      params,
      query: { token: 'q' },
      headers: { authorization: 'Bearer x', accept: '*/*' },
    };
    const out = redactRequest(req);
    expect(out).toEqual({
      url: '/api/ack/[REDACTED]',
      params: { token: '[REDACTED]', id: '7' },
      query: { token: '[REDACTED]' },
      headers: { authorization: '[REDACTED]', accept: '*/*' },
    });
    expect(params.token).toBe('secret');
  });
});
