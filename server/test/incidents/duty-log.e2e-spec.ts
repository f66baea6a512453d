import { DataSource } from 'typeorm';
import { EventLog } from '../../src/events/event-log.service';
import { Reactors } from '../../src/events/reactors.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { FEED, report } from './helpers';

describe('GET/POST /api/duty-log', () => {
  let t: TestApp;
  let duty: string;
  beforeAll(async () => {
    t = await createTestApp();
    duty = await t.login('duty');
  });
  afterAll(() => t.close());

  it('requires authentication', async () => {
    expect((await t.http.get('/api/duty-log')).status).toBe(401);
    expect((await t.http.post('/api/duty-log').send({ text: 'x' })).status).toBe(401);
  });

  it('copies every event of the shift into the log as a readable line, once', async () => {
    await t.app.get(EventLog).write('warnings', (tx) =>
      tx.emit('warning.issued', {
        warningId: 'w1',
        hazard: 'rainstorm',
        colour: 'yellow',
        status: 'Actual',
        headline: '深圳市气象台发布暴雨黄色预警',
        subdistrictCodes: [],
      }),
    );
    await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .send(report({ title: '西乡下穿通道车辆被困' }));
    await t.app.get(Reactors).drain();
    await t.app.get(Reactors).drain();
    const res = await t.http.get('/api/duty-log').set('Authorization', `Bearer ${duty}`);
    expect(res.status).toBe(200);
    const body = res.body as { text: string; eventSeq: number | null }[];
    const texts = body.map((e) => e.text);
    expect(texts).toContain('预警发布：深圳市气象台发布暴雨黄色预警');
    expect(texts.filter((x) => x.startsWith('事件接报：西乡下穿通道车辆被困'))).toHaveLength(1);
    expect(texts.some((x) => x.startsWith('报送任务开始：电话报告带班领导'))).toBe(true);
    const seqs = body.map((e) => e.eventSeq).filter(Boolean);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('takes entries, corrections that name the old entry, and the handover note', async () => {
    const entry = await t.http
      .post('/api/duty-log')
      .set('Authorization', `Bearer ${duty}`)
      .send({ text: '15:40 接区领导指示：加强下穿通道巡查' });
    expect(entry.status).toBe(201);
    const fix = await t.http
      .post('/api/duty-log')
      .set('Authorization', `Bearer ${duty}`)
      .send({ text: '更正：指示时间为15:45', correctsId: entry.body.id });
    expect(fix.body).toMatchObject({ kind: 'correction', correctsId: entry.body.id });
    const bad = await t.http
      .post('/api/duty-log')
      .set('Authorization', `Bearer ${duty}`)
      .send({ text: '更正', correctsId: 999_999 });
    expect(bad.status).toBe(400);
    const hand = await t.http
      .post('/api/duty-log/handover')
      .set('Authorization', `Bearer ${duty}`)
      .send({ toOfficer: '李四', note: '夜班平稳', openItems: ['西乡积水点持续监测'] });
    expect(hand.body.kind).toBe('handover');
    expect(hand.body.text).toContain('李四');
    await t.app.get(Reactors).drain();
    const log = await t.http.get('/api/duty-log').set('Authorization', `Bearer ${duty}`);
    const rows = log.body as { id: number; text: string }[];
    const old = rows.find((e) => e.id === entry.body.id);
    expect(old?.text).toBe('15:40 接区领导指示：加强下穿通道巡查');
    // Officer entries appear once (not again as copies of their own event).
    expect(rows.filter((e) => e.text.includes('夜班平稳'))).toHaveLength(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const ds = t.app.get(DataSource);
    await expect(ds.query(`UPDATE duty_log SET text = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM duty_log`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`TRUNCATE duty_log`)).rejects.toThrow(/append-only/);
    const rows = await ds.query(`SELECT count(*)::int AS n FROM duty_log WHERE text = 'edited'`);
    expect(rows[0].n).toBe(0);
  });
});
