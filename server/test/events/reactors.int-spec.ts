import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { EventLog } from '../../src/events/event-log.service';
import { EventsPublisher } from '../../src/events/events.publisher';
import { Reactors } from '../../src/events/reactors.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

/** A reactor that answers every "ping" notice with one "pong" notice. */
const pong = (app: NestExpressApplication, instance: string): void =>
  app.get(Reactors).register({
    name: 'test.pong',
    types: ['notice.posted'],
    handle: async (e, tx) => {
      const p = e.payload as { text: string };
      if (!p.text.startsWith('ping')) return;
      await tx.manager.query(`INSERT INTO notices (text, level, author) VALUES ($1, 'info', $2)`, [
        `pong ${p.text}`,
        instance,
      ]);
      tx.emit('notice.posted', {
        id: String(e.seq),
        text: `pong ${p.text}`,
        level: 'info',
        author: instance,
      });
    },
  });

describe(Reactors.name, () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTestApp({}, { db, beforeInit: (app) => pong(app, 'a') });
    b = await createTestApp({}, { db, beforeInit: (app) => pong(app, 'b') });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('reacts to each event exactly once across two instances, in log order', async () => {
    for (let i = 0; i < 30; i++) {
      await (i % 2 ? b : a).app
        .get(EventLog)
        .write('test', (tx) =>
          tx.emit('notice.posted', { id: `${i}`, text: `ping ${i}`, level: 'info', author: 't' }),
        );
    }
    await Promise.all([a.app.get(Reactors).drain(), b.app.get(Reactors).drain()]);
    const rows = await a.app
      .get(DataSource)
      .query<{ text: string }[]>(
        `SELECT text FROM notices WHERE text LIKE 'pong%' ORDER BY created_at, text`,
      );
    expect(rows.map((r) => r.text).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `pong ping ${i}`).sort(),
    );
    // The reaction's own events went through the log like any other.
    const pongs = await a.app
      .get(DataSource)
      .query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM events WHERE payload->>'text' LIKE 'pong%'`,
      );
    expect(pongs[0]!.n).toBe(30);
  });

  it('reacts, unasked, to an event committed by an instance that does not run the reactor', async () => {
    // Local commits wake a reactor directly; another instance's commit is found by the poll.
    const pongSeen = new Promise<string>((resolve) => {
      for (const app of [a, b])
        app.app.get(EventsPublisher).onPublished((events) => {
          for (const e of events) {
            const text = (e.payload as { text?: string }).text ?? '';
            if (text === 'pong ping remote') resolve(e.actor);
          }
        });
    });
    const c = await createTestApp({}, { db });
    try {
      await c.app.get(EventLog).write('test', (tx) =>
        tx.emit('notice.posted', {
          id: 'remote',
          text: 'ping remote',
          level: 'info',
          author: 't',
        }),
      );
      await expect(pongSeen).resolves.toBe('reactor:test.pong');
    } finally {
      await c.close();
    }
  });

  it('starts a newly registered reactor at the head, not at the beginning of history', async () => {
    const c = await createTestApp(
      {},
      {
        db,
        beforeInit: (app) =>
          app.get(Reactors).register({
            name: 'test.late',
            types: ['notice.posted'],
            handle: () => Promise.reject(new Error('must not see old events')),
          }),
      },
    );
    try {
      await c.app.get(Reactors).drain();
    } finally {
      await c.close();
    }
  });
});
