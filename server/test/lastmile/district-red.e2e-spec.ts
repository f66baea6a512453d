import type { CallsRoundPayload } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { Outbox } from '../../src/dispatch/notify/outbox.service';
import { harness, type Harness } from '../responses/harness';
import { capXml } from '../warnings/cap-factory';

/**
 * A red rainstorm for the whole district calls every responsible person and every point
 * contact once a phone; the time from the CAP post to the last message handed to the channel
 * is printed (the log channel: the console's own share of the work).
 */
describe('a district-wide red rainstorm (e2e)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h?.close());

  it('calls all 2,433 persons and the points’ contacts, one call a phone', async () => {
    const ds = h.app.get(DataSource);
    const [expected] = await ds.query<{ n: string }[]>(
      `SELECT count(DISTINCT phone) AS n FROM (
         SELECT phone FROM responsible_persons
         UNION ALL SELECT c.phone FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
          WHERE p.retired_at IS NULL AND c.role <> 'onsite_lead_backup') x`,
    );
    let handed = 0;
    let lastAt = 0;
    h.app.get(Outbox).onDelivered((ids) => {
      handed += ids.length;
      lastAt = Date.now();
    });
    const t0 = Date.now();
    await h.http
      .post('/api/feeds/cap')
      .set('authorization', 'Bearer demo-feed')
      .set('content-type', 'application/cap+xml')
      .send(capXml({ colour: '红', area: '宝安区' }))
      .expect(201);
    const [started] = await h.waitFor('calls.started', 1);
    const round = started?.payload as CallsRoundPayload;
    const calledMs = Date.now() - t0;
    expect(round.called).toBe(Number(expected?.n));
    expect(round.called).toBeGreaterThanOrEqual(2433);
    const [dup] = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM (SELECT phone FROM calls WHERE round_id = $1
         GROUP BY phone HAVING count(*) > 1) d`,
      [round.roundId],
    );
    expect(Number(dup?.n)).toBe(0);
    // Every call handed to the channel (the outbox job or the kick), none twice.
    const deadline = Date.now() + 20_000;
    while (handed < round.called && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const [sent] = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM notifications WHERE kind = 'call' AND status = 'delivered'
          AND call_id IN (SELECT id FROM calls WHERE round_id = $1)`,
      [round.roundId],
    );
    expect(Number(sent?.n)).toBe(round.called);
    console.log(
      `[district red] ${round.called} calls; round committed ${calledMs} ms after the CAP post; ` +
        `last message handed to the channel after ${lastAt - t0} ms`,
    );
  });
});
