import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DispatchEventPayload, ResponseDto } from '@sanfang/shared';
import { systemClock } from '../../src/core/clock';
import { bearer, harness, type Harness } from './harness';

jest.setTimeout(60_000);

interface Received {
  headers: IncomingHttpHeaders;
  body: { id: string; to: string; text: string };
}

/** The real clock, second-scale deadlines, pg-boss firing, and a webhook gateway on loopback. */
describe('escalation in real time, messages through the webhook channel', () => {
  let h: Harness;
  let gateway: Server;
  const received: Received[] = [];
  let failFirst = true;

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        // The first request fails: the message must be retried with the same key.
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ headers: req.headers, body: JSON.parse(raw) as Received['body'] });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const port = (gateway.address() as AddressInfo).port;
    const clock = { ...systemClock, set: () => undefined, advance: () => undefined };
    h = await harness(
      {
        ACK_DEADLINE_S: '1',
        ESCALATION_STEP_S: '1',
        ONSITE_DEADLINE_S: '600',
        NOTIFY_CHANNEL: 'webhook',
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${port}/sms`,
      },
      clock,
    );
  });
  afterAll(async () => {
    await h.close();
    await new Promise((r) => gateway.close(r));
  });

  it('an unanswered call-out climbs all three steps on time, once each; an answered one does not', async () => {
    const r = (
      await h.http
        .post('/api/responses')
        .set(bearer(h.commander))
        .send({ hazard: 'flood', level: 'IV', reason: 'rt', subdistrictCodes: ['440306001'] })
        .expect(201)
    ).body as ResponseDto;
    const created = await h.waitFor('dispatch.created', 1);
    const silent = created[0]!.payload as DispatchEventPayload;
    const all = (await h.http.get(`/api/dispatches?responseId=${r.id}`).set(bearer(h.duty)))
      .body as { id: string; code: string; phone: string; contactId: string }[];
    const answered = all.find((d) => d.id !== silent.dispatchId)!;
    await h.http
      .post('/api/channels/sms/inbound')
      .set(bearer('demo-feed'))
      .send({ from: answered.phone, text: `${answered.code} A` })
      .expect(200);
    const of = (id: string) => (e: { payload: unknown }) =>
      (e.payload as DispatchEventPayload).dispatchId === id;
    const steps = await h.waitFor('dispatch.escalated', 3, of(silent.dispatchId));
    expect(steps.map((e) => (e.payload as DispatchEventPayload).step)).toEqual([1, 2, 3]);
    const times = steps.map((e) => Date.parse(e.occurredAt));
    // Each step comes no earlier than its deadline (1 s apart after the 1 s ack window).
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1000);
    expect(times[0]! - Date.parse(r.startedAt)).toBeGreaterThanOrEqual(1000);
    // Sentinel: another response's events come after; nothing more for the answered one.
    await h.http
      .post(`/api/responses/${r.id}/end`)
      .set(bearer(h.commander))
      .send({ reason: 'over' })
      .expect(200);
    await h.waitFor('response.ended', 1);
    expect(
      h.events.filter((e) => e.type === 'dispatch.escalated' && of(answered.id)(e)),
    ).toHaveLength(0);
    expect(
      h.events.filter((e) => e.type === 'dispatch.escalated' && of(silent.dispatchId)(e)),
    ).toHaveLength(3);
  });

  it('hands every message to the gateway once, with its idempotency key, retrying failures', async () => {
    const rows = (
      await h.http.get('/api/notifications?limit=5000').set(bearer(h.admin)).expect(200)
    ).body as { id: string; status: string }[];
    for (let i = 0; i < 200 && received.length < rows.length; i++)
      await new Promise((res) => setTimeout(res, 100));
    const keys = received.map((x) => x.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(rows.length);
    expect(keys.length).toBe(rows.length);
    expect(received.every((x) => x.body.id === x.headers['idempotency-key'])).toBe(true);
    expect(received.some((x) => x.body.text.includes('/ack/'))).toBe(true);
  });
});
