import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CallsRoundPayload,
  DispatchDto,
  NotificationDeliveryChangedPayload,
  NotificationDto,
  ResponseDto,
} from '@sanfang/shared';
import { Client } from 'pg';
import { Smsc } from '../../bench/lib/smsc';
import { Outbox } from '../../src/dispatch/notify/outbox.service';
import { createTestDatabase } from '../helpers/db';
import { bearer, harness, type Harness } from '../responses/harness';
import { capXml } from '../warnings/cap-factory';

jest.setTimeout(90_000);

const SUBDISTRICT = '440306001';

interface Row {
  id: string;
  address: string;
  text: string;
  duty: string | null;
  priority: number;
  status: string;
  delivery_state: string;
  gateway_ids: string[] | null;
  delivery_error: string | null;
  channel: string;
  fallback_of: string | null;
}

/** The voice gateway (the webhook channel): records what it is asked to call. */
async function voiceGateway(): Promise<{
  url: string;
  calls: { to: string; text: string; callId: string | null; dispatchId: string | null }[];
  server: Server;
}> {
  const calls: { to: string; text: string; callId: string | null; dispatchId: string | null }[] =
    [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push(JSON.parse(body) as (typeof calls)[number]);
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/voice`, calls, server };
}

describe('SMPP channel (e2e, against an SMSC in the test process)', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function boot(smsc: Smsc, extra: Record<string, string> = {}) {
    const h: Harness = await harness({
      NOTIFY_CHANNEL: 'smpp',
      SMPP_URL: smsc.url(
        'source=12110&rate=200&window=10&connect_wait_s=1&reconnect_min_ms=100&reconnect_max_ms=500',
      ),
      ACK_DEADLINE_S: '300',
      ...extra,
    });
    open.push(h);
    const pg = new Client({ connectionString: h.db.url });
    await pg.connect();
    open.push({ close: () => pg.end() });
    const rows = async (where = 'true'): Promise<Row[]> =>
      (
        await pg.query<Row>(
          `SELECT id, address, text, duty, priority, status, delivery_state, gateway_ids,
                  delivery_error, channel, fallback_of
             FROM notifications WHERE ${where} ORDER BY created_at, id`,
        )
      ).rows;
    return { h, pg, rows };
  }

  const startResponse = async (h: Harness): Promise<ResponseDto> =>
    (
      await h.http
        .post('/api/responses')
        .set(bearer(h.commander))
        .send({ hazard: 'flood', level: 'IV', reason: '暴雨', subdistrictCodes: [SUBDISTRICT] })
        .expect(201)
    ).body as ResponseDto;

  const key = (r: Pick<Row, 'address' | 'text'>): string => `${r.address}\n${r.text}`;

  it('sends every call-out once in UCS2, long ones concatenated, on-site leads first; receipts mark them delivered', async () => {
    const smsc = new Smsc({ rate: 200 });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const { h, rows } = await boot(smsc);
    await startResponse(h);
    const sms = await rows();
    expect(sms.length).toBeGreaterThan(10);
    await smsc.until(() => smsc.messages.size >= sms.length);
    await h.waitFor('notification.delivery_changed', 1, (e) =>
      (e.payload as NotificationDeliveryChangedPayload).changes.some(
        (c) => c.state === 'delivered',
      ),
    );
    // Every message arrived whole, exactly once, in UCS2.
    for (const r of sms) expect(smsc.messages.get(key(r))).toBe(1);
    expect(smsc.segments.every((s) => s.dataCoding === 8)).toBe(true);
    const long = smsc.segments.filter((s) => s.total > 1);
    expect(long.length).toBeGreaterThan(0);
    expect(long.every((s) => (s.esmClass & 0x40) !== 0)).toBe(true);
    expect(sms.some((r) => /[\u4e00-\u9fff]/.test(r.text) && r.text.length > 70)).toBe(true);
    // On-site leads' segments all went before anyone else's.
    const leadPhones = new Set(sms.filter((r) => r.duty === 'onsite_lead').map((r) => r.address));
    const firstOther = smsc.segments.findIndex((s) => !leadPhones.has(s.dest));
    const lastLead = smsc.segments.map((s) => leadPhones.has(s.dest)).lastIndexOf(true);
    expect(leadPhones.size).toBeGreaterThan(0);
    expect(lastLead).toBeLessThan(firstOther);
    // Receipts: every row delivered, with one gateway id per segment.
    const settled = async (): Promise<Row[]> => {
      for (;;) {
        const seen = h.events.filter((e) => e.type === 'notification.delivery_changed').length;
        const now = await rows();
        if (now.every((r) => r.delivery_state === 'delivered')) return now;
        await h.waitFor('notification.delivery_changed', seen + 1);
      }
    };
    const done = await settled();
    const segs = new Map(smsc.segments.map((s) => [s.gatewayId, s]));
    for (const r of done) {
      expect(r.status).toBe('delivered');
      expect(r.gateway_ids!.length).toBe(segs.get(r.gateway_ids![0]!)!.total);
    }
    // The admin list shows the state.
    const list = (await h.http.get('/api/notifications').set(bearer(h.admin)).expect(200)).body as {
      deliveryState: string;
      gatewayIds: string[];
    }[];
    expect(list.every((n) => n.deliveryState === 'delivered' && n.gatewayIds.length > 0)).toBe(
      true,
    );
  });

  it('gateway down at start: messages wait, then go once it is up', async () => {
    const smsc = new Smsc({ rate: 200 });
    const port = await smsc.listen();
    await smsc.down();
    const { h, rows } = await boot(smsc);
    await startResponse(h);
    const sms = await rows();
    // Handed back to the outbox (not bound within connect_wait_s), nothing sent.
    for (;;) {
      const now = await rows();
      if (
        now.every((r) => r.status === 'pending') &&
        now.some((r) => r.delivery_state === 'queued')
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await smsc.listen(port);
    open.push({ close: () => smsc.down() });
    await smsc.until(() => smsc.messages.size >= sms.length, 60_000);
    for (const r of sms) expect(smsc.messages.get(key(r))).toBe(1);
  });

  it('connection dropped mid-batch and ESME_RTHROTTLED: nothing doubled, in-doubt messages recorded and not resent, the rest arrives', async () => {
    const smsc = new Smsc({ rate: 200, throttleFirst: 5 });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const { h, pg, rows } = await boot(smsc);
    await startResponse(h);
    const sms = await rows();
    await smsc.until(() => smsc.segments.length >= 10);
    expect(smsc.throttled).toBe(5);
    smsc.drop();
    let now: Row[] = [];
    for (;;) {
      now = await rows();
      if (now.every((r) => r.status === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(smsc.binds).toBeGreaterThanOrEqual(2);
    // A part in flight at the drop may or may not have been taken: never written again.
    expect(smsc.doubled()).toBe(0);
    const inDoubt = now.filter((r) => r.delivery_error?.startsWith('in doubt'));
    expect(inDoubt.length).toBeLessThanOrEqual(10);
    expect(inDoubt.every((r) => r.delivery_state === 'submitting')).toBe(true);
    // Everything else arrived whole, once.
    for (const r of now.filter((x) => !inDoubt.includes(x)))
      expect(smsc.messages.get(key(r))).toBe(1);
    expect(now.length).toBe(sms.length);
    // The console is told: each change names a message and its state (in doubt: still sending).
    const changes = (
      await pg.query<{
        payload: { changes: { id: string; state: string; error: string | null }[] };
      }>(`SELECT payload FROM events WHERE type = 'notification.delivery_changed' ORDER BY seq`)
    ).rows.flatMap((e) => e.payload.changes);
    expect(changes.every((c) => typeof c.id === 'string' && typeof c.state === 'string')).toBe(
      true,
    );
    for (const r of inDoubt)
      expect(changes).toContainEqual(
        expect.objectContaining({ id: r.id, state: 'submitting', error: r.delivery_error }),
      );
  });

  it('a failed receipt marks the message failed and falls back to voice for that duty', async () => {
    const voice = await voiceGateway();
    open.push({ close: () => new Promise((r) => voice.server.close(() => r())) });
    let failPhone = '';
    const smsc = new Smsc({
      rate: 200,
      receipt: (dest) => (dest === failPhone ? 'UNDELIV' : 'DELIVRD'),
    });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const tmp = await createTestDatabase();
    const pg0 = new Client({ connectionString: tmp.url });
    await pg0.connect();
    failPhone = (
      await pg0.query<{ phone: string }>(
        `SELECT c.phone FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
          WHERE p.subdistrict_code = $1 AND c.role = 'onsite_lead' ORDER BY c.phone LIMIT 1`,
        [SUBDISTRICT],
      )
    ).rows[0]!.phone;
    await pg0.end();
    await tmp.drop();
    const { h, rows } = await boot(smsc, {
      NOTIFY_WEBHOOK_URL: voice.url,
      SMS_VOICE_FALLBACK: 'onsite_lead=failed',
    });
    await startResponse(h);
    const [failed] = await h.waitFor('notification.delivery_changed', 1, (e) =>
      (e.payload as NotificationDeliveryChangedPayload).changes.some((c) => c.state === 'failed'),
    );
    const change = (failed!.payload as NotificationDeliveryChangedPayload).changes.find(
      (c) => c.state === 'failed',
    )!;
    expect(change.error).toContain('UNDELIV');
    const [row] = await rows(`id = '${change.id}'`);
    expect(row).toMatchObject({ delivery_state: 'failed', address: failPhone });
    // The voice call for the same person and text, once.
    for (let i = 0; i < 100 && voice.calls.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(voice.calls).toHaveLength(1);
    expect(voice.calls[0]).toMatchObject({ to: failPhone, text: row!.text });
    let fb = await rows(`fallback_of = '${change.id}'`);
    for (let i = 0; i < 100 && fb[0]?.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      fb = await rows(`fallback_of = '${change.id}'`);
    }
    expect(fb).toHaveLength(1);
    expect(fb[0]).toMatchObject({ channel: 'webhook', status: 'delivered' });
  });

  it('叫应 calls fall back to voice per duty: on a failed receipt, and once when unanswered; answered calls never', async () => {
    const voice = await voiceGateway();
    open.push({ close: () => new Promise((r) => voice.server.close(() => r())) });
    let failPhone = '';
    const smsc = new Smsc({
      rate: 200,
      receipt: (dest) => (dest === failPhone ? 'UNDELIV' : 'DELIVRD'),
    });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const WINDOW_S = 4;
    const { h, pg, rows } = await boot(smsc, {
      NOTIFY_WEBHOOK_URL: voice.url,
      SMS_VOICE_FALLBACK: `subdistrict_head=${WINDOW_S}`,
    });
    const heads = (
      await pg.query<{ phone: string }>(
        `SELECT phone FROM responsible_persons WHERE subdistrict_code = $1
            AND duty = 'subdistrict_head' ORDER BY phone`,
        [SUBDISTRICT],
      )
    ).rows.map((r) => r.phone);
    expect(heads.length).toBeGreaterThanOrEqual(3);
    const [answering, failing] = heads as [string, string];
    failPhone = failing;
    // A blue rainstorm for 新安: its subdistrict heads are called (the default 叫应 table).
    await h.http
      .post('/api/feeds/cap')
      .set('authorization', 'Bearer demo-feed')
      .set('content-type', 'application/cap+xml')
      .send(capXml({ colour: '蓝', area: '宝安区(新安街道)' }))
      .expect(201);
    const [started] = await h.waitFor('calls.started', 1);
    const roundId = (started!.payload as CallsRoundPayload).roundId;
    const calls = (
      await pg.query<{ id: string; phone: string; code: string }>(
        `SELECT id, phone, code FROM calls WHERE round_id = $1`,
        [roundId],
      )
    ).rows;
    const callOf = new Map(calls.map((c) => [c.phone, c]));
    expect(heads.every((p) => callOf.has(p))).toBe(true);
    // One head answers by SMS reply, well inside the window.
    await smsc.until(() => smsc.binds > 0);
    expect(await smsc.inbound(answering, `${callOf.get(answering)!.code} A`)).toBe(0);
    await h.waitFor('call.answered', 1);
    // Every other head: voice once (the failing one at its receipt, the rest after the window).
    const silent = calls.filter((c) => c.phone !== answering);
    for (let i = 0; i < 400 && voice.calls.length < silent.length; i++)
      await new Promise((r) => setTimeout(r, 50));
    // A moment more for any second voice call that should not come.
    await new Promise((r) => setTimeout(r, 1500));
    expect(voice.calls.map((v) => v.to).sort()).toEqual(silent.map((c) => c.phone).sort());
    for (const v of voice.calls) {
      expect(v.callId).toBe(callOf.get(v.to)!.id);
      expect(v.dispatchId).toBeNull();
    }
    const fb = await rows(`fallback_of IS NOT NULL`);
    expect(fb).toHaveLength(silent.length);
    const failedSms = await rows(`address = '${failing}' AND channel = 'smpp'`);
    expect(failedSms[0]).toMatchObject({ delivery_state: 'failed' });
    expect(fb.find((r) => r.address === failing)!.fallback_of).toBe(failedSms[0]!.id);
    // The call's messages name the call, not a dispatch.
    const list = (
      await h.http
        .get(`/api/notifications?callId=${callOf.get(failing)!.id}`)
        .set(bearer(h.admin))
        .expect(200)
    ).body as NotificationDto[];
    expect(list.map((n) => n.channel).sort()).toEqual(['smpp', 'webhook']);
    expect(list.every((n) => n.dispatchId === null && n.kind === 'call')).toBe(true);
  });

  it('a 叫应 call the gateway refuses (submit_sm error) is failed and falls back to voice once', async () => {
    const voice = await voiceGateway();
    open.push({ close: () => new Promise((r) => voice.server.close(() => r())) });
    let refused = '';
    const smsc = new Smsc({ rate: 200, reject: (dest) => (dest === refused ? 0x0b : null) });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const { h, pg, rows } = await boot(smsc, {
      NOTIFY_WEBHOOK_URL: voice.url,
      SMS_VOICE_FALLBACK: 'subdistrict_head=failed',
    });
    refused = (
      await pg.query<{ phone: string }>(
        `SELECT phone FROM responsible_persons WHERE subdistrict_code = $1
            AND duty = 'subdistrict_head' ORDER BY phone LIMIT 1`,
        [SUBDISTRICT],
      )
    ).rows[0]!.phone;
    await h.http
      .post('/api/feeds/cap')
      .set('authorization', 'Bearer demo-feed')
      .set('content-type', 'application/cap+xml')
      .send(capXml({ colour: '蓝', area: '宝安区(新安街道)' }))
      .expect(201);
    const [failed] = await h.waitFor('notification.delivery_changed', 1, (e) =>
      (e.payload as NotificationDeliveryChangedPayload).changes.some((c) => c.state === 'failed'),
    );
    const change = (failed!.payload as NotificationDeliveryChangedPayload).changes.find(
      (c) => c.state === 'failed',
    )!;
    expect(change).toMatchObject({ dispatchId: null });
    expect(change.callId).toEqual(expect.any(String));
    const [row] = await rows(`id = '${change.id}'`);
    expect(row).toMatchObject({ address: refused, delivery_state: 'failed' });
    for (let i = 0; i < 200 && voice.calls.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    expect(voice.calls).toEqual([
      expect.objectContaining({ to: refused, callId: change.callId, text: row!.text }),
    ]);
  });

  it('tells a 叫应 call message from a dispatch message: call_id and dispatch_id', async () => {
    const smsc = new Smsc({ rate: 200 });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const { h, pg } = await boot(smsc);
    const r = await startResponse(h);
    await h.http
      .post('/api/feeds/cap')
      .set('authorization', 'Bearer demo-feed')
      .set('content-type', 'application/cap+xml')
      .send(capXml({ colour: '蓝', area: '宝安区(新安街道)' }))
      .expect(201);
    await h.waitFor('calls.started', 1);
    const kinds = (
      await pg.query<{ kind: string; dispatch: boolean; call: boolean; n: number }>(
        `SELECT n.kind, d.id IS NOT NULL AS dispatch, c.id IS NOT NULL AS call, count(*)::int AS n
           FROM notifications n LEFT JOIN dispatches d ON d.id = n.dispatch_id
           LEFT JOIN calls c ON c.id = n.call_id
          WHERE n.dispatch_id IS NOT NULL OR n.call_id IS NOT NULL
          GROUP BY 1, 2, 3 ORDER BY 1`,
      )
    ).rows;
    expect(kinds.find((k) => k.kind === 'callout')).toMatchObject({ dispatch: true, call: false });
    expect(kinds.find((k) => k.kind === 'call')).toMatchObject({ dispatch: false, call: true });
    // Every id points at its own table: no call id left in dispatch_id, none dangling.
    expect(kinds.every((k) => k.dispatch !== k.call)).toBe(true);
    const dispatches = (
      await h.http.get(`/api/dispatches?responseId=${r.id}`).set(bearer(h.duty)).expect(200)
    ).body as DispatchDto[];
    const byDispatch = (
      await h.http
        .get(`/api/notifications?dispatchId=${dispatches[0]!.id}`)
        .set(bearer(h.admin))
        .expect(200)
    ).body as NotificationDto[];
    expect(byDispatch.length).toBeGreaterThan(0);
    expect(byDispatch.every((n) => n.callId === null && n.dispatchId === dispatches[0]!.id)).toBe(
      true,
    );
  });

  it('an inbound "<code> A" acknowledges the dispatch', async () => {
    const smsc = new Smsc({ rate: 200 });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const { h } = await boot(smsc);
    const r = await startResponse(h);
    const list = (
      await h.http.get(`/api/dispatches?responseId=${r.id}`).set(bearer(h.duty)).expect(200)
    ).body as DispatchDto[];
    const d = list.find((x) => x.role === 'drainage')!;
    await smsc.until(() => smsc.binds > 0);
    expect(await smsc.inbound(d.phone, `${d.code} A`)).toBe(0);
    await h.waitFor(
      'dispatch.acknowledged',
      1,
      (e) => (e.payload as { dispatchId: string }).dispatchId === d.id,
    );
    // A text that is not an answer is taken (no redelivery) and changes nothing.
    expect(await smsc.inbound(d.phone, '收到')).toBe(0);
  });

  it('no double send after a restart mid-batch', async () => {
    const smsc = new Smsc({ rate: 50 });
    await smsc.listen();
    open.push({ close: () => smsc.down() });
    const db = await createTestDatabase();
    open.push({ close: () => db.drop() });
    const env = {
      NOTIFY_CHANNEL: 'smpp',
      SMPP_URL: smsc.url('source=12110&rate=50&window=10&connect_wait_s=1&reconnect_min_ms=100'),
    };
    const first = await harness(env, undefined, db);
    await startResponse(first);
    await smsc.until(() => smsc.segments.length >= 15);
    // Stop mid-batch (as a rolling restart does), then a new instance on the same database.
    await first.close();
    const second = await harness(env, undefined, db);
    open.push(second);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    open.push({ close: () => pg.end() });
    const all = (await pg.query<Row>(`SELECT address, text FROM notifications`)).rows;
    await second.app.get(Outbox).sweep();
    await smsc.until(() => all.every((r) => (smsc.messages.get(key(r)) ?? 0) >= 1), 60_000);
    for (const r of all) expect(smsc.messages.get(key(r))).toBe(1);
  });
});
