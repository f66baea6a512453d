import { randomUUID } from 'node:crypto';
import type {
  AckViewDto,
  DispatchDto,
  NotificationDto,
  ResponseDto,
  SuggestionDto,
} from '@sanfang/shared';
import { Client } from 'pg';
import { resolveStoredSecret } from '../../src/config/secrets';
import { AckTokens } from '../../src/dispatch/ack-token';
import { EscalationService } from '../../src/dispatch/escalation.service';
import { EventLog } from '../../src/events/event-log.service';
import { Reactors } from '../../src/events/reactors.service';
import { createDataSource } from '../../src/database/data-source';
import { bearer, harness, type Harness } from './harness';

jest.setTimeout(60_000);

const XIXIANG = '440306002';

describe('responses and dispatch (e2e)', () => {
  let h: Harness;
  let pg: Client;
  let tokens: AckTokens;

  const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query(sql, params)).rows as T[];
  const calloutCount = async (codes: string[] | null): Promise<number> =>
    Number(
      (
        await q<{ n: string }>(
          `SELECT count(*) AS n FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
            WHERE p.retired_at IS NULL AND c.role <> 'onsite_lead_backup'
              AND ($1::text[] IS NULL OR p.subdistrict_code = ANY($1))`,
          [codes],
        )
      )[0]!.n,
    );
  const start = (body: object, token = h.commander) =>
    h.http.post('/api/responses').set(bearer(token)).send(body);
  const dispatches = async (responseId: string, token = h.duty): Promise<DispatchDto[]> =>
    (await h.http.get(`/api/dispatches?responseId=${responseId}`).set(bearer(token)).expect(200))
      .body as DispatchDto[];
  const end = (id: string) =>
    h.http.post(`/api/responses/${id}/end`).set(bearer(h.commander)).send({ reason: 'over' });

  beforeAll(async () => {
    h = await harness({
      ACK_DEADLINE_S: '300',
      ONSITE_DEADLINE_S: '900',
      ESCALATION_STEP_S: '300',
    });
    pg = new Client({ connectionString: h.db.url });
    await pg.connect();
    const ds = createDataSource(h.db.url, 1);
    await ds.initialize();
    tokens = new AckTokens(await resolveStoredSecret(ds, 'ack_token_secret', null));
    await ds.destroy();
  });
  afterAll(async () => {
    await pg.end();
    await h.close();
  });

  describe('POST /api/responses', () => {
    it('requires authentication', async () => {
      const res = await h.http.post('/api/responses').send({});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_TOKEN_MISSING');
    });

    it('refuses a duty officer (commander only)', async () => {
      const res = await start({ hazard: 'flood', level: 'IV', reason: 'x' }, h.duty);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH_FORBIDDEN');
    });

    it('rejects bad input and stores nothing', async () => {
      const bad = await start({ hazard: 'flood', level: 'V', reason: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.level' });
      const unknown = await start({
        hazard: 'flood',
        level: 'IV',
        reason: 'x',
        subdistrictCodes: ['440306999'],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.path).toBe('body.subdistrictCodes');
      expect(await q(`SELECT id FROM responses`)).toHaveLength(0);
    });
  });

  describe('whole-district activation, change and end', () => {
    let r: ResponseDto;

    it('creates exactly one dispatch per point and role, in one go, and messages each contact', async () => {
      const res = await start({
        hazard: 'flood',
        level: 'IV',
        reason: '暴雨橙色预警',
        warningId: 'w-1',
      });
      expect(res.status).toBe(201);
      r = res.body as ResponseDto;
      expect(r).toMatchObject({
        status: 'active',
        level: 'IV',
        subdistrictCodes: [],
        warningId: 'w-1',
      });
      const expected = await calloutCount(null);
      expect(expected).toBeGreaterThan(100);
      const rows = await q<{ point_id: string; role: string; n: string }>(
        `SELECT point_id, role, count(*) AS n FROM dispatches WHERE response_id = $1 GROUP BY 1, 2`,
        [r.id],
      );
      expect(rows).toHaveLength(expected);
      expect(rows.every((x) => x.n === '1' && x.role !== 'onsite_lead_backup')).toBe(true);
      await h.waitFor('dispatch.created', expected);
      const list = await dispatches(r.id);
      expect(list).toHaveLength(expected);
      const lead = list.find((d) => d.role === 'onsite_lead')!;
      // On-site lead: on site within 15 minutes of the start; everyone acks within 5.
      expect(Date.parse(lead.arriveDeadline!) - Date.parse(r.startedAt)).toBe(900_000);
      expect(Date.parse(lead.ackDeadline) - Date.parse(r.startedAt)).toBe(300_000);
      expect(lead.ackRemainingS).toBe(300);
      expect(list.find((d) => d.role === 'drainage')!.arriveDeadline).toBeNull();
      // Messages are recorded in the transaction and handed to the (log) channel after it.
      const deliveredAll = async (): Promise<boolean> =>
        Number(
          (
            await q<{ n: string }>(
              `SELECT count(*) AS n FROM notifications WHERE kind = 'callout' AND status = 'delivered'`,
            )
          )[0]!.n,
        ) === expected;
      for (let i = 0; i < 100 && !(await deliveredAll()); i++)
        await new Promise((res) => setTimeout(res, 100));
      expect(await deliveredAll()).toBe(true);
      const notes = (
        await h.http
          .get(`/api/notifications?dispatchId=${lead.id}`)
          .set(bearer(h.admin))
          .expect(200)
      ).body as NotificationDto[];
      expect(notes[0]!.text).toContain(`${lead.code} A`);
      expect(notes[0]!.text).toMatch(/\/ack\/[A-Za-z0-9_-]+/);
      // Timers exist for every ack deadline plus every lead's arrival.
      const timers = await q<{ n: string }>(
        `SELECT count(*) AS n FROM pgboss.job WHERE name = 'dispatch.deadline' AND state = 'created'`,
      );
      expect(Number(timers[0]!.n)).toBe(
        expected + list.filter((d) => d.role === 'onsite_lead').length,
      );
    });

    it('refuses a second active response for the same hazard (409), allows another hazard', async () => {
      const res = await start({ hazard: 'flood', level: 'III', reason: 'again' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
      const other = await start({ hazard: 'drought', level: 'IV', reason: 'dry' });
      expect(other.status).toBe(201);
      // Drought never calls out the waterlogging contacts.
      expect(await dispatches((other.body as ResponseDto).id)).toHaveLength(0);
      await end((other.body as ResponseDto).id).expect(200);
    });

    it('only lets notifications be read by admins', async () => {
      await h.http.get('/api/notifications').set(bearer(h.duty)).expect(403);
    });

    it('raising dispatches nothing new; lowering below the threshold stands everyone down and cancels timers', async () => {
      const before = (await q(`SELECT id FROM dispatches`)).length;
      await h.http
        .post(`/api/responses/${r.id}/level`)
        .set(bearer(h.commander))
        .send({ level: 'III', reason: 'red' })
        .expect(200);
      expect((await q(`SELECT id FROM dispatches`)).length).toBe(before);
      const same = await h.http
        .post(`/api/responses/${r.id}/level`)
        .set(bearer(h.commander))
        .send({ level: 'III', reason: 'again' });
      expect(same.status).toBe(409);
      await h.http
        .post(`/api/responses/${r.id}/level`)
        .set(bearer(h.commander))
        .send({ level: 'attention', reason: 'easing' })
        .expect(200);
      const list = await dispatches(r.id);
      expect(list.every((d) => d.status === 'stood_down')).toBe(true);
      await h.waitFor('dispatch.stood_down', list.length);
      const live = await q(
        `SELECT id FROM pgboss.job WHERE name = 'dispatch.deadline' AND state = 'created'`,
      );
      expect(live).toHaveLength(0);
      const told = await q(`SELECT id FROM notifications WHERE kind = 'stand_down'`);
      expect(told).toHaveLength(list.length);
    });

    it('ends once; an ended response never changes and its history is append-only', async () => {
      const res = await end(r.id).expect(200);
      expect((res.body as ResponseDto).history.map((x) => x.action)).toEqual([
        'start',
        'raise',
        'lower',
        'end',
      ]);
      expect((res.body as ResponseDto).history[1]).toMatchObject({
        previousLevel: 'IV',
        level: 'III',
        actor: 'commander',
        reason: 'red',
      });
      expect((await end(r.id)).body.code).toBe('RESPONSE_ENDED');
      const lvl = await h.http
        .post(`/api/responses/${r.id}/level`)
        .set(bearer(h.commander))
        .send({ level: 'I', reason: 'x' });
      expect(lvl.status).toBe(409);
      await expect(
        pg.query(`UPDATE responses SET level = 'I' WHERE id = $1`, [r.id]),
      ).rejects.toThrow(/ended/);
      await expect(pg.query(`DELETE FROM response_history`)).rejects.toThrow(/append-only/);
    });
  });

  describe('widening the area', () => {
    it('dispatches only the new subdistrict', async () => {
      const r = (
        await start({
          hazard: 'flood',
          level: 'IV',
          reason: 'west',
          subdistrictCodes: ['440306001'],
        }).expect(201)
      ).body as ResponseDto;
      const first = await dispatches(r.id);
      expect(first).toHaveLength(await calloutCount(['440306001']));
      await h.http
        .post(`/api/responses/${r.id}/level`)
        .set(bearer(h.commander))
        .send({ level: 'IV', reason: 'wider', subdistrictCodes: ['440306001', XIXIANG] })
        .expect(200);
      const after = await dispatches(r.id);
      expect(after).toHaveLength(first.length + (await calloutCount([XIXIANG])));
      const firstIds = new Set(first.map((d) => d.id));
      expect(after.filter((d) => firstIds.has(d.id)).every((d) => d.status === 'notified')).toBe(
        true,
      );
      await end(r.id).expect(200);
    });
  });

  describe('acknowledgement', () => {
    let r: ResponseDto;
    let list: DispatchDto[];
    const ack = (token: string, body: object, auth?: string) => {
      const req = h.http.post(`/api/ack/${token}`);
      if (auth) req.set(bearer(auth));
      return req.send(body);
    };

    beforeAll(async () => {
      r = (
        await start({
          hazard: 'flood',
          level: 'IV',
          reason: 'ack tests',
          subdistrictCodes: [XIXIANG],
        }).expect(201)
      ).body as ResponseDto;
      list = await dispatches(r.id);
    });

    it('acknowledging exactly at the deadline is on time; ten repeats change state once', async () => {
      const d = list.find((x) => x.role === 'drainage')!;
      h.clock.set(new Date(d.ackDeadline));
      const token = tokens.sign(d.id);
      const before = h.events.filter((e) => e.type === 'dispatch.acknowledged').length;
      const first = await ack(token, { action: 'ack' }).expect(200);
      expect(first.body).toMatchObject({
        status: 'acknowledged',
        ackLate: false,
        unchanged: false,
      });
      for (let i = 0; i < 9; i++) {
        const again = await ack(token, { action: 'ack' }).expect(200);
        expect((again.body as AckViewDto).unchanged).toBe(true);
      }
      // A later event acts as the sentinel: everything before it has been published.
      await h.http.post('/api/notices').set(bearer(h.duty)).send({ text: 'sentinel' }).expect(201);
      await h.waitFor('notice.posted', 1);
      expect(h.events.filter((e) => e.type === 'dispatch.acknowledged').length - before).toBe(1);
    });

    it('one millisecond after the deadline is late, and recorded', async () => {
      const d = list.find((x) => x.role === 'traffic_police')!;
      h.clock.set(new Date(Date.parse(d.ackDeadline) + 1));
      const res = await ack(tokens.sign(d.id), { action: 'ack' }).expect(200);
      expect(res.body).toMatchObject({ ackLate: true, status: 'acknowledged' });
      const [ev] = await h.waitFor(
        'dispatch.acknowledged',
        1,
        (e) => (e.payload as { dispatchId: string }).dispatchId === d.id,
      );
      expect(ev!.payload).toMatchObject({ late: true });
    });

    it('arrival on site: far from the point is flagged, exactly at the deadline is on time', async () => {
      const d = list.find((x) => x.role === 'onsite_lead')!;
      h.clock.set(new Date(d.arriveDeadline!));
      const view = (await h.http.get(`/api/ack/${tokens.sign(d.id)}`).expect(200))
        .body as AckViewDto;
      const [lon, lat] = view.pointLocation;
      const res = await ack(tokens.sign(d.id), {
        action: 'arrive',
        lon: lon + 0.02,
        lat,
        depthM: 0.3,
      }).expect(200);
      expect(res.body).toMatchObject({ status: 'on_site', arriveLate: false, arrivalFar: true });
      const row = (await dispatches(r.id)).find((x) => x.id === d.id)!;
      expect(row.depthM).toBe(0.3);
      expect(row.arrivalDistanceM).toBeGreaterThan(1500);
      expect(row.acknowledgedAt).not.toBeNull();
    });

    it('refuses forged tokens, other contacts and stood-down dispatches', async () => {
      const d = list.find((x) => x.role === 'fire_rescue')!;
      const good = tokens.sign(d.id);
      const forged = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
      expect((await ack(forged, { action: 'ack' })).body.code).toBe('ACK_TOKEN_INVALID');
      expect((await ack('nonsense', { action: 'ack' })).status).toBe(401);
      const other = new AckTokens('another-secret-another-secret-xx').sign(d.id);
      expect((await ack(other, { action: 'ack' })).status).toBe(401);
      const bad = await ack(good, { action: 'wave' });
      expect(bad.status).toBe(400);
      // Another contact signed in on their phone may not answer this call-out.
      const someone = list.find((x) => x.contactId !== d.contactId && x.phone !== d.phone)!;
      const theirToken = await h.login(someone.phone);
      const wrong = await ack(good, { action: 'ack' }, theirToken);
      expect(wrong.status).toBe(403);
      expect(wrong.body.code).toBe('ACK_WRONG_CONTACT');
      // A contact sees only their own dispatches.
      const mine = await dispatches(r.id, theirToken);
      expect(mine.every((x) => x.contactId === someone.contactId)).toBe(true);
      expect(mine.length).toBeGreaterThan(0);
    });

    it('answers 401 to a supplied but invalid bearer, and records nothing', async () => {
      const d = list.find((x) => x.role === 'fire_rescue')!;
      const link = tokens.sign(d.id);
      for (const auth of ['Bearer garbage', 'Basic abc', 'Bearer ']) {
        const res = await h.http.post(`/api/ack/${link}`).set('authorization', auth).send({
          action: 'ack',
        });
        expect(res.status).toBe(401);
        const view = await h.http.get(`/api/ack/${link}`).set('authorization', auth);
        expect(view.status).toBe(401);
      }
      // A signed-out contact's token is refused the same way.
      const phoneToken = await h.login(d.phone);
      await h.http.post('/api/auth/logout').set(bearer(phoneToken)).expect(204);
      expect((await ack(link, { action: 'ack' }, phoneToken)).status).toBe(401);
      const row = (await dispatches(r.id)).find((x) => x.id === d.id)!;
      expect(row.acknowledgedAt).toBeNull();
    });

    it('a link stops working ACK_LINK_MAX_AGE_DAYS (7) after it was sent: 410', async () => {
      const d = list.find((x) => x.role === 'fire_rescue')!;
      const link = tokens.sign(d.id);
      const sent = Date.parse(d.notifiedAt);
      try {
        h.clock.set(new Date(sent + 7 * 24 * 3600 * 1000));
        expect((await h.http.get(`/api/ack/${link}`)).status).toBe(200);
        h.clock.set(new Date(sent + 7 * 24 * 3600 * 1000 + 1));
        const res = await ack(link, { action: 'ack' });
        expect(res.status).toBe(410);
        expect(res.body.code).toBe('ACK_LINK_TOO_OLD');
        expect((await h.http.get(`/api/ack/${link}`)).status).toBe(410);
      } finally {
        h.clock.set(new Date());
      }
      expect((await dispatches(r.id)).find((x) => x.id === d.id)!.acknowledgedAt).toBeNull();
    });

    it('accepts SMS replies "<code> A" matched to the sender, refuses others', async () => {
      const d = list.find((x) => x.role === 'fire_rescue')!;
      const sms = (body: object, token = 'demo-feed') =>
        h.http.post('/api/channels/sms/inbound').set(bearer(token)).send(body);
      expect(
        (
          await h.http
            .post('/api/channels/sms/inbound')
            .send({ from: d.phone, text: `${d.code} A` })
        ).status,
      ).toBe(401);
      expect((await sms({ from: d.phone, text: `${d.code} A` }, h.duty)).status).toBe(401);
      expect((await sms({ from: d.phone, text: 'hello' })).body.code).toBe('SMS_UNPARSEABLE');
      expect((await sms({ from: '13000000000', text: `${d.code} A` })).body.code).toBe(
        'ACK_WRONG_CONTACT',
      );
      const ok = await sms({ from: `+86 ${d.phone}`, text: ` ${d.code} a ` }).expect(200);
      expect(ok.body).toMatchObject({ dispatchId: d.id, status: 'acknowledged' });
      const arrived = await sms({ from: d.phone, text: `${d.code} D` }).expect(200);
      expect(arrived.body).toMatchObject({ status: 'on_site' });
    });

    it('a stood-down dispatch link has expired', async () => {
      await end(r.id).expect(200);
      const d = list.find((x) => x.role === 'drainage')!;
      const res = await ack(tokens.sign(d.id), { action: 'arrive' });
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('ACK_TOKEN_EXPIRED');
      const arrived = list.find((x) => x.role === 'onsite_lead')!;
      expect((await dispatches(r.id)).find((x) => x.id === arrived.id)!.arrivedAt).not.toBeNull();
    });
  });

  describe('escalation ladder (clock-controlled)', () => {
    it('no ack escalates through every step in order, each once', async () => {
      h.clock.set(new Date());
      const r = (
        await start({
          hazard: 'typhoon',
          level: 'IV',
          reason: 'ladder',
          subdistrictCodes: ['440306001'],
        }).expect(201)
      ).body as ResponseDto;
      const lead = (await dispatches(r.id)).find((x) => x.role === 'onsite_lead')!;
      const esc = h.app.get(EscalationService);
      const step = (n: number, dueAt: string) =>
        esc.fire({ dispatchId: lead.id, ladder: 'ack', step: n, dueAt });
      // At the deadline it is not yet late.
      h.clock.set(new Date(lead.ackDeadline));
      expect(await step(1, lead.ackDeadline)).toBe(false);
      h.clock.advance(1);
      expect(await step(1, lead.ackDeadline)).toBe(true);
      expect(await step(1, lead.ackDeadline)).toBe(false); // the same firing again: no-op
      const s2 = new Date(h.clock.now().getTime() + 300_000).toISOString();
      const next = await q(
        `SELECT id FROM pgboss.job WHERE name = 'dispatch.deadline' AND data->'data'->>'step' = '2' AND data->'data'->>'dispatchId' = $1`,
        [lead.id],
      );
      expect(next).toHaveLength(1);
      h.clock.advance(300_001);
      expect(await step(2, s2)).toBe(true);
      h.clock.advance(300_001);
      expect(await step(3, new Date(h.clock.now().getTime() - 1).toISOString())).toBe(true);
      const steps = h.events.filter(
        (e) =>
          e.type === 'dispatch.escalated' &&
          (e.payload as { dispatchId: string }).dispatchId === lead.id,
      );
      expect(steps.map((e) => (e.payload as { step: number }).step)).toEqual([1, 2, 3]);
      // Step 1 called the backup lead with a dispatch of their own; step 3 the district.
      expect((steps[0]!.payload as { notified: string[] }).notified.length).toBe(2);
      expect((steps[2]!.payload as { notified: string[] }).notified).toEqual(
        expect.arrayContaining(['user:commander', 'user:duty']),
      );
      const backup = (await dispatches(r.id)).find(
        (x) => x.role === 'onsite_lead_backup' && x.pointId === lead.pointId,
      );
      expect(backup?.status).toBe('notified');
      const row = (await dispatches(r.id)).find((x) => x.id === lead.id)!;
      expect(row).toMatchObject({ status: 'escalated', ackEscalationStep: 3 });
      // Answering late after escalation is recorded as late, never dropped.
      const late = await h.http
        .post(`/api/ack/${tokens.sign(lead.id)}`)
        .send({ action: 'ack' })
        .expect(200);
      expect(late.body).toMatchObject({ status: 'acknowledged', ackLate: true });
      await end(r.id).expect(200);
    });
  });

  describe('suggestions from warnings', () => {
    const suggest = async (p: object) => {
      const id = randomUUID();
      await h.app.get(EventLog).write('warnings', (tx) => {
        tx.emit('response.suggested', {
          suggestionId: id,
          warningId: 'cap-1',
          hazard: 'flood',
          level: 'IV',
          action: 'start',
          subdistrictCodes: [XIXIANG],
          reason: '暴雨黄色预警',
          autoApply: false,
          ...p,
        });
      });
      // The reactor may already be running (woken by the commit): drain until it recorded it.
      for (let i = 0; i < 100; i++) {
        await h.app.get(Reactors).drain();
        if ((await q(`SELECT id FROM response_suggestions WHERE id = $1`, [id])).length > 0) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      return id;
    };

    it('records a pending suggestion; a commander accepts it in one click', async () => {
      const id = await suggest({});
      const pending = (
        await h.http
          .get('/api/responses/suggestions?status=pending')
          .set(bearer(h.duty))
          .expect(200)
      ).body as SuggestionDto[];
      expect(pending.map((s) => s.id)).toContain(id);
      await h.http
        .post(`/api/responses/suggestions/${id}/accept`)
        .set(bearer(h.duty))
        .send({})
        .expect(403);
      const acc = (
        await h.http
          .post(`/api/responses/suggestions/${id}/accept`)
          .set(bearer(h.commander))
          .send({})
          .expect(200)
      ).body as SuggestionDto;
      expect(acc).toMatchObject({ status: 'accepted', decidedBy: 'commander' });
      const resp = (
        (await h.http.get('/api/responses?status=active').set(bearer(h.duty)).expect(200))
          .body as ResponseDto[]
      ).find((x) => x.id === acc.responseId)!;
      expect(resp).toMatchObject({ level: 'IV', warningId: 'cap-1', subdistrictCodes: [XIXIANG] });
      expect(resp.history[0]).toMatchObject({ suggestionId: id, warningId: 'cap-1' });
      expect(
        (
          await h.http
            .post(`/api/responses/suggestions/${id}/accept`)
            .set(bearer(h.commander))
            .send({})
        ).status,
      ).toBe(409);
    });

    it('applies an autoApply suggestion itself, and dismisses on request', async () => {
      const auto = await suggest({ action: 'raise', level: 'III', autoApply: true });
      await h.waitFor(
        'response.suggestion_decided',
        1,
        (e) => (e.payload as { suggestionId: string }).suggestionId === auto,
      );
      const all = (await h.http.get('/api/responses/suggestions').set(bearer(h.duty)).expect(200))
        .body as SuggestionDto[];
      expect(all.find((s) => s.id === auto)).toMatchObject({
        status: 'applied',
        decidedBy: 'auto-apply',
      });
      const resp = (
        (await h.http.get('/api/responses?status=active').set(bearer(h.duty))).body as ResponseDto[]
      ).find((x) => x.hazard === 'flood')!;
      expect(resp.level).toBe('III');
      const other = await suggest({ action: 'end', level: null });
      await h.http
        .post(`/api/responses/suggestions/${other}/dismiss`)
        .set(bearer(h.commander))
        .send({ reason: 'not yet' })
        .expect(200);
      expect(
        (
          (await h.http.get('/api/responses?status=active').set(bearer(h.duty)))
            .body as ResponseDto[]
        ).some((x) => x.hazard === 'flood'),
      ).toBe(true);
      // An auto suggestion that no longer fits is kept as failed, the reactor carries on.
      const bad = await suggest({
        hazard: 'typhoon',
        action: 'lower',
        level: 'IV',
        autoApply: true,
      });
      const [decided] = await h.waitFor(
        'response.suggestion_decided',
        1,
        (e) => (e.payload as { suggestionId: string }).suggestionId === bad,
      );
      // The console translates the reason from its code; the note stays for integrators.
      expect(decided!.payload).toMatchObject({ status: 'failed', failure: 'no_active_response' });
      const s = (
        (await h.http.get('/api/responses/suggestions').set(bearer(h.duty))).body as SuggestionDto[]
      ).find((x) => x.id === bad)!;
      expect(s).toMatchObject({ status: 'failed', note: 'No active typhoon response to change' });
    });
  });
});
