import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadDispatchConfig, DISPATCH_VARIABLES } from '../dispatch/dispatch.config';
import { CONFIG_VARIABLES, loadConfig } from './config';

interface ComposeService {
  '<<'?: ComposeService;
  image?: string;
  environment?: Record<string, string | number | boolean>;
}

const compose = load(readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
// YAML merge keys (`<<: *server`), resolved as compose does: the service's own keys win.
const services = Object.entries(compose.services).map(([name, s]): [string, ComposeService] => [
  name,
  { ...s['<<'], ...s },
]);
const servers = services.filter(([, s]) => s.image?.startsWith('sanfang-server'));

/** `${VAR:-default}` → default; `${VAR:?message}` (a required secret) → a stand-in value. */
function rendered(env: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v)
        .replace(/\$\{\w+:-([^}]*)\}/g, '$1')
        .replace(/\$\{\w+:\?[^}]*\}/g, 's'.repeat(40)),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('runs two server replicas', () => {
    expect(servers.map(([name]) => name)).toEqual(['server1', 'server2']);
  });

  it('sets only variables the server reads (a misspelt one is silently ignored otherwise)', () => {
    const known = new Set([...CONFIG_VARIABLES, ...DISPATCH_VARIABLES]);
    for (const [, s] of servers) {
      expect(Object.keys(s.environment ?? {}).filter((k) => !known.has(k))).toEqual([]);
    }
  });

  it('is a valid configuration, with the call-out links on the public address', () => {
    for (const [, s] of servers) {
      const env = rendered(s.environment ?? {});
      const config = loadConfig(env);
      expect(config).toMatchObject({ seed: 'reference', disposable: false, metricsPort: 9464 });
      expect(loadDispatchConfig(env).publicBaseUrl).toBe(env.PUBLIC_BASE_URL);
      expect(env.PUBLIC_BASE_URL).toBeDefined();
    }
  });
});
