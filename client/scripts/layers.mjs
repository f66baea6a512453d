#!/usr/bin/env node
// The client's floors (client/src): a folder imports only itself and folders on lower floors.
// An import of a higher floor ('up') or of another folder on the same floor ('sideways') is
// a violation. Prints them and the counts; exits 1 when there are any. `--count`: counts only;
// `--src DIR`: another tree (e.g. an old commit's, to compare).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const srcArg = process.argv.indexOf('--src');
const src =
  srcArg > 0
    ? resolve(process.argv[srcArg + 1])
    : resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Bottom first. A folder not named here is a violation of its own (give it a floor). */
export const FLOORS = [
  // Words every floor shares: unions and constants (point states, signal colours, kinds).
  ['vocabulary'],
  ['utils', 'hooks'],
  ['i18n'],
  // Test helpers (factories, mounting): above what they mount, below every spec.
  ['test'],
  ['modules/api'],
  ['modules/live', 'modules/auth'],
  // Server state: the react-query cache, its route calls as the session, live invalidation.
  ['modules/data'],
  // The map draws what it is given; no feature below it.
  ['modules/map'],
  // Features; a later row may use an earlier one (the warning panel shows its suggestion).
  [
    'modules/ack',
    'modules/desk',
    'modules/dispatch',
    'modules/duty-desk',
    'modules/incidents',
    'modules/lastmile',
    'modules/resources',
    'modules/responses',
    'modules/users',
    'modules/admin',
  ],
  ['modules/timeline', 'modules/warnings'],
  // After-action review: the features' contexts filled from a replayed moment.
  ['modules/replay'],
  // The composition root: the console page, the map's feature-panel switch; then App, main.
  ['modules/shell'],
  ['.'],
];

const floorOf = new Map(FLOORS.flatMap((names, floor) => names.map((n) => [n, floor])));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The floor folder a file belongs to: `modules/<name>`, a top folder, or '.'. */
function folderOf(path) {
  // A folder import means its index file.
  const file = statSync(path, { throwIfNoEntry: false })?.isDirectory()
    ? join(path, 'index')
    : path;
  const parts = relative(src, file).split(sep);
  if (parts.length === 1) return '.';
  if (parts[0] === 'modules') return `modules/${parts[1]}`;
  return parts[0];
}

export function violations() {
  const found = [];
  for (const file of files(src)) {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const to = folderOf(resolve(dirname(file), m[1]));
      if (to === from) continue;
      const a = floorOf.get(from);
      const b = floorOf.get(to);
      const where = `${relative(src, file)} -> ${m[1]}`;
      if (a === undefined || b === undefined) found.push({ kind: 'unplaced', where, from, to });
      else if (b > a) found.push({ kind: 'up', where, from, to });
      else if (b === a) found.push({ kind: 'sideways', where, from, to });
    }
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = violations();
  const count = (k) => found.filter((v) => v.kind === k).length;
  if (!process.argv.includes('--count'))
    for (const v of found) console.log(`${v.kind}: ${v.where}`);
  console.log(
    `client floors: ${count('up')} up, ${count('sideways')} sideways, ${count('unplaced')} unplaced`,
  );
  process.exit(found.length ? 1 : 0);
}
