import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ScenarioStep {
  file: string;
  /** Scenario time of delivery; steps are posted in file order. */
  at: string;
  expect: { status: number; outcome?: string; code?: string; colour?: string };
  xml: string;
}
export interface Scenario {
  name: string;
  description: string;
  base: string;
  steps: ScenarioStep[];
}

export const SCENARIO_DIR = resolve(__dirname, '../../../scenarios');

interface Manifest {
  name: string;
  description: string;
  base: string;
  messages: Omit<ScenarioStep, 'xml'>[];
}

export function loadScenario(name: string, dir = SCENARIO_DIR): Scenario {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad scenario name ${name}`);
  const root = join(dir, name);
  const m = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;
  return {
    name: m.name,
    description: m.description,
    base: m.base,
    steps: m.messages.map((s) => ({ ...s, xml: readFileSync(join(root, s.file), 'utf8') })),
  };
}

const BEIJING_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

function beijing(ms: number): { date: string; time: string; compact: string } {
  const d = new Date(ms + BEIJING_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { date, time, compact: `${date}${time}`.replace(/[-:]/g, '') };
}

/**
 * Moves every CAP date-time and every GB/T 35965.1 identifier timestamp (`_YYYYMMDDhhmmss`)
 * by `deltaMs`, in +08:00, so a fixture replays as if happening now. References move with
 * the messages they name, so lineage is kept.
 */
export function shiftTimes(xml: string, deltaMs: number): string {
  return xml
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}/g, (s) => {
      const b = beijing(new Date(s).getTime() + deltaMs);
      return `${b.date}T${b.time}+08:00`;
    })
    .replace(/_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\b/g, (_m, y, mo, d, h, mi, s) => {
      const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - BEIJING_MS;
      return `_${beijing(ms + deltaMs).compact}`;
    });
}

/** The shift that puts the scenario's `base` at `now`. */
export const deltaTo = (s: Scenario, now: Date): number =>
  now.getTime() - new Date(s.base).getTime();
