import type {
  DispatchDto,
  DispatchEventPayload,
  DispatchMessageDto,
  ResponseDto,
} from '@sanfang/shared';
import { Client } from 'pg';
import { systemClock } from '../../src/core/clock';
import { bearer, harness, type Harness } from './harness';

jest.setTimeout(60_000);

const SUBDISTRICT = '440306001';

/**
 * GET /api/dispatches/:id/messages: the messages of one call-out with whom each went to and where
 * it is, for the console roles whose scope holds the dispatch (real clock, 1 s deadlines, so the
 * escalation messages to console users are there too).
 */
describe('the messages of a call-out, for the duty room', () => {
  let h: Harness;
  let pg: Client;
  let r: ResponseDto;
  let silent: DispatchDto;

  beforeAll(async () => {
    const clock = { ...systemClock, set: () => undefined, advance: () => undefined };
    h = await harness(
      { ACK_DEADLINE_S: '1', ESCALATION_STEP_S: '1', ONSITE_DEADLINE_S: '600' },
      clock,
    );
    pg = new Client({ connectionString: h.db.url });
    await pg.connect();
    r = (
      await h.http
        .post('/api/responses')
        .set(bearer(h.commander))
        .send({ hazard: 'flood', level: 'IV', reason: 'msgs', subdistrictCodes: [SUBDISTRICT] })
        .expect(201)
    ).body as ResponseDto;
    const created = await h.waitFor('dispatch.created', 1);
    const id = (created[0]!.payload as DispatchEventPayload).dispatchId;
    const all = (await h.http.get(`/api/dispatches?responseId=${r.id}`).set(bearer(h.duty)))
      .body as DispatchDto[];
    silent = all.find((d) => d.id === id)!;
    // Step 2 tells the subdistrict's console users: messages to users, not to the contact.
    await h.waitFor(
      'dispatch.escalated',
      1,
      (e) =>
        (e.payload as DispatchEventPayload).dispatchId === id &&
        (e.payload as DispatchEventPayload).step === 3,
    );
  });
  afterAll(async () => {
    await pg?.end();
    await h?.close();
  });

  const messages = (token: string, id = silent.id) =>
    h.http.get(`/api/dispatches/${id}/messages`).set(bearer(token));

  it('lists the call-out and every escalation with recipient, phone and delivery state, oldest first', async () => {
    const list = (await messages(h.duty).expect(200)).body as DispatchMessageDto[];
    const callout = list[0]!;
    expect(callout).toMatchObject({
      dispatchId: silent.id,
      kind: 'callout',
      recipientKind: 'contact',
      recipientName: silent.contactName,
      recipientRole: silent.role,
      address: silent.phone,
    });
    // The log channel has no receipts: handed over is as far as it goes.
    expect(['queued', 'submitting', 'submitted']).toContain(callout.deliveryState);
    // The answer link is the contact's key: never in this view.
    expect(list.every((m) => !('text' in m))).toBe(true);
    const toUsers = list.filter((m) => m.recipientKind === 'user');
    expect(toUsers.length).toBeGreaterThan(0);
    expect(toUsers.every((m) => m.kind === 'escalation')).toBe(true);
    const { rows } = await pg.query<{ display_name: string; role: string }>(
      `SELECT display_name, role FROM users WHERE username = ANY($1::text[])`,
      [toUsers.map((m) => m.address)],
    );
    expect(new Set(toUsers.map((m) => m.recipientName))).toEqual(
      new Set(rows.map((u) => u.display_name)),
    );
    expect(toUsers.every((m) => m.recipientRole && m.recipientRole !== 'contact')).toBe(true);
    const times = list.map((m) => Date.parse(m.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The admin's notification log holds the same messages.
    const all = (
      await h.http.get(`/api/notifications?dispatchId=${silent.id}`).set(bearer(h.admin))
    ).body as { id: string }[];
    expect(new Set(list.map((m) => m.id))).toEqual(new Set(all.map((m) => m.id)));
  });

  it('is read by duty officers, commanders and admins; a contact is refused', async () => {
    await messages(h.commander).expect(200);
    await messages(h.admin).expect(200);
    const contact = await h.login(silent.phone);
    const refused = await messages(contact).expect(403);
    expect(refused.body.code).toBe('AUTH_FORBIDDEN');
    await h.http.get(`/api/dispatches/${silent.id}/messages`).expect(401);
  });

  it('keeps a subdistrict-bound officer to their own subdistrict (404 for another one), 400 for a bad id', async () => {
    const add = async (username: string, code: string) =>
      pg.query(
        `INSERT INTO users (username, password_hash, display_name, role, subdistrict_code)
         SELECT $1::text, password_hash, $1::text, 'duty_officer', $2 FROM users WHERE username = 'duty'`,
        [username, code],
      );
    await add('sd-own', SUBDISTRICT);
    await add('sd-other', '440306002');
    const own = (await messages(await h.login('sd-own')).expect(200)).body as DispatchMessageDto[];
    expect(own.length).toBeGreaterThan(0);
    const other = await messages(await h.login('sd-other')).expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    await messages(h.duty, '00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await messages(h.duty, 'nope').expect(400);
    expect(bad.body.path).toBe('params.id');
  });
});
