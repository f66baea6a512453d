import type { EventType } from '@sanfang/shared';
import { CLOCK, type Clock } from '../../src/core/clock';
import type { CommittedEvent } from '../../src/events/event-log';
import { EventsPublisher } from '../../src/events/events.publisher';
import { createTestApp, type TestApp } from '../helpers/app';
import type { TestDatabase } from '../helpers/db';

/** A clock the test moves by hand (deadline rules read it; pg-boss keeps real time). */
export interface ManualClock extends Clock {
  set(d: Date): void;
  advance(ms: number): void;
}

export function manualClock(start = new Date()): ManualClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d) => (t = d.getTime()),
    advance: (ms) => (t += ms),
  };
}

export interface Harness extends TestApp {
  clock: ManualClock;
  events: CommittedEvent[];
  /** Resolves with the events of `type` once `count` of them have been committed. */
  waitFor(
    type: EventType,
    count: number,
    pred?: (e: CommittedEvent) => boolean,
  ): Promise<CommittedEvent[]>;
  commander: string;
  duty: string;
  admin: string;
}

export async function harness(
  env: Record<string, string> = {},
  clock = manualClock(),
  db?: TestDatabase,
): Promise<Harness> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const events: CommittedEvent[] = [];
  const waiters: (() => void)[] = [];
  let t: TestApp;
  try {
    t = await createTestApp(
      {},
      {
        ...(db ? { db } : {}),
        beforeInit: (app) => {
          Object.assign(app.get<Clock>(CLOCK), { now: () => clock.now() });
          app.get(EventsPublisher).onPublished((es) => {
            events.push(...es);
            for (const w of [...waiters]) w();
          });
        },
      },
    );
  } finally {
    process.env = saved;
  }
  const waitFor: Harness['waitFor'] = (type, count, pred = () => true) =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hits = events.filter((e) => e.type === type && pred(e));
        if (hits.length >= count) {
          resolve(hits);
          return true;
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${count} × ${type}`)),
        25_000,
      );
      const w = (): void => {
        if (check()) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(w), 1);
        }
      };
      waiters.push(w);
    });
  return {
    ...t,
    clock,
    events,
    waitFor,
    commander: await t.login('commander'),
    duty: await t.login('duty'),
    admin: await t.login('admin'),
  };
}

export const bearer = (token: string): { authorization: string } => ({
  authorization: `Bearer ${token}`,
});
