import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCENARIOS = join(__dirname, '../../../server/scenarios');
const BEIJING_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

function beijing(ms: number): { iso: string; compact: string } {
  const d = new Date(ms + BEIJING_MS);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { iso: `${date}T${time}+08:00`, compact: `${date}${time}`.replace(/[-:]/g, '') };
}

/**
 * A scenario fixture with every CAP time and identifier timestamp moved so that `base` (the
 * scenario's start) is now: the warning is live (not already expired) when posted.
 */
export function freshFixture(scenario: string, file: string, base: string): string {
  const delta = Date.now() - new Date(base).getTime();
  return readFileSync(join(SCENARIOS, scenario, file), 'utf8')
    .replace(
      /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}/g,
      (s) => beijing(new Date(s).getTime() + delta).iso,
    )
    .replace(/_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\b/g, (_m, y, mo, d, h, mi, s) => {
      const ms =
        Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
        BEIJING_MS;
      return `_${beijing(ms + delta).compact}`;
    });
}

export function postCap(url: string, xml: string, feedToken = 'demo-feed'): Promise<Response> {
  return fetch(`${url}/api/feeds/cap`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', authorization: `Bearer ${feedToken}` },
    body: xml,
  });
}
