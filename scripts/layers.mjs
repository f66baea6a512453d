#!/usr/bin/env node
// Draws the import graph between the top-level folders of server/src and checks it against the
// declared floors below: a folder may import folders on lower floors only. Two folders on the same
// floor are siblings and must not import each other. Files directly in server/src (main.ts,
// app.module.ts, ...) are the roof and may import anything.
//
//   node scripts/layers.mjs            print violations; exit 1 if there are any
//   node scripts/layers.mjs --graph    also print every edge with its import count
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lowest floor first. See docs/ARCHITECTURE.md ("Floors"). */
export const FLOORS = [
  ['common'],
  ['config'],
  ['core'],
  // auth and metrics never import each other: features report through core/observe.ts.
  ['auth', 'metrics'],
  ['events'],
  ['timers', 'geo'],
  ['dispatch', 'notices', 'resources', 'health', 'users'],
  ['incidents'],
  ['duty-log', 'duty-report', 'duty-desk', 'responses', 'warnings', 'lastmile'],
  // After-action review: folds every feature's events (and the duty log's lines).
  ['replay'],
  ['database'],
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'src');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    // Specs are tests, not structure: they may compose features from any floor.
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

const top = (file) => {
  const rel = relative(root, file).split(sep);
  return rel.length > 1 && rel[0] !== '..' ? rel[0] : null; // outside src (tests): not a floor
};

export function importGraph() {
  const edges = new Map();
  for (const file of walk(root)) {
    const from = top(file);
    if (!from) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']*)'/g)) {
      const to = top(resolve(dirname(file), m[1]));
      if (!to || to === from) continue;
      const key = `${from} -> ${to}`;
      const e = edges.get(key) ?? { from, to, files: new Set() };
      e.files.add(relative(root, file));
      edges.set(key, e);
    }
  }
  return [...edges.values()];
}

export function violations(edges) {
  const floor = new Map();
  FLOORS.forEach((names, i) => names.forEach((n) => floor.set(n, i)));
  return edges.filter((e) => {
    const a = floor.get(e.from);
    const b = floor.get(e.to);
    if (a === undefined || b === undefined) return true; // undeclared folder: declare it
    return b >= a;
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const edges = importGraph();
  if (process.argv.includes('--graph')) {
    for (const e of edges.sort((x, y) => (x.from + x.to).localeCompare(y.from + y.to)))
      console.log(`${e.from} -> ${e.to} (${e.files.size} files)`);
  }
  const bad = violations(edges);
  for (const e of bad) console.log(`upward: ${e.from} -> ${e.to}: ${[...e.files].join(', ')}`);
  console.log(`${bad.length} upward folder imports (${edges.length} folder edges)`);
  process.exitCode = bad.length ? 1 : 0;
}
