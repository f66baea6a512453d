import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { Runtime } from '../../src/core/runtime';
import { createDataSource } from '../../src/database/data-source';
import { Timers } from '../../src/timers/timers.service';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

interface Fired {
  key: string;
  at: number;
  instance: string;
}

describe(Timers.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const started: Timers[] = [];
  const fired: Fired[] = [];
  const waiters: { key: string; resolve: () => void }[] = [];

  async function instance(name: string): Promise<Timers> {
    const t = new Timers({ databaseUrl: db.url } as Runtime);
    t.handle<{ n: number }>('test.timer', async (_data, job) => {
      fired.push({ key: job.key, at: Date.now(), instance: name });
      for (const w of waiters.filter((x) => x.key === job.key)) w.resolve();
    });
    await t.onApplicationBootstrap();
    started.push(t);
    return t;
  }

  const firedOnce = (key: string): Promise<void> =>
    fired.some((f) => f.key === key)
      ? Promise.resolve()
      : new Promise((resolve) => waiters.push({ key, resolve }));

  const at = (ms: number): Date => new Date(Date.now() + ms);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url, 4);
    await ds.initialize();
  });
  afterAll(async () => {
    for (const t of started) await t.onModuleDestroy();
    await ds.destroy();
    await db.drop();
  });

  it('fires a timer once, not before its time, and reports up', async () => {
    const t = await instance('a');
    expect(t.status()).toBe('up');
    const due = at(1_000);
    await ds.transaction((m) => t.schedule(m, 'test.timer', 'once', due, { n: 1 }));
    await ds.transaction((m) => t.schedule(m, 'test.timer', 'once', due, { n: 1 })); // same firing again
    await firedOnce('once');
    await ds.transaction((m) => t.schedule(m, 'test.timer', 'sentinel-1', at(500), { n: 0 }));
    await firedOnce('sentinel-1');
    const hits = fired.filter((f) => f.key === 'once');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.at).toBeGreaterThanOrEqual(due.getTime());
    expect(hits[0]!.at - due.getTime()).toBeLessThan(3_000);
  });

  it('never fires a timer whose transaction rolled back, nor a cancelled one', async () => {
    const t = started[0]!;
    await expect(
      ds.transaction(async (m) => {
        await t.schedule(m, 'test.timer', 'rolled-back', at(300), { n: 2 });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    await ds.transaction((m) => t.schedule(m, 'test.timer', 'cancelled', at(300), { n: 3 }));
    await ds.transaction((m) => t.cancel(m, 'test.timer', 'cancelled'));
    // A later timer that does fire proves the earlier ones had their chance.
    await ds.transaction((m) => t.schedule(m, 'test.timer', 'sentinel-2', at(800), { n: 0 }));
    await firedOnce('sentinel-2');
    expect(fired.map((f) => f.key)).not.toContain('rolled-back');
    expect(fired.map((f) => f.key)).not.toContain('cancelled');
  });

  it('fires each of 100 timers exactly once with two instances polling', async () => {
    const b = await instance('b');
    const keys = Array.from({ length: 100 }, (_, i) => `pair-${i}`);
    await ds.transaction(async (m) => {
      for (const k of keys) await b.schedule(m, 'test.timer', k, at(500), { n: 4 });
    });
    await Promise.all(keys.map(firedOnce));
    await ds.transaction((m) => b.schedule(m, 'test.timer', 'sentinel-3', at(1_000), { n: 0 }));
    await firedOnce('sentinel-3');
    for (const k of keys) expect(fired.filter((f) => f.key === k)).toHaveLength(1);
  });

  it('lets several instances start together on a fresh database (queue creation races)', async () => {
    const fresh = await createTestDatabase();
    const boot = async (): Promise<Timers> => {
      const t = new Timers({ databaseUrl: fresh.url } as Runtime);
      for (let q = 0; q < 8; q++) t.handle(`race.q${q}`, async () => undefined);
      await t.onApplicationBootstrap();
      return t;
    };
    try {
      const all = await Promise.all([boot(), boot(), boot()]);
      expect(all.map((t) => t.status())).toEqual(['up', 'up', 'up']);
      for (const t of all) await t.onModuleDestroy();
    } finally {
      await fresh.drop();
    }
  });

  it('fires a timer scheduled before a restart on the instance that comes back', async () => {
    for (const t of started.splice(0)) await t.onModuleDestroy();
    const a = await instance('before-restart');
    await ds.transaction((m) => a.schedule(m, 'test.timer', 'survives', at(1_500), { n: 5 }));
    await a.onModuleDestroy();
    started.splice(0);
    await instance('after-restart');
    await firedOnce('survives');
    expect(fired.filter((f) => f.key === 'survives')).toEqual([
      expect.objectContaining({ instance: 'after-restart' }),
    ]);
  });
});
