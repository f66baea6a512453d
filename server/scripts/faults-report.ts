/**
 * Writes bench/FAULTS.md from the findings the fault drills recorded in bench/results/faults
 * (run `FAULTS_FULL=1 npm run test:faults` first; `npm run test:faults:full` does both).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

interface Finding {
  fault: string;
  mode: 'full' | 'short';
  showed: string[];
  figures: Record<string, number | string>;
}

const dir = join(__dirname, '../../bench/results/faults');
const findings: Finding[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Finding)
  .sort((a, b) => a.fault.localeCompare(b.fault));

const lines = [
  '# Fault drills',
  '',
  `Run ${new Date().toISOString()} on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  'Every drill ends with the same check: each client holds the full contiguous sequence it may see, once, and the database agrees.',
  '',
];
for (const f of findings) {
  lines.push(`## ${f.fault} (${f.mode})`, '');
  for (const s of f.showed) lines.push(`- ${s}`);
  lines.push('', '| figure | value |', '|---|---|');
  for (const [k, v] of Object.entries(f.figures)) lines.push(`| ${k} | ${v} |`);
  lines.push('');
}
const out = join(__dirname, '../../bench/FAULTS.md');
writeFileSync(out, lines.join('\n'));
// Committed as written: keep it as the repository's prettier check wants it.
try {
  execFileSync(join(__dirname, '../../node_modules/.bin/prettier'), ['--write', out], {
    stdio: 'ignore',
  });
} catch {
  console.warn('prettier not available: bench/FAULTS.md left unformatted');
}
console.log(`bench/FAULTS.md: ${findings.length} drills`);
