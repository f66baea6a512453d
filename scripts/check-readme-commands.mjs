#!/usr/bin/env node
// Every `npm …` command the documentation shows must exist and work, so a documented command
// cannot rot again (issue 22: `npm run migrations:run` ran a file that did not exist).
//
//   node scripts/check-readme-commands.mjs            static checks, then the safe runs
//   node scripts/check-readme-commands.mjs --static   static checks only (fast)
//   node scripts/check-readme-commands.mjs --root DIR another checkout (the checker's own test)
//
// Static: each documented script exists in package.json (or the workspace named by -w), and
// every file its chain of scripts runs (node dist/…, tsx …, jest -c …) exists in the sources.
// Runs: the commands in SAFE_RUNS below, with arguments that change nothing the user owns
// (a throwaway DATA_DIR, --dry-run, --help). The rest are run by other CI steps (npm test,
// lint, check, faults) or are long-running (start, benches): those are checked statically.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const ROOT = rootAt === -1 ? join(import.meta.dirname, '..') : args[rootAt + 1];
const STATIC_ONLY = args.includes('--static');

/** The documentation: README.md, docs/**.md and the other READMEs (infra/, bench/). */
export function docFiles(root) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  for (const f of ['README.md', 'infra/README.md', 'bench/README.md'])
    if (existsSync(join(root, f))) out.push(join(root, f));
  walk(join(root, 'docs'));
  return out;
}

