import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  it('defaults to the embedded database with demo seed on port 8080', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: null, seed: 'demo', port: 8080, redisUrl: null });
  });

  it('seeds only reference geography against a real database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).seed).toBe('reference');
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
