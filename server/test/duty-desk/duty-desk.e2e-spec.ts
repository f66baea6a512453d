import type {
  DutyReport,
  IncidentFeedReport,
  InstructionDto,
  MonthlyReport,
  ReportingDutyDto,
  RotaNowDto,
  RotaShiftDto,
  UpwardReportDto,
} from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../src/core/clock';
import { EscalationService } from '../../src/dispatch/escalation.service';
import { InstructionsService } from '../../src/duty-desk/instructions.service';
import { RotaService } from '../../src/duty-desk/rota.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { EventTap, report } from '../incidents/helpers';

const DAY = 86_400_000;
/** The duty day (08:00–08:00 Asia/Shanghai) holding `t`: for an 08:00 start it is t's UTC date. */
const dutyDate = (t: number): string => new Date(t).toISOString().slice(0, 10);
const shiftStart = (date: string): number => Date.parse(`${date}T08:00:00+08:00`);

/**
 * A month of rota, as the duty room would export it from its spreadsheet. Day 0 is today's
 * duty day; day 1's officer is another person; day 2 has no leader, day 3 and 4 no officer.
 */
function monthCsv(day0: string): string {
  const lines = ['date,leader_name,leader_phone,chief_name,chief_phone,officers,leader_username'];
  for (let i = -1; i < 30; i++) {
    const date = dutyDate(shiftStart(day0) + i * DAY);
    const n = String(i + 10).padStart(2, '0');
    let officers = `值班员${n}/139000000${n}`;
    let leader = [`带班领导${n}`, `138000000${n}`];
    if (i === 0) officers = '值班员甲/13900000001/duty';
    if (i === 1) officers = '值班员乙/13900000002';
    if (i === 2) leader = ['', ''];
    if (i === 3 || i === 4) officers = '';
    if (i === 4) leader = ['', ''];
    lines.push([date, ...leader, `值班长${n}`, `137000000${n}`, officers, ''].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('duty desk: rota, leader instructions, upward reports (scenario)', () => {
  let t: TestApp;
  let tap: EventTap;
  let duty: string;
  let commander: string;
  let admin: string;
  let contact: string;
  let clock: Clock;
  const day0 = dutyDate(Date.now());
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    process.env.ROTA_GAP_CHECK_S = '86400'; // the scenario runs the gap check itself
    t = await createTestApp();
    tap = new EventTap(t);
    clock = t.app.get<Clock>(CLOCK);
    [duty, commander, admin] = await Promise.all([
      t.login('duty'),
      t.login('commander'),
      t.login('admin'),
    ]);
    const [c] = await t.app
      .get(DataSource)
      .query<{ username: string }[]>(`SELECT username FROM users WHERE role = 'contact' LIMIT 1`);
    contact = await t.login(c!.username);
  });
  afterAll(async () => {
    delete process.env.ROTA_GAP_CHECK_S;
    await t.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const notifications = (kind: string) =>
    t.app
      .get(DataSource)
      .query<{ recipient: string; address: string; text: string }[]>(
        `SELECT recipient, address, text FROM notifications WHERE kind = $1 ORDER BY created_at`,
        [kind],
      );

  describe('the rota', () => {
    it('refuses a CSV with bad rows as a whole, naming each line and column', async () => {
      const csv = [
        'date,leader_name,leader_phone,chief_name,chief_phone,officers,leader_username',
        `${day0},王五,13800000001,赵六,13700000001,值班员甲/13900000001,`,
        `${day0},王五,13800000001,赵六,13700000001,值班员甲/13900000001,`,
        '2026-02-30,王五,12ab,赵六,13700000001,值班员甲,nobody',
      ].join('\n');
      const res = await t.http.post('/api/rota/import').set(auth(duty)).send({ csv });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'IMPORT_INVALID_ROWS',
        path: 'body.csv',
        message: '2 invalid rota row(s), 5 problem(s); nothing was loaded',
      });
      expect(res.body.problems).toEqual([
        { line: 3, column: 'date', message: expect.stringContaining('first on line 2') },
        { line: 4, column: 'date', message: expect.stringContaining('calendar date') },
        { line: 4, column: 'leader_phone', message: expect.any(String) },
        { line: 4, column: 'leader_username', message: 'no console user "nobody"' },
        { line: 4, column: 'officers', message: expect.any(String) },
      ]);
      const grid = await t.http.get(`/api/rota?from=${day0}&to=${day0}`).set(auth(duty));
      expect((grid.body as RotaShiftDto[])[0]).toMatchObject({ leader: null, officers: [] });

      const noHeader = await t.http
        .post('/api/rota/import')
        .set(auth(duty))
        .send({ csv: 'date,officers\n2026-12-01,甲/13900000001\n' });
      expect(noHeader.status).toBe(400);
      expect(noHeader.body).toMatchObject({
        code: 'IMPORT_INVALID_FILE',
        path: 'body.csv',
        message: expect.stringContaining('leader_name'),
      });
    });

    it('refuses editors other than duty officers and admins (403), and contacts reading it', async () => {
      const body = { csv: monthCsv(day0) };
      expect((await t.http.post('/api/rota/import').set(auth(commander)).send(body)).status).toBe(
        403,
      );
      expect(
        (
          await t.http
            .put('/api/rota/shift')
            .set(auth(commander))
            .send({
              startsAt: new Date(shiftStart(day0)).toISOString(),
              leader: null,
              chief: null,
              officers: [],
            })
        ).status,
      ).toBe(403);
      expect((await t.http.get('/api/rota/now').set(auth(contact))).status).toBe(403);
      expect((await t.http.get('/api/rota/now')).status).toBe(401);
    });

    it('loads a month from CSV in one go (a dry run first), every shift an event', async () => {
      const csv = monthCsv(day0);
      const dry = await t.http
        .post('/api/rota/import')
        .set(auth(admin))
        .send({ csv, dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body).toEqual({ shifts: 31, replaced: 0, dryRun: true });
      const res = await t.http.post('/api/rota/import').set(auth(duty)).send({ csv });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ shifts: 31, replaced: 0, dryRun: false });
      await tap.next('rota.imported');
      expect(tap.of('rota.shift_changed', (p) => p.change === 'import')).toHaveLength(31);

      const now = await t.http.get('/api/rota/now').set(auth(commander));
      const body = now.body as RotaNowDto;
      expect(body.current).toMatchObject({
        startsAt: new Date(shiftStart(day0)).toISOString(),
        leader: { name: '带班领导10', phone: '13800000010' },
        officers: [{ name: '值班员甲', phone: '13900000001', username: 'duty' }],
      });
      expect(body.next?.officers.map((o) => o.name)).toEqual(['值班员乙']);
      const month = await t.http
        .get(`/api/rota?from=${day0}&to=${dutyDate(shiftStart(day0) + 29 * DAY)}`)
        .set(auth(duty));
      expect(month.body).toHaveLength(30);
    });

    it('records a swap as an event naming before and after', async () => {
      const startsAt = new Date(shiftStart(day0) + 10 * DAY).toISOString();
      const res = await t.http
        .put('/api/rota/shift')
        .set(auth(duty))
        .send({
          startsAt,
          leader: { name: '带班领导20', phone: '13800000020' },
          chief: { name: '值班长20', phone: '13700000020' },
          officers: [{ name: '替班员', phone: '13912345678' }],
          change: 'substitution',
          note: '值班员20病假',
        });
      expect(res.status).toBe(200);
      const e = await tap.next('rota.shift_changed', (p) => p.change === 'substitution');
      expect(e).toMatchObject({
        startsAt,
        before: { officers: ['值班员20'] },
        after: { officers: ['替班员'] },
        note: '值班员20病假',
      });
      const off = await t.http
        .put('/api/rota/shift')
        .set(auth(admin))
        .send({
          startsAt: new Date(shiftStart(day0) + 3_600_000).toISOString(),
          leader: null,
          chief: null,
          officers: [],
        });
      expect(off.status).toBe(400);
      expect(off.body).toMatchObject({ code: 'ROTA_SHIFT_INVALID', path: 'body.startsAt' });
    });

    it('names the rota incoming officer in the shift handover', async () => {
      const res = await t.http
        .post('/api/duty-log/handover')
        .set(auth(duty))
        .send({ toOfficer: '值班员乙', note: '夜间平稳', openItems: [] });
      expect(res.status).toBe(201);
      expect((res.body as { text: string }).text).toContain('值班表接班：值班员乙');
    });

    it('warns of a shift with no officer once it is 48 h ahead, once, with a notice to admins', async () => {
      const rota = t.app.get(RotaService);
      // A day later: day 3 (no officer) comes inside the 48 h horizon; day 4 is still beyond it.
      jest.spyOn(clock, 'now').mockReturnValue(new Date(shiftStart(day0) + DAY + 3_600_000));
      const day3 = new Date(shiftStart(day0) + 3 * DAY).toISOString();
      const day4 = new Date(shiftStart(day0) + 4 * DAY).toISOString();
      const gaps = (await t.http.get('/api/rota/now').set(auth(duty))).body as RotaNowDto;
      expect(gaps.gapWarnHours).toBe(48);
      expect(gaps.gaps).toContainEqual(
        expect.objectContaining({ startsAt: day3, missing: ['officer'] }),
      );
      expect(gaps.gaps.map((g) => g.startsAt)).not.toContain(day4);

      expect(await rota.checkGaps()).toBeGreaterThanOrEqual(1);
      expect(await Promise.all([rota.checkGaps(), rota.checkGaps()])).toEqual([0, 0]);
      const warned = tap.of('rota.gap_warned', (p) => p.startsAt === day3);
      expect(warned).toEqual([{ startsAt: day3, missing: ['officer'], notified: ['user:admin'] }]);
      expect(tap.of('rota.gap_warned', (p) => p.startsAt === day4)).toEqual([]);
      const msgs = await notifications('rota_gap');
      expect(msgs.filter((m) => m.text.includes('值班员'))).toContainEqual(
        expect.objectContaining({ recipient: 'user:admin' }),
      );
    });
  });

  describe('a leader instruction to three units', () => {
    let ins: InstructionDto;
    const units = [
      { name: '西乡街道', kind: 'subdistrict', phone: '075527000001' },
      { name: '区水务局', kind: 'member_unit', phone: '075527000002' },
      { name: '区交通运输局', kind: 'department', phone: '075527000003' },
    ];
    const tokenOf = (name: string): string =>
      ins.assignments.find((a) => a.unitName === name)!.link.split('/answer/')[1]!;

    it('is registered by a duty officer only', async () => {
      const body = {
        fromName: '张三',
        fromTitle: '副区长',
        fromLevel: 'district',
        receivedAt: new Date().toISOString(),
        receivedVia: 'phone',
        text: '请西乡街道、区水务局、区交通运输局立即核实积水情况并报告处置情况',
      };
      expect((await t.http.post('/api/instructions').set(auth(commander)).send(body)).status).toBe(
        403,
      );
      expect((await t.http.post('/api/instructions').set(auth(admin)).send(body)).status).toBe(403);
      const bad = await t.http
        .post('/api/instructions')
        .set(auth(duty))
        .send({ ...body, fromLevel: 'province' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.fromLevel' });
      const res = await t.http.post('/api/instructions').set(auth(duty)).send(body);
      expect(res.status).toBe(201);
      ins = res.body as InstructionDto;
      expect(ins.status).toBe('received');
    });

    it('is assigned with a deadline, and each unit is sent its own link', async () => {
      const deadline = new Date(Date.now() + 2_500).toISOString();
      expect(
        (
          await t.http
            .post(`/api/instructions/${ins.id}/assign`)
            .set(auth(admin))
            .send({ units, deadline })
        ).status,
      ).toBe(403);
      const res = await t.http
        .post(`/api/instructions/${ins.id}/assign`)
        .set(auth(duty))
        .send({ units, deadline });
      expect(res.status).toBe(200);
      ins = res.body as InstructionDto;
      expect(ins.status).toBe('assigned');
      expect(ins.assignments.map((a) => [a.unitName, a.status])).toEqual(
        expect.arrayContaining(units.map((u) => [u.name, 'pending'])),
      );
      const sent = await notifications('instruction');
      for (const u of units)
        expect(sent).toContainEqual(
          expect.objectContaining({
            address: u.phone,
            text: expect.stringContaining(`/answer/${tokenOf(u.name)}`),
          }),
        );
    });

    it('is answered by a unit on its link page, which answers only its own assignment', async () => {
      const token = tokenOf('西乡街道');
      const view = await t.http.get(`/api/instruction-link/${token}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        unitName: '西乡街道',
        fromName: '张三',
        status: 'pending',
      });
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      const refused = await t.http
        .post(`/api/instruction-link/${forged}`)
        .send({ text: '已核实', answeredBy: '李四' });
      expect(refused.status).toBe(404);
      expect(refused.body).toMatchObject({
        code: 'INSTRUCTION_LINK_INVALID',
        path: 'params.token',
      });
      const res = await t.http.post(`/api/instruction-link/${token}`).send({
        text: '已核实：宝安大道下穿通道积水0.3米，已封闭交通',
        answeredBy: '西乡街道 李四',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'answered', answeredBy: '西乡街道 李四' });
      const again = await t.http
        .post(`/api/instruction-link/${token}`)
        .send({ text: '再报', answeredBy: '李四' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'ASSIGNMENT_ANSWERED' });
      const full = (await t.http.get(`/api/instructions/${ins.id}`).set(auth(commander)))
        .body as InstructionDto;
      expect(
        full.assignments.filter((a) => a.status === 'answered').map((a) => a.unitName),
      ).toEqual(['西乡街道']);
    });

    it('takes a phoned answer from a duty officer only', async () => {
      const a = ins.assignments.find((x) => x.unitName === '区水务局')!;
      const path = `/api/instructions/${ins.id}/assignments/${a.id}/answer`;
      const body = { text: '已派出抽水泵2台', answeredBy: '区水务局 王五' };
      expect((await t.http.post(path).set(auth(commander)).send(body)).status).toBe(403);
      const res = await t.http.post(path).set(auth(duty)).send(body);
      expect(res.status).toBe(200);
      const got = (res.body as InstructionDto).assignments.find((x) => x.id === a.id)!;
      expect(got).toMatchObject({ status: 'answered', answeredVia: 'phone', recordedBy: 'duty' });
    });

    it('escalates the unit that missed its deadline to the officer on duty when it fired', async () => {
      // By the time the deadline passes, the next shift (值班员乙) has taken over from 值班员甲.
      jest.spyOn(clock, 'now').mockReturnValue(new Date(shiftStart(day0) + DAY + 60_000));
      const overdue = await tap.next('instruction.overdue', (p) => p.instructionId === ins.id);
      expect(overdue).toMatchObject({ unitName: '区交通运输局', escalatedTo: ['值班员乙'] });
      const msgs = await notifications('escalation');
      expect(msgs).toContainEqual(
        expect.objectContaining({ recipient: 'rota:值班员乙', address: '13900000002' }),
      );
      expect((await notifications('instruction')).filter((m) => m.text.includes('催办'))).toEqual([
        expect.objectContaining({ address: '075527000003' }),
      ]);
      // A repeated or concurrent firing changes nothing (exactly once).
      const a = ins.assignments.find((x) => x.unitName === '区交通运输局')!;
      const svc = t.app.get(InstructionsService);
      await Promise.all([
        svc.onDue({ assignmentId: a.id, deadline: a.deadline }),
        svc.onDue({ assignmentId: a.id, deadline: a.deadline }),
      ]);
      expect(tap.of('instruction.overdue', (p) => p.instructionId === ins.id)).toHaveLength(1);
    });

    it('is answered late by phone, then closed by a commander (not a duty officer)', async () => {
      const a = ins.assignments.find((x) => x.unitName === '区交通运输局')!;
      const res = await t.http
        .post(`/api/instructions/${ins.id}/assignments/${a.id}/answer`)
        .set(auth(duty))
        .send({ text: '已调整公交线路绕行', answeredBy: '区交通运输局 陈七' });
      expect((res.body as InstructionDto).status).toBe('answered');
      const summary = { summary: '三个单位均已反馈，积水已退，交通恢复' };
      expect(
        (await t.http.post(`/api/instructions/${ins.id}/close`).set(auth(duty)).send(summary))
          .status,
      ).toBe(403);
      const closed = await t.http
        .post(`/api/instructions/${ins.id}/close`)
        .set(auth(commander))
        .send(summary);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'commander' });
      const twice = await t.http
        .post(`/api/instructions/${ins.id}/close`)
        .set(auth(admin))
        .send(summary);
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'INSTRUCTION_CLOSED' });
      const view = await t.http.get(`/api/instruction-link/${tokenOf('西乡街道')}`);
      expect(view.body).toMatchObject({ closed: true });
      const open = (await t.http.get('/api/instructions').set(auth(duty))).body as InstructionDto[];
      expect(open.map((i) => i.id)).not.toContain(ins.id);
      const all = (await t.http.get('/api/instructions?status=all').set(auth(duty)))
        .body as InstructionDto[];
      expect(all.map((i) => i.id)).toContain(ins.id);
    });
  });

  it("a call-out's last escalation rung reaches the rota's officer on duty at that moment", async () => {
    const res = await t.http
      .post('/api/responses')
      .set(auth(commander))
      .send({
        hazard: 'flood',
        level: 'IV',
        reason: '暴雨橙色预警',
        subdistrictCodes: ['440306001'],
      });
    expect(res.status).toBe(201);
    const responseId = (res.body as { id: string }).id;
    const [d] = (await t.http.get(`/api/dispatches?responseId=${responseId}`).set(auth(duty)))
      .body as { id: string }[];
    jest.spyOn(clock, 'now').mockReturnValue(new Date(shiftStart(day0) + DAY + 120_000));
    const fired = await t.app.get(EscalationService).fire({
      dispatchId: d!.id,
      ladder: 'ack',
      step: 3,
      dueAt: new Date(shiftStart(day0) + DAY).toISOString(),
    });
    expect(fired).toBe(true);
    const e = await tap.next('dispatch.escalated', (p) => p.dispatchId === d!.id && p.step === 3);
    expect(e.notified).toEqual(expect.arrayContaining(['user:duty', 'rota:值班员乙']));
    jest.restoreAllMocks();
    await t.http
      .post(`/api/responses/${responseId}/end`)
      .set(auth(commander))
      .send({ reason: '解除' });
  });

  describe('reporting duties meet the rota', () => {
    let incidentId: string;
    const duties = async (id: string): Promise<ReportingDutyDto[]> =>
      (await t.http.get(`/api/incidents/${id}/duties`).set(auth(duty))).body as ReportingDutyDto[];

    it('sends the leader_on_duty message to the rota leader of that moment', async () => {
      const r: Partial<IncidentFeedReport> = report({
        casualties: { deaths: 3, seriousInjuries: 0, missing: 0, trapped: 1 },
      });
      delete r.source;
      delete r.externalId;
      const res = await t.http.post('/api/incidents').set(auth(duty)).send(r);
      expect(res.status).toBe(201);
      incidentId = (res.body as { incident: { id: string } }).incident.id;
      const n = await tap.next('rota.leader_notified', (p) => p.incidentId === incidentId);
      expect(n).toMatchObject({ leader: '带班领导10', address: '13800000010' });
      expect(await notifications('leader_report')).toContainEqual(
        expect.objectContaining({ recipient: 'rota:带班领导10', address: '13800000010' }),
      );
    });

    it('records each completed duty as an upward report with its recipients and printable text', async () => {
      const all = await duties(incidentId);
      for (const target of ['leader_on_duty', 'district', 'city'] as const) {
        const d = all.find((x) => x.target === target && x.status !== 'superseded')!;
        const done = await t.http
          .post(`/api/incidents/${incidentId}/duties/${d.id}/done`)
          .set(auth(duty))
          .send({ note: '' });
        expect(done.status).toBe(201);
        await tap.next('upward_report.recorded', (p) => p.dutyId === d.id);
      }
      const list = (
        await t.http.get(`/api/upward-reports?incidentId=${incidentId}`).set(auth(commander))
      ).body as UpwardReportDto[];
      const by = (target: string) => list.find((x) => x.target === target)!;
      expect(by('leader_on_duty')).toMatchObject({
        recipients: ['带班领导 带班领导10'],
        sentBy: 'duty',
        kind: 'initial',
      });
      expect(by('district').recipients).toEqual(['区委值班室', '区政府值班室']);
      expect(by('city').recipients).toEqual([
        '市委值班室',
        '市政府值班室',
        '市应急管理监测预警指挥中心',
      ]);
      expect(by('city').text).toContain('死亡 3 人');
      const page = await t.http.get(`/api/upward-reports/${by('city').id}/print`).set(auth(duty));
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('市应急管理监测预警指挥中心');
      expect(page.text).toContain('事件初报');
      expect(
        (await t.http.get(`/api/upward-reports/${by('city').id}/print`).set(auth(contact))).status,
      ).toBe(403);
    });

    it('counts instructions and upward reports per recipient in the daily and monthly reports', async () => {
      const res = await t.http.get(`/api/reports/daily?date=${day0}`).set(auth(commander));
      expect(res.status).toBe(200);
      const r = res.body as DutyReport;
      expect(r.instructions).toEqual({ received: 1, answered: 3, closed: 1, overdue: 1 });
      expect(r.upwardReports).toMatchObject({
        sent: 3,
        late: 0,
        byRecipient: {
          '带班领导 带班领导10': 1,
          区委值班室: 1,
          区政府值班室: 1,
          市委值班室: 1,
          市政府值班室: 1,
          市应急管理监测预警指挥中心: 1,
        },
      });
      const html = await t.http.get(`/api/reports/daily?date=${day0}&format=html`).set(auth(duty));
      expect(html.text).toContain('报送对象：市委值班室');
      const m = await t.http.get(`/api/reports/monthly?month=${day0.slice(0, 7)}`).set(auth(duty));
      const month = m.body as MonthlyReport;
      expect(month.summary.instructions.received).toBeGreaterThanOrEqual(1);
      expect(month.days.find((d) => d.date === day0)).toMatchObject({
        instructions: 1,
        upwardReports: 3,
      });
    });
  });
});
