#!/usr/bin/env node
// npm run bench:replay: both halves of the after-action review bench (issue 14).
//   1. server: generate (or reuse) the half-year log, open the replay at random moments
//      (npm run bench:replay -w server, with this script's arguments);
//   2. client: the frame cost of playing a storm day at 600× in Chromium against applying the
//      same events live (npm run bench:replay:frames -w client), after building server and client.
// With --generate-only or --serve only the first half runs (it prepares or serves the log).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const npm = (...a) => {
  const r = spawnSync('npm', a, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

npm('run', 'bench:replay', '-w', 'server', '--', ...args);
if (args.includes('--generate-only') || args.includes('--serve')) process.exit(0);
// The frame half reads the same database: pass --database on as its REPLAY_DATABASE_URL.
const db = args.indexOf('--database');
if (db >= 0 && args[db + 1]) process.env.REPLAY_DATABASE_URL = args[db + 1];
npm('run', 'build', '-w', 'server', '-w', 'client');
npm('run', 'bench:replay:frames', '-w', 'client');
