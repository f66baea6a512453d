import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const KEY = 'k'.repeat(32);
const REAL = { DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: KEY, ACK_TOKEN_SECRET: `a${KEY}` };
const FLAG = { SANFANG_DISPOSABLE_DEMO: 'yes-destroy-nothing-real' };

describe(loadConfig.name, () => {
  it('defaults to the embedded database with demo seed on port 8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: null, seed: 'demo', port: 8080, redisUrl: null });
  });

  it('seeds only reference geography against a real database', () => {
    expect(loadConfig(REAL).seed).toBe('reference');
  });

  it('names every bad variable in one message', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*JWT_SECRET/);
  });

  it('needs ADMIN_USERNAME and ADMIN_PASSWORD together, with a long password', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'chief' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
  });

  describe('demo seed on a real database', () => {
    it('refuses SEED=demo with DATABASE_URL and says which flag allows it', () => {
      expect(() => loadConfig({ ...REAL, SEED: 'demo' })).toThrow(
        /SEED: demo creates the users[\s\S]*SANFANG_DISPOSABLE_DEMO=yes-destroy-nothing-real/,
      );
    });

    it('allows it on a database flagged disposable, and only with the exact value', () => {
      expect(
        loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED: 'demo', ...FLAG }),
      ).toMatchObject({ seed: 'demo', disposable: true, jwtSecret: null });
      expect(() => loadConfig({ ...REAL, SEED: 'demo', SANFANG_DISPOSABLE_DEMO: 'true' })).toThrow(
        /SANFANG_DISPOSABLE_DEMO: the only accepted value/,
      );
    });
  });

  describe('secrets', () => {
    it('requires JWT_SECRET and ACK_TOKEN_SECRET with DATABASE_URL, naming both', () => {
      let message = '';
      try {
        loadConfig({ DATABASE_URL: 'postgres://u@h/db' });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/JWT_SECRET: required with DATABASE_URL/);
      expect(message).toMatch(/ACK_TOKEN_SECRET: required with DATABASE_URL/);
    });

    it('lets the embedded database generate its own keys', () => {
      expect(loadConfig({})).toMatchObject({ jwtSecret: null, ackTokenSecret: null });
    });

    it('reads *_FILE (a mounted container secret), without its trailing line break', () => {
      const dir = mkdtempSync(join(tmpdir(), 'sanfang-secret-'));
      writeFileSync(join(dir, 'jwt'), `${KEY}\n`);
      writeFileSync(join(dir, 'ack'), `b${KEY}\n`);
      const c = loadConfig({
        DATABASE_URL: 'postgres://u@h/db',
        JWT_SECRET_FILE: join(dir, 'jwt'),
        ACK_TOKEN_SECRET_FILE: join(dir, 'ack'),
      });
      expect(c).toMatchObject({ jwtSecret: KEY, ackTokenSecret: `b${KEY}` });
      expect(() => loadConfig({ ...REAL, JWT_SECRET_FILE: join(dir, 'jwt') })).toThrow(
        /JWT_SECRET: set JWT_SECRET or JWT_SECRET_FILE, not both/,
      );
      expect(() =>
        loadConfig({ DATABASE_URL: 'postgres://u@h/db', JWT_SECRET_FILE: join(dir, 'nope') }),
      ).toThrow(/JWT_SECRET_FILE: cannot read/);
    });

    it('keeps the previous keys of a rotation, with the same length rule', () => {
      const c = loadConfig({
        ...REAL,
        JWT_SECRET_PREVIOUS: `p${KEY}`,
        ACK_TOKEN_SECRET_PREVIOUS: `q${KEY}`,
      });
      expect(c).toMatchObject({
        jwtSecretPrevious: `p${KEY}`,
        ackTokenSecretPrevious: `q${KEY}`,
      });
      expect(() => loadConfig({ ...REAL, JWT_SECRET_PREVIOUS: 'short' })).toThrow(
        /JWT_SECRET_PREVIOUS: must be at least 32/,
      );
    });
  });
});

describe('TILE_URL (the intranet basemap)', () => {
  it('takes an XYZ template and its attribution', () => {
    const c = loadConfig({
      TILE_URL: 'http://tiles.intranet/{z}/{x}/{y}.png',
      TILE_ATTRIBUTION: '© 区规划和自然资源局',
    });
    expect(c).toMatchObject({
      tileUrl: 'http://tiles.intranet/{z}/{x}/{y}.png',
      tileAttribution: '© 区规划和自然资源局',
    });
  });

  it('refuses a URL without the {z}/{x}/{y} placeholders', () => {
    expect(() => loadConfig({ TILE_URL: 'http://tiles.intranet/map.png' })).toThrow(
      /TILE_URL: must be a tile template containing \{z\}, \{x\} and \{y\}/,
    );
  });
});
