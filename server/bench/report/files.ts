import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../../..');
export const RESULTS_DIR = join(ROOT, 'bench/results');
export const REPORT_PATH = join(ROOT, 'bench/REPORT.md');

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs?: number[];
}

export interface BenchStatus {
  name: string;
  env: Record<string, string>;
  status: 'ok' | 'failed' | 'timeout' | 'not available';
  exitCode: number | null;
  seconds: number;
}

/** What `npm run bench` did, written next to the results (bench/results/run.json). */
export interface RunLog {
  startedAt: string;
  finishedAt?: string;
  quick: boolean;
  benches: BenchStatus[];
}

export interface MachineInfo {
  cores?: number;
  memoryGiB?: number;
  node?: string;
  date?: string;
  postgres?: string;
  engine?: string;
}

/** One benchmark's result file: { bench, machine, runs, results, … } (shapes differ). */
export interface BenchFile {
  bench: string;
  machine?: MachineInfo;
  runs?: number;
  [k: string]: unknown;
}

export function readJson<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

export const isSummary = (v: unknown): v is Summary =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Summary).median === 'number' &&
  typeof (v as Summary).min === 'number' &&
  typeof (v as Summary).max === 'number';