/** `npm run <script> [-w ws] [-- args]`, `npm start`, `npm test`, as written in a doc. */
export function extractCommands(text) {
  const found = [];
  const re = /\bnpm (?:run(?:-script)? ([\w:.-]+)|(start|test)\b)([^`\n|;&)#]*)/g;
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(re)) {
      const rest = m[3] ?? '';
      const ws = /(?:^|\s)(?:-w|--workspace)[ =]([\w@/.-]+)/.exec(rest)?.[1] ?? null;
      found.push({ script: m[1] ?? m[2], workspace: ws, line: i + 1, text: m[0].trim() });
    }
  });
  return found;
}

function readPackage(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

function workspaceDir(root, ws) {
  const rootPkg = readPackage(root);
  for (const w of rootPkg.workspaces ?? []) {
    const dir = join(root, w);
    if (w === ws || readPackage(dir).name === ws) return dir;
  }
  return null;
}

/**
 * Where a compiled path may come from: dist/x.js ← src/x.ts; dist-bench/x.js ← x.ts or
 * bench/x.ts, or ../x.ts when the bench is compiled from the repository root (the client's
 * bench imports the server benches' point generator).
 */
function sourcesOf(pkgDir, file) {
  const bench = /^dist-bench\/(.+)\.js$/.exec(file);
  if (bench)
    return [
      join(pkgDir, `${bench[1]}.ts`),
      join(pkgDir, 'bench', `${bench[1]}.ts`),
      join(pkgDir, '..', `${bench[1]}.ts`),
    ];
  const dist = /^dist\/(.+)\.js$/.exec(file);
  if (dist) return [join(pkgDir, 'src', `${dist[1]}.ts`)];
  return [join(pkgDir, file)];
}

/**
 * The problems with running `script` in `pkgDir`: a missing script, or a file that one of the
 * commands in its chain runs and that does not exist.
 */
export function staticProblems(root, pkgDir, script, seen = new Set()) {
  const key = `${pkgDir}:${script}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const pkg = readPackage(pkgDir);
  const body = pkg.scripts?.[script];
  const where = relative(root, join(pkgDir, 'package.json')) || 'package.json';
  if (body === undefined) return [`no script "${script}" in ${where}`];
  const problems = [];
  for (const part of body.split(/&&|\|\||;/).map((s) => s.trim())) {
    const words = part.split(/\s+/).filter((w) => !/^[A-Z_]+=/.test(w));
    const [cmd, ...rest] = words;
    if (cmd === 'npm' && rest[0] === 'run') {
      const wsAt = rest.findIndex((w) => w === '-w' || w === '--workspace');
      const dir = wsAt === -1 ? pkgDir : workspaceDir(root, rest[wsAt + 1]);
      if (!dir) problems.push(`${where} "${script}": unknown workspace ${rest[wsAt + 1]}`);
      else problems.push(...staticProblems(root, dir, rest[1], seen));
    } else if ((cmd === 'node' || cmd === 'tsx') && !/^(-e|--eval|-p|--print)$/.test(rest[0])) {
      const file = rest.find((w) => !w.startsWith('-'));
      const sources = file ? sourcesOf(pkgDir, file) : [];
      if (file && !sources.some((f) => existsSync(f)))
        problems.push(
          `${where} "${script}" runs ${file}, but ${relative(root, sources[0])} does not exist`,
        );
    } else if (cmd === 'jest') {
      const cfgAt = rest.findIndex((w) => w === '-c' || w === '--config');
      if (cfgAt !== -1 && !existsSync(join(pkgDir, rest[cfgAt + 1])))
        problems.push(`${where} "${script}": jest config ${rest[cfgAt + 1]} does not exist`);
    }
  }
  return problems;
}

/**
 * Documented commands run here in a safe form: [script, args, env, what the output must show].
 * DATA_DIR is a fresh folder, so nothing touches a real console's data.
 */
function safeRuns(dataDir) {
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' };
  return {
    'migrations:run': [
      {
        args: ['--', '--dry-run'],
        env,
        expect: /Would apply \d+ migration\(s\)|Nothing to apply/,
        code: 0,
      },
    ],
    import: [
      {
        args: ['--', 'server/test/fixtures/import/teams-good.csv', '--dry-run'],
        env,
        expect: /teams: 2 would be inserted, 0 would be updated \(dry run: nothing written\)/,
        code: 0,
      },
    ],
    // Without DATABASE_URL it prints its usage and exits 2 (it writes nothing).
    'migrations:generate': [{ args: [], env, expect: /usage: DATABASE_URL=/, code: 2 }],
    // Without a scenario name it prints its usage and exits 2.
    scenario: [{ args: [], env, expect: /usage: npm run scenario/, code: 2 }],
  };
}

function main() {
  const commands = [];
  for (const file of docFiles(ROOT)) {
    for (const c of extractCommands(readFileSync(file, 'utf8')))
      commands.push({ ...c, file: relative(ROOT, file) });
  }
  if (commands.length === 0) {
    console.error('no `npm run …` command found in the documentation: is the root right?');
    process.exit(1);
  }
  const failures = [];
  const unique = new Map();
  for (const c of commands) {
    const dir = c.workspace ? workspaceDir(ROOT, c.workspace) : ROOT;
    const problems = dir
      ? staticProblems(ROOT, dir, c.script)
      : [`unknown workspace ${c.workspace}`];
    for (const p of problems) failures.push(`${c.file}:${c.line}: \`${c.text}\`: ${p}`);
    unique.set(`${c.workspace ?? ''}:${c.script}`, c);
  }
  console.log(
    `${commands.length} documented npm commands (${unique.size} distinct) in ${docFiles(ROOT)
      .map((f) => relative(ROOT, f))
      .join(', ')}`,
  );

  if (!STATIC_ONLY && failures.length === 0) {
    const dataDir = mkdtempSync(join(tmpdir(), 'sanfang-readme-'));
    try {
      const runs = safeRuns(dataDir);
      for (const [key, c] of unique) {
        const planned = c.workspace ? undefined : runs[c.script];
        if (!planned) {
          console.log(`  static  npm run ${key.replace(/^:/, '')}`);
          continue;
        }
        for (const run of planned) {
          const shown = ['npm', 'run', c.script, ...run.args].join(' ');
          const t0 = Date.now();
          const r = spawnSync('npm', ['run', '--silent', c.script, ...run.args], {
            cwd: ROOT,
            env: { ...process.env, ...run.env },
            encoding: 'utf8',
            timeout: 600_000,
          });
          const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
          const ok = r.status === run.code && run.expect.test(out);
          console.log(`  ${ok ? 'ran' : 'FAILED'}     ${shown}  (${Date.now() - t0} ms)`);
          if (!ok)
            failures.push(
              `${c.file}:${c.line}: \`${shown}\` exited ${r.status} (want ${run.code}) or lacks ${run.expect}:\n${out.trim().slice(-2000)}`,
            );
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (failures.length > 0) {
    console.error(`\n${failures.length} documented command(s) do not work:`);
    for (const f of failures) console.error(`- ${f}`);
    process.exit(1);
  }
  console.log(
    STATIC_ONLY
      ? 'every documented command exists (static check)'
      : 'every documented command exists; the safe ones ran',
  );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
