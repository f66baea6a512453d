import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { EventLog } from '../../src/events/event-log.service';
import { EventsRepository } from '../../src/events/events.repository';
import { createTestApp, type TestApp } from '../helpers/app';

describe(EventLog.name, () => {
  let t: TestApp;
  let log: EventLog;
  let repo: EventsRepository;
  let ds: DataSource;
  beforeAll(async () => {
    t = await createTestApp();
    log = t.app.get(EventLog);
    repo = t.app.get(EventsRepository);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const notice = (text: string) => ({ id: text, text, level: 'info' as const, author: 'test' });

  it('gives 1,000 events from 8 concurrent writers seqs with no gap, seen in order by a live reader', async () => {
    const start = await repo.head();
    let stop = false;
    const seen: number[] = [];
    // A reader polling `seq > last` while writers commit: a late commit would show as a gap.
    const reader = (async () => {
      let last = start;
      while (!stop || last < start + 1000) {
        const page = await repo.page({ kind: 'district' }, last, 200);
        for (const e of page.events) seen.push(e.seq);
        last = page.lastSeq;
      }
    })();
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 125; i++) {
            await log.write(`writer${w}`, async (tx) => {
              await tx.manager.query('SELECT 1');
              tx.emit('notice.posted', notice(`${w}-${i}`));
            });
          }
        })(),
      ),
    );
    stop = true;
    await reader;
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => start + i + 1));
    expect(await repo.head()).toBe(start + 1000);
  });

  it('rolls back a write that records no event', async () => {
    const before = await repo.head();
    await expect(
      log.write('test', async (tx) => {
        await tx.manager.query(
          `INSERT INTO notices (text, level, author) VALUES ('orphan', 'info', 'x')`,
        );
      }),
    ).rejects.toThrow(/at least one event/);
    const rows: unknown[] = await ds.query(`SELECT 1 FROM notices WHERE text = 'orphan'`);
    expect(rows).toHaveLength(0);
    expect(await repo.head()).toBe(before);
  });

  it('consumes no seq when the state change fails', async () => {
    const before = await repo.head();
    await expect(
      log.write('test', async (tx) => {
        tx.emit('notice.posted', notice('never'));
        await tx.manager.query(
          `INSERT INTO notices (text, level, author) VALUES ('x', 'shouting', 'x')`,
        );
      }),
    ).rejects.toThrow();
    await log.write('test', async (tx) => tx.emit('notice.posted', notice('next')));
    const page = await repo.page({ kind: 'district' }, before, 10);
    expect(page.events.map((e) => e.seq)).toEqual([before + 1]);
  });

  it('commits a deferred write with its events, and neither when the write fails', async () => {
    const before = await repo.head();
    const { events } = await log.writeWithEvents('batcher', (tx) => {
      tx.defer(`INSERT INTO notices (text, level, author) VALUES ($1, 'info', $2)`, [
        'deferred',
        'x',
      ]);
      tx.as('feed:a').emit('notice.posted', notice('one'));
      tx.emit('notice.posted', notice('two'));
    });
    // Each event keeps the actor it was recorded under; seqs follow on from the head.
    expect(events.map((e) => [e.seq, e.actor])).toEqual([
      [before + 1, 'feed:a'],
      [before + 2, 'batcher'],
    ]);
    expect(await ds.query(`SELECT 1 FROM notices WHERE text = 'deferred'`)).toHaveLength(1);

    await expect(
      log.write('test', (tx) => {
        tx.defer(`INSERT INTO notices (text, level, author) VALUES ('bad', 'shouting', 'x')`, []);
        tx.emit('notice.posted', notice('lost'));
      }),
    ).rejects.toThrow();
    expect(await ds.query(`SELECT 1 FROM notices WHERE text = 'bad'`)).toHaveLength(0);
    expect(await repo.head()).toBe(before + 2);
  });

  it('takes a lock with BEGIN and holds it to commit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const first = log.write(
      'a',
      async (tx) => {
        order.push('first in');
        await gate;
        tx.emit('notice.posted', notice('first'));
        order.push('first out');
      },
      { begin: 'SELECT pg_advisory_xact_lock(99, 1)', commitWithEvents: true },
    );
    while (!order.includes('first in')) await new Promise((r) => setImmediate(r));
    const second = log.write(
      'b',
      (tx) => {
        order.push('second in');
        tx.emit('notice.posted', notice('second'));
      },
      { begin: 'SELECT pg_advisory_xact_lock(99, 1)', commitWithEvents: true },
    );
    // The second is seen waiting on the lock, and runs only once the first has committed.
    const waiting = async () =>
      (
        await ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 99 AND objid = 1 AND NOT granted`,
        )
      )[0]!.n;
    while ((await waiting()) === 0) await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log at the database', async () => {
    await log.write('test', async (tx) => tx.emit('notice.posted', notice('kept')));
    await expect(ds.query(`UPDATE events SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
  });

  it('shows each viewer only what it may see, and accounts for the rest', async () => {
    const before = await repo.head();
    const contactA = '00000000-0000-4000-8000-00000000000a';
    await log.write('test', async (tx) => {
      tx.emit('notice.posted', notice('district-wide'));
      tx.emit('notice.posted', notice('xixiang'), { subdistrictCodes: ['440306002'] });
      tx.emit('notice.posted', notice('for contact A'), {
        subdistrictCodes: ['440306002'],
        contactIds: [contactA],
      });
      tx.emit('notice.posted', notice('songgang'), { subdistrictCodes: ['440306005'] });
    });
    const texts = async (v: Parameters<EventsRepository['page']>[0]) => {
      const p = await repo.page(v, before, 100);
      // Console viewers are told the head; a contact only the seq of their own last event.
      const own = p.events.at(-1)?.seq ?? before;
      expect(p.lastSeq).toBe(v.kind === 'contact' ? own : before + 4);
      return p.events.map((e) => (e.payload as { text: string }).text);
    };
    expect(await texts({ kind: 'district' })).toEqual([
      'district-wide',
      'xixiang',
      'for contact A',
      'songgang',
    ]);
    expect(await texts({ kind: 'subdistrict', code: '440306002' })).toEqual([
      'district-wide',
      'xixiang',
      'for contact A',
    ]);
    expect(await texts({ kind: 'contact', contactId: contactA })).toEqual(['for contact A']);
    expect(await repo.headFor({ kind: 'contact', contactId: contactA })).toBe(before + 3);
    expect(
      await texts({ kind: 'contact', contactId: '00000000-0000-4000-8000-00000000000b' }),
    ).toEqual([]);
  });
});
