import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Reactors } from '../../src/events/reactors.service';

/**
 * Waits until the console has finished what a run set off after answering its requests:
 * every reactor caught up (叫应 rounds, stand-downs, duty-desk duties) and every notification
 * handed to its channel. A run's CPU is read after this, so what its messages cost later is
 * in its own figures, not in the next run's. Returns the milliseconds it waited, or throws
 * after `limitMs` with what is still waiting.
 */
export async function settle(app: INestApplication, limitMs = 120_000): Promise<number> {
  const reactors = app.get(Reactors);
  const ds = app.get(DataSource);
  const t0 = Date.now();
  for (;;) {
    const [busy, [row]] = await Promise.all([
      reactors.pending(),
      ds.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM notifications WHERE status <> 'delivered'`,
      ),
    ]);
    const undelivered = Number(row?.n ?? 0);
    if (busy.length === 0 && undelivered === 0) return Date.now() - t0;
    if (Date.now() - t0 > limitMs)
      throw new Error(
        `not settled after ${limitMs} ms: reactors [${busy.join(', ')}], ${undelivered} undelivered`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}
