import {
  applyConsoleEvents,
  consoleStateToDto,
  emptyConsoleState,
  type RescueTeamCollection,
  type ReplayStateDto,
  type ShelterCollection,
} from '@sanfang/shared';
import { DataSource } from 'typeorm';
import type { EventsPublisher } from '../../src/events/events.publisher';
import { EventsRepository } from '../../src/events/events.repository';
import { CheckpointWarmer } from '../../src/replay/checkpoint-warmer.service';
import { ReplayRepository, type ReplayViewer } from '../../src/replay/replay.repository';
import { ReplayService } from '../../src/replay/replay.service';
import { bearer, harness, type Harness } from '../responses/harness';

/**
 * The replay checkpoints are built in the background as the log grows (CheckpointWarmer): per
 * scope in use, exactly once across instances, never writing an event; the state replayed for
 * any moment is the same with warm checkpoints as folded from the log's start.
 */
describe('replay checkpoints: built in the background as the log grows', () => {
  let h: Harness;
  let ds: DataSource;
  let replay: ReplayService;
  let warmer: CheckpointWarmer;
  const SD = '440306001';
  const K = 10;
  const district: ReplayViewer = { kind: 'district' };
  const bound: ReplayViewer = { kind: 'subdistrict', code: SD };
  const head = () => h.app.get(EventsRepository).head();

  /** Checkpoint seqs stored per scope. */
  const stored = async (): Promise<Record<string, number[]>> => {
    const rows = await ds.query<{ scope: string; seq: string }[]>(
      `SELECT scope, seq FROM replay_checkpoints ORDER BY scope, seq`,
    );
    const out: Record<string, number[]> = {};
    for (const r of rows) (out[r.scope] ??= []).push(Number(r.seq));
    return out;
  };
  const multiples = (upTo: number, k: number) =>
    Array.from({ length: Math.floor(upTo / k) }, (_, i) => (i + 1) * k);

  /** Team moves and shelter occupancy changes: events every console scope sees. */
  async function play(moves: number): Promise<void> {
    const teams = (await h.http.get('/api/rescue-teams').set(bearer(h.duty)).expect(200))
      .body as RescueTeamCollection;
    const shelters = (await h.http.get('/api/shelters').set(bearer(h.duty)).expect(200))
      .body as ShelterCollection;
    const shelter = shelters.features.find((s) => s.properties.capacity > 10)!;
    if (shelter.properties.status !== 'open') {
      await h.http
        .post(`/api/shelters/${shelter.properties.id}/open`)
        .set(bearer(h.duty))
        .send({ reason: '暴雨转移' })
        .expect((r) => expect(r.status).toBeLessThan(300));
    }
    for (let i = 0; i < moves; i++) {
      const team = teams.features[i % teams.features.length]!;
      await h.http
        .post(`/api/rescue-teams/${team.properties.id}/position`)
        .set(bearer(h.duty))
        .send({ lon: 113.85 + i / 1000, lat: 22.55 + i / 2000, at: new Date().toISOString() })
        .expect((r) => expect(r.body).toMatchObject({ accepted: 1 }));
      if (i % 4 === 0) {
        await h.http
          .post(`/api/shelters/${shelter.properties.id}/occupancy`)
          .set(bearer(h.duty))
          .send({ occupancy: i % shelter.properties.capacity })
          .expect((r) => expect(r.status).toBeLessThan(300));
      }
    }
  }

  /** The viewer's state at `seq` as a DTO (the moment fixed, so countdowns compare). */
  const stateAt = async (v: ReplayViewer, seq: number) => {
    const r = await replay.stateAtSeq(v, seq);
    return { dto: consoleStateToDto(r.state, '2026-01-01T00:00:00.000Z'), ...r };
  };

  /** Folded from the log's start with the console's reducers, no checkpoint read. */
  async function coldStateAt(v: ReplayViewer, seq: number) {
    const events = await h.app.get(ReplayRepository).events(v, 0, seq, 1_000_000);
    return consoleStateToDto(
      applyConsoleEvents(emptyConsoleState(), events),
      '2026-01-01T00:00:00.000Z',
    );
  }

  beforeAll(async () => {
    h = await harness();
    ds = h.app.get(DataSource);
    replay = h.app.get(ReplayService);
    warmer = h.app.get(CheckpointWarmer);
    await h.http
      .post('/api/users')
      .set(bearer(h.admin))
      .send({
        username: 'xinan-w',
        displayName: '新安值班员',
        role: 'duty_officer',
        subdistrictCode: SD,
        password: 'xinan-password-1',
      })
      .expect(201);
    // Small K; the cache starts empty (as after an upgrade).
    await warmer.caughtUp(await head());
    replay.checkpointEvery = K;
    await ds.query(`DELETE FROM replay_checkpoints`);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('builds every scope in use up to the head in the background, writing no event', async () => {
    const built = warmer.built;
    await play(40);
    const seq = await head();
    expect(seq).toBeGreaterThan(5 * K);
    const pass = await warmer.caughtUp(seq);
    expect(pass.target).toBeGreaterThanOrEqual(Math.floor(seq / K) * K);
    expect(await head()).toBe(seq); // the warm-up wrote no event
    const cps = await stored();
    // The district and the bound subdistrict, every K events from the log's start.
    expect(Object.keys(cps).sort()).toEqual(['v1:district', `v1:sd:${SD}`]);
    for (const scope of Object.keys(cps)) {
      expect(cps[scope]!.slice(0, Math.floor(seq / K))).toEqual(multiples(seq, K));
    }
    // Built by this instance's background loop as the events were written.
    expect(warmer.built - built).toBeGreaterThanOrEqual(2 * Math.floor(seq / K));

    // An open now folds at most K events after a stored checkpoint.
    const [row] = await ds.query<{ at: Date }[]>(
      `SELECT occurred_at AS at FROM events WHERE seq = $1`,
      [seq],
    );
    const res = await h.http
      .get(`/api/replay/state?at=${row!.at.toISOString()}`)
      .set(bearer(h.duty))
      .expect(200);
    const dto = res.body as ReplayStateDto;
    expect(dto.checkpointSeq).toBeGreaterThanOrEqual(Math.floor(seq / K) * K);
    expect(dto.folded).toBeLessThanOrEqual(K);
  }, 60_000);

  it('replays every moment the same with warm checkpoints as folded from the start', async () => {
    const seq = await head();
    await warmer.caughtUp(seq);
    for (let s = 1; s <= seq; s += 3) {
      for (const v of [district, bound]) {
        const warm = await stateAt(v, s);
        expect(warm.checkpointSeq).toBe(Math.floor(s / K) * K);
        expect(warm.dto).toEqual(await coldStateAt(v, s));
      }
    }
  }, 60_000);

  it('two instances catching up together build each checkpoint once, uncorrupted', async () => {
    await warmer.caughtUp(await head());
    const k = 4;
    replay.checkpointEvery = k;
    await ds.query(`DELETE FROM replay_checkpoints`);
    // A second instance: its own warmer over the same database (its lock sessions are its own).
    const other = new CheckpointWarmer(replay, h.app.get(ReplayRepository), {
      onPublished: () => undefined,
    } as unknown as EventsPublisher);
    warmer.batch = 1;
    other.batch = 1;
    const before = warmer.built;
    try {
      await Promise.all([warmer.drain(), other.drain()]);
      const seq = await head();
      const cps = await stored();
      const rows = Object.values(cps).reduce((n, xs) => n + xs.length, 0);
      expect(rows).toBe(2 * Math.floor(seq / k));
      // Each checkpoint folded and stored by exactly one of them.
      expect(warmer.built - before + other.built).toBe(rows);
      for (const v of [district, bound]) {
        const scope = v.kind === 'district' ? 'v1:district' : `v1:sd:${SD}`;
        expect(cps[scope]).toEqual(multiples(seq, k));
        for (const cp of cps[scope]!) {
          const warm = await stateAt(v, cp);
          expect(warm.checkpointSeq).toBe(cp);
          expect(warm.folded).toBe(0);
          expect(warm.dto).toEqual(await coldStateAt(v, cp));
        }
      }
    } finally {
      warmer.batch = 4;
      replay.checkpointEvery = K;
    }
  }, 90_000);
});
