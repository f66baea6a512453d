import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHECKER = join(__dirname, '../../../scripts/check-readme-commands.mjs');

/** A tiny checkout: a root package with a server workspace, and the docs given. */
function checkout(docs: Record<string, string>, serverScripts: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sanfang-docs-'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      workspaces: ['server'],
      scripts: {
        start: 'npm run start:prod -w server',
        'migrations:run': 'npm run migrations:run -w server',
      },
    }),
  );
  mkdirSync(join(root, 'server/src/database'), { recursive: true });
  writeFileSync(join(root, 'server/src/main.ts'), '');
  writeFileSync(
    join(root, 'server/package.json'),
    JSON.stringify({
      name: '@x/server',
      scripts: { 'start:prod': 'node dist/main.js', ...serverScripts },
    }),
  );
  for (const [file, text] of Object.entries(docs)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

function check(root: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [CHECKER, '--static', '--root', root], {
    encoding: 'utf8',
  });
  rmSync(root, { recursive: true, force: true });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('scripts/check-readme-commands.mjs (the documented-commands CI check)', () => {
  it('fails for a documented script whose entry file does not exist (the migrations:run bug)', () => {
    const r = check(
      checkout(
        { 'README.md': '```sh\nnpm start\n```\nApply them with `npm run migrations:run`.\n' },
        { 'migrations:run': 'node dist/database/migrate.cli.js' },
      ),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'README.md:4: `npm run migrations:run`: server/package.json "migrations:run" runs dist/database/migrate.cli.js, but server/src/database/migrate.cli.ts does not exist',
    );
  });

  it('fails for a command documented in docs/*.md that has no script at all', () => {
    const r = check(
      checkout(
        { 'README.md': '`npm start`\n', 'docs/OPERATIONS.md': 'Run `npm run db:backup`.\n' },
        {},
      ),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'docs/OPERATIONS.md:1: `npm run db:backup`: no script "db:backup" in package.json',
    );
  });

  it('passes when every documented command resolves to files that exist', () => {
    const r = check(
      checkout(
        { 'README.md': '`npm start` and `npm run migrations:run -- --dry-run`\n' },
        {
          'migrations:run': 'node dist/main.js',
        },
      ),
    );
    expect(r.out).toContain('2 documented npm commands');
    expect(r.code).toBe(0);
  });
});
