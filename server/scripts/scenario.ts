/**
 * npm run scenario -- <name> [--speed 60] [--url http://localhost:8080] [--token demo-feed]
 * Posts a scenario's CAP fixtures (server/scenarios/<name>) to a running console on their
 * schedule, shifted so the first message is "now". --speed 60 = one scenario minute per second.
 */
import { deltaTo, loadScenario, shiftTimes } from '../src/warnings/scenario/scenario';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const name = process.argv
    .slice(2)
    .find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  if (!name) {
    console.error('usage: npm run scenario -- <name> [--speed 60] [--url URL] [--token TOKEN]');
    process.exit(2);
  }
  const speed = Number(arg('speed', '60'));
  const url = arg('url', 'http://localhost:8080').replace(/\/$/, '');
  const token = arg('token', 'demo-feed');
  if (!(speed > 0)) throw new Error('--speed must be > 0');
  const s = loadScenario(name);
  const delta = deltaTo(s, new Date());
  console.log(
    `${s.name}: ${s.description}\nposting ${s.steps.length} messages to ${url} at ×${speed}`,
  );
  let prev = new Date(s.base).getTime();
  for (const step of s.steps) {
    const at = new Date(step.at).getTime();
    const wait = Math.max(0, at - prev) / speed;
    prev = Math.max(prev, at);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const res = await fetch(`${url}/api/feeds/cap`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cap+xml' },
      body: shiftTimes(step.xml, delta),
    });
    const body = await res.text();
    const ok = res.status === step.expect.status ? 'ok ' : 'UNEXPECTED';
    console.log(`${ok} ${step.file}: ${res.status} ${body.slice(0, 200)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
