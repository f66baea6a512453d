import { DataSource } from 'typeorm';
import type {
  CallBoardDto,
  CallsRoundPayload,
  DeliveryHealthDto,
  DrillDto,
  DrillReportDto,
  MemberUnitDto,
  PersonDto,
  PersonsPage,
  WarningEventPayload,
} from '@sanfang/shared';
import type { AckTokens } from '../../src/dispatch/ack-token';
import { ACK_TOKENS } from '../../src/dispatch/dispatch.tokens';
import { CallsService } from '../../src/lastmile/calls.service';
import { bearer, harness, type Harness } from '../responses/harness';
import { capXml, refOf } from '../warnings/cap-factory';

/**
 * The last mile on real PostgreSQL: the seeded roster, 叫应 on a warning (who is called, once
 * a phone), answers by link and SMS, the escalation ladder's order and exactly-once, the
 * stand-down, drills kept apart from live work, and delivery health.
 */
describe('last mile: roster, 叫应, drills (e2e)', () => {
  let h: Harness;
  let tokens: AckTokens;
  const XINAN = '440306001';
  const XIXIANG = '440306002';

  beforeAll(async () => {
    h = await harness();
    tokens = h.app.get<AckTokens>(ACK_TOKENS);
  });
  afterAll(() => h?.close());

  const cap = (xml: string) =>
    h.http
      .post('/api/feeds/cap')
      .set('authorization', 'Bearer demo-feed')
      .set('content-type', 'application/cap+xml')
      .send(xml)
      .expect(201);
  const q = <T>(sql: string, args: unknown[] = []): Promise<T[]> =>
    h.app.get(DataSource).query(sql, args);

  it('seeds 2,433 responsible persons across 53 member units (10 subdistricts + 43)', async () => {
    const units = (await h.http.get('/api/member-units').set(bearer(h.duty)).expect(200))
      .body as MemberUnitDto[];
    expect(units).toHaveLength(53);
    expect(units.filter((u) => u.kind === 'subdistrict')).toHaveLength(10);
    expect(units.reduce((n, u) => n + u.persons, 0)).toBe(2433);
    expect(units.every((u) => u.leaderId !== null)).toBe(true);
    const page = (
      await h.http.get('/api/persons?unitCode=JD001&limit=5').set(bearer(h.duty)).expect(200)
    ).body as PersonsPage;
    expect(page.total).toBeGreaterThan(200);
    expect(page.persons[0]?.leader).toBe(true);
  });

  it('admins edit the roster; every change is an event; bad input names its path', async () => {
    const bad = await h.http
      .post('/api/persons')
      .set(bearer(h.admin))
      .send({
        name: '测试',
        phone: '13912345678',
        unitCode: 'NOPE',
        subdistrictCode: XINAN,
        duty: 'community',
      })
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.unitCode' });
    const badDuty = await h.http
      .post('/api/persons')
      .set(bearer(h.admin))
      .send({
        name: '测试',
        phone: '13912345678',
        unitCode: 'BM01',
        subdistrictCode: XINAN,
        duty: 'boss',
      })
      .expect(400);
    expect(badDuty.body.code).toBe('VALIDATION_FAILED');
    const created = (
      await h.http
        .post('/api/persons')
        .set(bearer(h.admin))
        .send({
          name: '新责任人',
          phone: '13912345678',
          unitCode: 'BM01',
          subdistrictCode: XINAN,
          duty: 'river',
        })
        .expect(201)
    ).body as PersonDto;
    expect(created).toMatchObject({ unitName: '区应急管理局', backupId: null });
    const patched = (
      await h.http
        .patch(`/api/persons/${created.id}`)
        .set(bearer(h.admin))
        .send({ phone2: '13912340000' })
        .expect(200)
    ).body as PersonDto;
    expect(patched.phone2).toBe('13912340000');
    await h.http.patch(`/api/persons/${created.id}`).set(bearer(h.duty)).send({}).expect(403);
    await h.http.delete(`/api/persons/${created.id}`).set(bearer(h.admin)).expect(200);
    const changes = await h.waitFor('roster.changed', 3);
    expect(changes.map((e) => (e.payload as { action: string }).action)).toEqual([
      'created',
      'updated',
      'removed',
    ]);
  });

  describe('a red rainstorm for 新安 and 西乡', () => {
    let warningId: string;
    let round: CallsRoundPayload;
    let xml: string;

    beforeAll(async () => {
      xml = capXml({ colour: '红', area: '宝安区(新安、西乡街道)' });
      await cap(xml);
      const [issued] = await h.waitFor('warning.issued', 1);
      warningId = (issued?.payload as WarningEventPayload).warningId;
      const [started] = await h.waitFor(
        'calls.started',
        1,
        (e) => (e.payload as CallsRoundPayload).warningId === warningId,
      );
      round = started?.payload as CallsRoundPayload;
    });

    it('calls every duty of the red row in the zone and the points’ contacts, once a phone', async () => {
      expect(round).toMatchObject({ reason: 'issued', drill: false, colour: 'red' });
      const [persons] = await q<{ n: string }>(
        `SELECT count(*) AS n FROM responsible_persons WHERE subdistrict_code = ANY($1)`,
        [[XINAN, XIXIANG]],
      );
      const [phones] = await q<{ n: string }>(
        `SELECT count(DISTINCT phone) AS n FROM (
           SELECT phone FROM responsible_persons WHERE subdistrict_code = ANY($1)
           UNION ALL SELECT c.phone FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
            WHERE p.subdistrict_code = ANY($1) AND c.role <> 'onsite_lead_backup') x`,
        [[XINAN, XIXIANG]],
      );
      expect(round.called).toBe(Number(phones?.n));
      expect(round.called).toBeGreaterThan(Number(persons?.n) - 1);
      const dup = await q<{ phone: string }>(
        `SELECT phone FROM calls WHERE round_id = $1 GROUP BY phone HAVING count(*) > 1`,
        [round.roundId],
      );
      expect(dup).toEqual([]);
      // A point's on-site lead who is also a community person is called as the person.
      const [both] = await q<{ n: string }>(
        `SELECT count(*) AS n FROM calls c JOIN contacts k ON k.phone = c.phone
          WHERE c.round_id = $1 AND c.person_id IS NOT NULL`,
        [round.roundId],
      );
      expect(Number(both?.n)).toBeGreaterThan(0);
      const [msgs] = await q<{ n: string }>(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'call'
            AND call_id IN (SELECT id FROM calls WHERE round_id = $1)`,
        [round.roundId],
      );
      expect(Number(msgs?.n)).toBe(round.called);
    });

    it('answers by link and by SMS reply code; the board counts them live', async () => {
      const [a, b] = await q<{ id: string; phone: string; code: string }>(
        `SELECT id, phone, code FROM calls WHERE round_id = $1 AND person_id IS NOT NULL
          ORDER BY name, id LIMIT 2`,
        [round.roundId],
      );
      const token = tokens.sign(a!.id);
      const view = (await h.http.get(`/api/ack/${token}`).expect(200)).body;
      expect(view.call).toMatchObject({ drill: false });
      const ans = (await h.http.post(`/api/ack/${token}`).send({ action: 'ack' }).expect(200)).body;
      expect(ans).toMatchObject({ status: 'acknowledged', ackLate: false, unchanged: false });
      const again = (await h.http.post(`/api/ack/${token}`).send({ action: 'ack' }).expect(200))
        .body;
      expect(again.unchanged).toBe(true);
      await h.http
        .post('/api/channels/sms/inbound')
        .set(bearer('demo-feed'))
        .send({ from: `+86${b!.phone}`, text: `${b!.code} A` })
        .expect(200);
      // The same reply again finds the call, answered and closed, and changes nothing.
      const repeat = await h.http
        .post('/api/channels/sms/inbound')
        .set(bearer('demo-feed'))
        .send({ from: `+86${b!.phone}`, text: `${b!.code} A` })
        .expect(200);
      expect(repeat.body).toMatchObject({ status: 'acknowledged', unchanged: true });
      await h.waitFor(
        'call.answered',
        2,
        (e) => (e.payload as { roundId: string }).roundId === round.roundId,
      );
      const board = (
        await h.http.get(`/api/warnings/${warningId}/calls`).set(bearer(h.duty)).expect(200)
      ).body as CallBoardDto;
      expect(board.totals).toMatchObject({ called: round.called, answered: 2, overdue: 0 });
      expect(board.bySubdistrict.map((s) => s.key)).toEqual([XINAN, XIXIANG]);
      expect(board.bySubdistrict.reduce((n, s) => n + s.called, 0)).toBe(round.called);
    });

    it('escalates unanswered calls rung by rung: repeat, backup, unit leader, district duty officer — each once', async () => {
      const calls = h.app.get(CallsService);
      h.clock.advance(11 * 60_000);
      const board = (
        await h.http.get(`/api/warnings/${warningId}/calls`).set(bearer(h.duty)).expect(200)
      ).body as CallBoardDto;
      expect(board.totals.overdue).toBe(round.called - 2);
      // Two instances' timers firing the same rung at once: one escalates.
      const first = await Promise.all([
        calls.escalate(round.roundId, 1),
        calls.escalate(round.roundId, 1),
      ]);
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await calls.escalate(round.roundId, 1)).toBe(false);
      for (const step of [2, 3, 4]) expect(await calls.escalate(round.roundId, step)).toBe(true);
      const steps = await h.waitFor(
        'calls.escalated',
        4,
        (e) => (e.payload as { roundId: string }).roundId === round.roundId,
      );
      expect(steps.map((e) => (e.payload as { step: number }).step)).toEqual([1, 2, 3, 4]);
      const byKind = await q<{ kind: string; n: string; first: Date }>(
        `SELECT n.kind, count(*) AS n, min(n.created_at) AS first FROM notifications n
          WHERE n.call_id IN (SELECT id FROM calls WHERE round_id = $1) GROUP BY n.kind`,
        [round.roundId],
      );
      const calls1 = byKind.find((k) => k.kind === 'call');
      // The original call plus one repeat per unanswered call.
      expect(Number(calls1?.n)).toBe(round.called + (round.called - 2));
      // Backups: one message per unanswered person with a backup, to the backup's phone.
      const [withBackup] = await q<{ n: string }>(
        `SELECT count(*) AS n FROM calls c JOIN responsible_persons p ON p.id = c.person_id
          WHERE c.round_id = $1 AND c.answered_at IS NULL AND p.backup_id IS NOT NULL`,
        [round.roundId],
      );
      expect(Number(byKind.find((k) => k.kind === 'call_escalation')?.n)).toBe(
        Number(withBackup?.n),
      );
      const leaders = await q<{ recipient: string }>(
        `SELECT recipient FROM notifications WHERE kind = 'call_escalation' AND call_id IS NULL
            AND recipient LIKE 'person:%' AND text LIKE '%本单位%'`,
      );
      expect(leaders.length).toBeGreaterThan(0);
      const [duty] = await q<{ address: string; text: string }>(
        `SELECT address, text FROM notifications WHERE kind = 'call_escalation'
            AND recipient = 'user:duty'`,
      );
      expect(duty?.text).toContain(`仍有${round.called - 2}人未应答`);
      // A backup may answer for the person, by SMS from the backup's phone.
      const [c] = await q<{ id: string; code: string; notified_phones: string[] }>(
        `SELECT id, code, notified_phones FROM calls WHERE round_id = $1 AND answered_at IS NULL
            AND cardinality(notified_phones) = 2 ORDER BY name LIMIT 1`,
        [round.roundId],
      );
      const res = await h.http
        .post('/api/channels/sms/inbound')
        .set(bearer('demo-feed'))
        .send({ from: c!.notified_phones[1], text: `${c!.code} A` })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'acknowledged', ackLate: true });
    });

    it('a cancel sends 解除 to everyone called, once a phone; their links are refused after', async () => {
      const [open] = await q<{ id: string }>(
        `SELECT id FROM calls WHERE round_id = $1 AND answered_at IS NULL LIMIT 1`,
        [round.roundId],
      );
      await cap(capXml({ msgType: 'Cancel', references: refOf(xml), sent: new Date() }));
      const [down] = await h.waitFor(
        'calls.stood_down',
        1,
        (e) => (e.payload as { warningId: string }).warningId === warningId,
      );
      expect((down?.payload as { count: number }).count).toBe(round.called);
      const [n] = await q<{ n: string }>(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'call_stand_down'
            AND call_id IN (SELECT id FROM calls WHERE round_id = $1)`,
        [round.roundId],
      );
      expect(Number(n?.n)).toBe(round.called);
      const res = await h.http
        .post(`/api/ack/${tokens.sign(open!.id)}`)
        .send({ action: 'ack' })
        .expect(410);
      expect(res.body.code).toBe('ACK_TOKEN_EXPIRED');
      // The duty log (its own reactor) records the round, the rungs and the stand-down.
      const logged = async (): Promise<string> =>
        (
          await q<{ text: string }>(
            `SELECT text FROM duty_log WHERE text LIKE '%叫应%' ORDER BY at, id`,
          )
        )
          .map((l) => l.text)
          .join('\n');
      const deadline = Date.now() + 10_000;
      let text = await logged();
      while (!text.includes('叫应解除') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        text = await logged();
      }
      expect(text).toMatch(/叫应（预警发布）[\s\S]*叫应升级[\s\S]*叫应解除/);
    });
  });

  it('the daily report counts the calls, answers and overdue (drills apart)', async () => {
    const settings = (
      await h.http.get('/api/incident-config/settings').set(bearer(h.duty)).expect(200)
    ).body as { reportCutoff: string };
    const local = new Date(Date.now() + 8 * 3_600_000);
    const [hh = 0, mm = 0] = settings.reportCutoff.split(':').map(Number);
    const beforeCutoff = local.getUTCHours() * 60 + local.getUTCMinutes() < hh * 60 + mm;
    const date = new Date(local.getTime() - (beforeCutoff ? 86_400_000 : 0))
      .toISOString()
      .slice(0, 10);
    const report = (
      await h.http.get(`/api/reports/daily?date=${date}`).set(bearer(h.duty)).expect(200)
    ).body as { calls: Record<string, number> };
    const [live] = await q<{ called: string; answered: string }>(
      `SELECT count(*) AS called, count(answered_at) AS answered FROM calls WHERE NOT drill`,
    );
    expect(report.calls).toMatchObject({
      called: Number(live?.called),
      answered: Number(live?.answered),
      answeredOnTime: 2,
      drills: 0,
    });
    expect(report.calls.overdue).toBe(Number(live?.called) - 2);
  });

  it('the monthly bulletin counts the same calls for the month and on the day (JSON, HTML, CSV)', async () => {
    const settings = (
      await h.http.get('/api/incident-config/settings').set(bearer(h.duty)).expect(200)
    ).body as { reportCutoff: string };
    const local = new Date(Date.now() + 8 * 3_600_000);
    const [hh = 0, mm = 0] = settings.reportCutoff.split(':').map(Number);
    const beforeCutoff = local.getUTCHours() * 60 + local.getUTCMinutes() < hh * 60 + mm;
    const date = new Date(local.getTime() - (beforeCutoff ? 86_400_000 : 0))
      .toISOString()
      .slice(0, 10);
    const month = date.slice(0, 7);
    const [live] = await q<{ called: string; answered: string }>(
      `SELECT count(*) AS called, count(answered_at) AS answered FROM calls WHERE NOT drill`,
    );
    const called = Number(live?.called);
    const answered = Number(live?.answered);
    expect(called).toBeGreaterThan(2);
    const bulletin = (
      await h.http.get(`/api/reports/monthly?month=${month}`).set(bearer(h.duty)).expect(200)
    ).body as {
      summary: { calls: Record<string, number> };
      days: { date: string; calls: number; callsAnswered: number; callsOverdue: number }[];
    };
    expect(bulletin.summary.calls).toMatchObject({
      called,
      answered,
      answeredOnTime: 2,
      overdue: called - 2,
    });
    expect(bulletin.days.find((d) => d.date === date)).toMatchObject({
      calls: called,
      callsAnswered: answered,
      callsOverdue: called - 2,
    });
    expect(
      bulletin.days.filter((d) => d.date !== date).every((d) => d.calls + d.callsAnswered === 0),
    ).toBe(true);
    const html = await h.http
      .get(`/api/reports/monthly?month=${month}&format=html`)
      .set(bearer(h.duty))
      .expect(200);
    expect(html.text).toContain(`<td>叫应</td><td>呼叫</td><td class="n">${called}</td>`);
    expect(html.text).toContain('<th>叫应呼叫</th><th>叫应应答</th><th>叫应超时</th>');
    expect(html.text).toContain(
      `<td class="n">${called}</td><td class="n">${answered}</td><td class="n">${called - 2}</td></tr>`,
    );
    const csv = await h.http
      .get(`/api/reports/monthly?month=${month}&format=csv`)
      .set(bearer(h.duty))
      .expect(200);
    expect(csv.text).toContain(`叫应,超时未应答,${called - 2}`);
    expect(csv.text).toContain('日期,事件,预警发布,调度,叫应呼叫,叫应应答,叫应超时');
    expect(csv.text).toMatch(
      new RegExp(`\\r\\n${date},\\d+,\\d+,\\d+,${called},${answered},${called - 2}\\r\\n`),
    );
  });

  it('an Exercise warning calls in drill mode only (演练 in every message)', async () => {
    await cap(capXml({ colour: '蓝', status: 'Exercise', area: '宝安区(福永街道)' }));
    const [started] = await h.waitFor(
      'calls.started',
      1,
      (e) =>
        (e.payload as CallsRoundPayload).drill &&
        (e.payload as CallsRoundPayload).reason === 'issued',
    );
    const r = started?.payload as CallsRoundPayload;
    expect(r.called).toBe(3);
    const texts = await q<{ text: string }>(
      `SELECT text FROM notifications WHERE call_id IN (SELECT id FROM calls WHERE round_id = $1)`,
      [r.roundId],
    );
    expect(texts.every((t) => t.text.includes('【演练】'))).toBe(true);
  });

  describe('drills', () => {
    it('a unit drill calls each person of the unit, marked as a drill, and never touches live responses', async () => {
      const [before] = await q<{ r: string; d: string }>(
        `SELECT (SELECT count(*) FROM responses) AS r, (SELECT count(*) FROM dispatches) AS d`,
      );
      await h.http
        .post('/api/drills')
        .set(bearer(h.commander))
        .send({ scope: 'unit', code: 'BM02' })
        .expect(403);
      const bad = await h.http
        .post('/api/drills')
        .set(bearer(h.duty))
        .send({ scope: 'unit' })
        .expect(400);
      expect(bad.body.path).toBe('body.code');
      const unknown = await h.http
        .post('/api/drills')
        .set(bearer(h.duty))
        .send({ scope: 'unit', code: 'ZZ99' })
        .expect(422);
      expect(unknown.body.path).toBe('body.code');
      const drill = (
        await h.http
          .post('/api/drills')
          .set(bearer(h.duty))
          .send({ scope: 'unit', code: 'BM02', note: '汛前测试' })
          .expect(201)
      ).body as DrillDto;
      expect(drill).toMatchObject({ scope: 'unit', code: 'BM02', called: 10, answered: 0 });
      const calls = await q<{ id: string; phone: string; code: string }>(
        `SELECT id, phone, code FROM calls WHERE drill_id = $1 ORDER BY name`,
        [drill.id],
      );
      const texts = await q<{ text: string }>(
        `SELECT text FROM notifications WHERE call_id = ANY($1::uuid[])`,
        [calls.map((c) => c.id)],
      );
      expect(texts).toHaveLength(10);
      expect(texts.every((t) => /【演练】.*连通性测试（区水务局）/.test(t.text))).toBe(true);
      h.clock.advance(42_000);
      await h.http
        .post(`/api/ack/${tokens.sign(calls[0]!.id)}`)
        .send({ action: 'ack' })
        .expect(200);
      await h.http
        .post('/api/channels/sms/inbound')
        .set(bearer('demo-feed'))
        .send({ from: calls[1]!.phone, text: `${calls[1]!.code} A` })
        .expect(200);
      const report = (
        await h.http.get(`/api/drills/${drill.id}`).set(bearer(h.commander)).expect(200)
      ).body as DrillReportDto;
      expect(report.answeredCalls.map((a) => a.seconds)).toEqual([42, 42]);
      expect(report.unanswered).toHaveLength(8);
      expect(report.medianSeconds).toBe(42);
      const [after] = await q<{ r: string; d: string }>(
        `SELECT (SELECT count(*) FROM responses) AS r, (SELECT count(*) FROM dispatches) AS d`,
      );
      expect(after).toEqual(before);
      const board = (
        await h.http.get(`/api/drills/${drill.id}/calls`).set(bearer(h.duty)).expect(200)
      ).body as CallBoardDto;
      expect(board).toMatchObject({ drill: true, totals: { called: 10, answered: 2 } });
      const list = (await h.http.get('/api/drills').set(bearer(h.commander)).expect(200))
        .body as DrillDto[];
      expect(list[0]).toMatchObject({ id: drill.id, answered: 2 });
    });
  });

  it('a reply code a phone’s open call already holds is drawn again: no call lost, no code shared', async () => {
    const drill = async () =>
      (
        await h.http
          .post('/api/drills')
          .set(bearer(h.duty))
          .send({ scope: 'unit', code: 'BM05' })
          .expect(201)
      ).body as DrillDto;
    const codes = (id: string) =>
      q<{ id: string; phone: string; code: string }>(
        `SELECT id, phone, code FROM calls WHERE drill_id = $1 ORDER BY phone`,
        [id],
      );
    const first = await drill();
    const firstCalls = await codes(first.id);
    const p = firstCalls[0]!;
    // Every other code of that phone is held by an open call: the round's first draw for it
    // almost surely collides, and only 7777 is left to give.
    await q(
      `INSERT INTO calls (id, round_id, drill_id, drill, person_id, name, phone, unit_code, duty,
                          code, called_at, deadline, notified_phones, status)
       SELECT gen_random_uuid(), c.round_id, c.drill_id, c.drill, c.person_id, c.name, c.phone,
              c.unit_code, c.duty, g::text, c.called_at, c.deadline, c.notified_phones, c.status
         FROM calls c, generate_series(1000, 9999) g
        WHERE c.id = $1 AND g::text NOT IN ('7777', c.code)`,
      [p.id],
    );
    const second = await drill();
    const secondCalls = await codes(second.id);
    expect(second.called).toBe(first.called);
    expect(secondCalls.map((c) => c.phone)).toEqual(firstCalls.map((c) => c.phone));
    expect(secondCalls.find((c) => c.phone === p.phone)?.code).toBe('7777');
    const texts = await q<{ call_id: string; text: string }>(
      `SELECT call_id, text FROM notifications WHERE call_id = ANY($1::uuid[])`,
      [secondCalls.map((c) => c.id)],
    );
    expect(texts).toHaveLength(secondCalls.length);
    for (const c of secondCalls)
      expect(texts.find((t) => t.call_id === c.id)?.text).toContain(c.code);
    // The SMS reply 7777 from that phone answers the new call.
    await h.http
      .post('/api/channels/sms/inbound')
      .set(bearer('demo-feed'))
      .send({ from: p.phone, text: '7777 A' })
      .expect(200);
    const [answered] = await q<{ status: string }>(`SELECT status FROM calls WHERE id = $1`, [
      secondCalls.find((c) => c.phone === p.phone)!.id,
    ]);
    expect(answered?.status).toBe('answered');
  });

  it('delivery health lists failed last messages, never-answered persons and persons without backup', async () => {
    const [p] = await q<{ id: string }>(
      // From the BM02 drill, whose people have one call each (another test gives a BM05
      // person thousands of filler calls and two drills' messages).
      `SELECT person_id AS id FROM calls
        WHERE drill_id IN (SELECT id FROM drills WHERE code = 'BM02') AND answered_at IS NULL
          AND person_id IS NOT NULL ORDER BY name LIMIT 1`,
    );
    // The gateway refused this person's last message (a bad number).
    await q(
      `UPDATE notifications SET status = 'pending', last_error = 'gateway answered 400'
        WHERE id = (SELECT id FROM notifications WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1)`,
      [`person:${p!.id}`],
    );
    const health = (await h.http.get('/api/delivery-health').set(bearer(h.commander)).expect(200))
      .body as DeliveryHealthDto;
    expect(health.failed.find((r) => r.id === p!.id)).toMatchObject({
      kind: 'person',
      lastError: 'gateway answered 400',
    });

    // A message the gateway took but whose delivery receipt says failed (an invalid number).
    const [r] = await q<{ id: string }>(
      `SELECT person_id AS id FROM calls
        WHERE drill_id IN (SELECT id FROM drills WHERE code = 'BM02') AND answered_at IS NULL
          AND person_id IS NOT NULL AND person_id <> $1 ORDER BY name LIMIT 1`,
      [p!.id],
    );
    await q(
      `UPDATE notifications SET status = 'delivered', delivery_state = 'failed',
              delivery_error = 'receipt UNDELIV (err 001)'
        WHERE id = (SELECT id FROM notifications WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1)`,
      [`person:${r!.id}`],
    );
    const after = (await h.http.get('/api/delivery-health').set(bearer(h.commander)).expect(200))
      .body as DeliveryHealthDto;
    expect(after.failed.find((x) => x.id === r!.id)).toMatchObject({
      kind: 'person',
      lastError: 'receipt UNDELIV (err 001)',
    });
    const [noBackup] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM responsible_persons WHERE backup_id IS NULL`,
    );
    expect(health.noBackup).toHaveLength(Number(noBackup?.n));
    expect(health.neverAnswered.length).toBeGreaterThan(0);
    expect(health.bySubdistrict.reduce((n, s) => n + s.noBackup, 0)).toBe(Number(noBackup?.n));
    await h.http.get('/api/delivery-health').set(bearer('demo-feed')).expect(401);
  });
});
