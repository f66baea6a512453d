import type {
  IncidentIntakeResult,
  InstructionDto,
  InstructionHistoryEntryDto,
} from '@sanfang/shared';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { FEED, report } from '../incidents/helpers';

/** What an instruction concerns must exist; its history is its events, read by the incident page. */
describe('duty desk: the incident an instruction concerns, and its history', () => {
  let t: TestApp;
  let duty: string;
  let commander: string;
  let contact: string;
  let incidentId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const body = (concerns: unknown) => ({
    fromName: '王五',
    fromTitle: '区长',
    fromLevel: 'district',
    receivedAt: new Date().toISOString(),
    receivedVia: 'phone',
    text: '请核实西乡大道下穿通道被困车辆情况',
    concerns,
  });
  const count = async (): Promise<number> =>
    Number(
      (
        await t.app.get(DataSource).query<{ n: string }[]>(`SELECT count(*) AS n FROM instructions`)
      )[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    [duty, commander] = await Promise.all([t.login('duty'), t.login('commander')]);
    const [c] = await t.app
      .get(DataSource)
      .query<{ username: string }[]>(`SELECT username FROM users WHERE role = 'contact' LIMIT 1`);
    contact = await t.login(c!.username);
    const res = await t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(report());
    incidentId = (res.body as IncidentIntakeResult).incident.id;
  });
  afterAll(() => t.close());

  it('refuses an incident, warning or response that does not exist (404 at the id), storing nothing', async () => {
    const before = await count();
    for (const kind of ['incident', 'warning', 'response']) {
      const res = await t.http
        .post('/api/instructions')
        .set(auth(duty))
        .send(body({ kind, id: randomUUID() }));
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', path: 'body.concerns.id' });
    }
    // An incident's id named as a warning is not a warning.
    const wrongKind = await t.http
      .post('/api/instructions')
      .set(auth(duty))
      .send(body({ kind: 'warning', id: incidentId }));
    expect(wrongKind.status).toBe(404);
    const bad = await t.http
      .post('/api/instructions')
      .set(auth(duty))
      .send(body({ kind: 'incident', id: 'not-a-uuid' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.concerns.id' });
    expect(await count()).toBe(before);
  });

  it('lists the instructions concerning an incident with their whole history', async () => {
    const reg = await t.http
      .post('/api/instructions')
      .set(auth(duty))
      .send(body({ kind: 'incident', id: incidentId }));
    expect(reg.status).toBe(201);
    const ins = reg.body as InstructionDto;
    expect(ins.concerns).toEqual({ kind: 'incident', id: incidentId });
    await t.http.post('/api/instructions').set(auth(duty)).send(body(null)).expect(201);

    const assigned = await t.http
      .post(`/api/instructions/${ins.id}/assign`)
      .set(auth(duty))
      .send({
        units: [
          { name: '西乡街道', kind: 'subdistrict', phone: '075527000001' },
          { name: '区水务局', kind: 'member_unit', phone: '075527000002' },
        ],
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(200);
    const a = (assigned.body as InstructionDto).assignments.find((x) => x.unitName === '西乡街道')!;
    await t.http
      .post(`/api/instructions/${ins.id}/assignments/${a.id}/answer`)
      .set(auth(duty))
      .send({ text: '车辆已拖离', answeredBy: '西乡街道 李四' })
      .expect(200);
    await t.http
      .post(`/api/instructions/${ins.id}/close`)
      .set(auth(commander))
      .send({ summary: '已处置完毕' })
      .expect(200);

    const concerning = await t.http
      .get(`/api/instructions?status=all&concernsId=${incidentId}`)
      .set(auth(commander));
    expect((concerning.body as InstructionDto[]).map((i) => i.id)).toEqual([ins.id]);

    const history = await t.http.get(`/api/instructions/${ins.id}/history`).set(auth(commander));
    expect(history.status).toBe(200);
    const h = history.body as InstructionHistoryEntryDto[];
    expect(h.map((e) => e.type)).toEqual([
      'instruction.received',
      'instruction.assigned',
      'instruction.answered',
      'instruction.closed',
    ]);
    expect(h[0]).toMatchObject({ actor: 'duty' });
    expect(h[1]!.units).toEqual(expect.arrayContaining(['西乡街道', '区水务局']));
    expect(h[2]).toMatchObject({ unitName: '西乡街道', via: 'phone', actor: 'duty' });
    expect(h[3]).toMatchObject({ actor: 'commander', summary: '已处置完毕' });
    expect(h.map((e) => e.seq)).toEqual([...h.map((e) => e.seq)].sort((x, y) => x - y));
  });

  it('keeps the history from contacts and names an unknown instruction 404', async () => {
    const [ins] = (
      await t.http.get(`/api/instructions?status=all&concernsId=${incidentId}`).set(auth(duty))
    ).body as InstructionDto[];
    expect(
      (await t.http.get(`/api/instructions/${ins!.id}/history`).set(auth(contact))).status,
    ).toBe(403);
    const missing = await t.http.get(`/api/instructions/${randomUUID()}/history`).set(auth(duty));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
