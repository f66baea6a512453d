import type { IncomingMessage } from 'node:http';
import { originAllowed } from './live-io.adapter';

const req = (headers: Record<string, string>): IncomingMessage =>
  ({ headers }) as unknown as IncomingMessage;

describe(originAllowed.name, () => {
  it("accepts the console's own origin, also behind nginx ($host drops the port)", () => {
    expect(
      originAllowed(req({ host: 'duty.local:8080', origin: 'http://duty.local:8080' }), []),
    ).toBe(true);
    expect(originAllowed(req({ host: 'duty.local', origin: 'http://duty.local:8080' }), [])).toBe(
      true,
    );
  });

  it('refuses other sites, a port-mismatched direct request and garbage', () => {
    expect(originAllowed(req({ host: 'duty.local', origin: 'https://evil.example' }), [])).toBe(
      false,
    );
    expect(
      originAllowed(req({ host: 'duty.local:8080', origin: 'http://duty.local:9999' }), []),
    ).toBe(false);
    expect(originAllowed(req({ host: 'duty.local', origin: 'null' }), [])).toBe(false);
  });

  it('accepts configured origins, and clients that send no Origin (not browsers)', () => {
    const allowed = ['https://wall.example.org'];
    expect(originAllowed(req({ host: 'x', origin: 'https://wall.example.org' }), allowed)).toBe(
      true,
    );
    expect(originAllowed(req({ host: 'x' }), [])).toBe(true);
  });
});
