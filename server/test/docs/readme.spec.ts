import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEMO_USERS } from '../../src/database/seed/seed';

/** The README and docs/ as a newcomer reads them: what they say is what the code does. */
const ROOT = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const README = read('README.md');
const DOCS = [
  'README.md',
  ...['API', 'IMPORT', 'CONFIGURATION', 'CONSOLE', 'ARCHITECTURE'].map((d) => `docs/${d}.md`),
];

describe('README and docs/', () => {
  it('repeat no paragraph (a stray fragment once appeared twice, out of place)', () => {
    for (const doc of DOCS) {
      const paragraphs = read(doc)
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p.length > 40);
      const seen = new Set<string>();
      const repeated = paragraphs.filter((p) => (seen.has(p) ? true : (seen.add(p), false)));
      expect({ doc, repeated }).toEqual({ doc, repeated: [] });
    }
    expect(README).not.toMatch(/not importable yet/);
  });

  it('link only to files that exist', () => {
    for (const doc of DOCS) {
      const links = [...read(doc).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
      const missing = links
        .filter((l) => !/^[a-z]+:/.test(l))
        .filter((l) => !existsSync(resolve(ROOT, dirname(doc), l)));
      expect({ doc, missing }).toEqual({ doc, missing: [] });
    }
  });

  it('list exactly the demo sign-ins the seed creates, and no contact sign-in for the console', () => {
    const table = README.slice(
      README.indexOf('| user'),
      README.indexOf('\n\n', README.indexOf('| user')),
    );
    const users = [...table.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
    expect(users).toEqual(DEMO_USERS.map((u) => u.username));
    expect(README).toMatch(/Contacts \(.*\) do not use the console/s);
  });

  it('document every environment variable the server reads', () => {
    const sources = [
      'server/src/config/config.ts',
      'server/src/dispatch/dispatch.config.ts',
      'server/src/lastmile/lastmile.config.ts',
      'server/src/duty-desk/duty-desk.config.ts',
    ];
    const vars = sources.flatMap((s) =>
      [...read(s).matchAll(/^ {2}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]!),
    );
    expect(vars.length).toBeGreaterThan(20);
    // docs/CONFIGURATION.md lists them; a feature's own docs/*.md or the README may too.
    const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)]
      .filter((f) => f.endsWith('.md'))
      .map(read)
      .join('\n');
    expect(vars.filter((v) => !docs.includes(`\`${v}\``))).toEqual([]);
  });

  it('say where the embedded data lives as `npm start` runs it', () => {
    // npm start runs the server workspace, whose working directory is server/.
    expect(read('server/package.json')).toMatch(/"start:prod": "node dist\/main.js"/);
    expect(README).toContain('`server/.data/`');
    expect(README).not.toMatch(/data under `\.data\/`/);
  });
});
