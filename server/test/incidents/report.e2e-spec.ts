import type { DispatchEventPayload, EventMap, EventType } from '@sanfang/shared';
import { CLOCK, type Clock } from '../../src/core/clock';
import { EventLog } from '../../src/events/event-log.service';
import { Reactors } from '../../src/events/reactors.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { FEED, report } from './helpers';

/** The duty day whose window is centred on now: cutoff 12 h before the current hour. */
function fixtureDay(): { date: string; cutoff: string; end: Date } {
  const now = Date.now();
  const cutoffHour = (new Date(now + 8 * 3_600_000).getUTCHours() + 12) % 24;
  const cutoff = `${String(cutoffHour).padStart(2, '0')}:00`;
  // The window [date cutoff, +24 h) that contains now.
  const local = new Date(now + 8 * 3_600_000);
  let start =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), cutoffHour) -
    8 * 3_600_000;
  if (start > now) start -= 86_400_000;
  const date = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10);
  return { date, cutoff, end: new Date(start + 86_400_000) };
}

const dispatch = (id: string, late?: boolean): DispatchEventPayload => ({
  dispatchId: id,
  responseId: 'r1',
  pointId: 'p1',
  contactId: 'c1',
  role: 'onsite_lead',
  status: 'notified',
  ...(late === undefined ? {} : { late }),
});

describe('GET /api/reports/daily', () => {
  let t: TestApp;
  let duty: string;
  const day = fixtureDay();

  beforeAll(async () => {
    t = await createTestApp();
    duty = await t.login('duty');
    const admin = await t.login('admin');
    await t.http.put('/api/incident-config/settings').set('Authorization', `Bearer ${admin}`).send({
      stormMode: false,
      mergeDistanceM: 300,
      mergeWindowMinutes: 60,
      sensorHysteresisM: 0.05,
      reportCutoff: day.cutoff,
    });
    // The fixture day: what the other features emit, through the one event log.
    const emit = <K extends EventType>(type: K, payload: EventMap[K]) =>
      t.app.get(EventLog).write('fixture', (tx) => tx.emit(type, payload));
    const w = (
      hazard: string,
      colour: 'yellow' | 'orange' | 'red',
      status: 'Actual' | 'Exercise' = 'Actual',
    ) => ({
      warningId: `${hazard}-${colour}`,
      hazard,
      colour,
      status,
      headline: '',
      subdistrictCodes: [],
    });
    await emit('warning.issued', w('rainstorm', 'yellow'));
    await emit('warning.issued', w('rainstorm', 'orange'));
    await emit('warning.issued', w('typhoon', 'red', 'Exercise'));
    await emit('warning.updated', w('rainstorm', 'orange'));
    await emit('warning.cancelled', w('rainstorm', 'orange'));
    const resp = {
      responseId: 'r1',
      hazard: 'flood' as const,
      subdistrictCodes: [],
      reason: '',
      preemptive: false,
      warningId: null,
    };
    await emit('response.started', { ...resp, level: 'IV', previousLevel: null });
    await emit('response.level_changed', { ...resp, level: 'III', previousLevel: 'IV' });
    await emit('response.ended', { ...resp, level: 'III', previousLevel: null });
    for (const id of ['d1', 'd2', 'd3', 'd4']) await emit('dispatch.created', dispatch(id));
    await emit('dispatch.acknowledged', dispatch('d1', false));
    await emit('dispatch.acknowledged', dispatch('d2', true));
    await emit('dispatch.acknowledged', dispatch('d3', false));
    await emit('dispatch.arrived', dispatch('d1', false));
    await emit('dispatch.arrived', dispatch('d2', true));
    await emit('dispatch.escalated', dispatch('d4'));
    const sh = (
      shelterId: string,
      status: 'open' | 'closed',
      occupancy: number,
      capacity: number,
    ) => ({
      shelterId,
      subdistrictCode: '440306001',
      status,
      occupancy,
      capacity,
    });
    await emit('shelter.opened', sh('s1', 'open', 0, 500));
    await emit('shelter.occupancy_updated', sh('s1', 'open', 120, 500));
    await emit('shelter.occupancy_updated', sh('s1', 'open', 80, 500));
    await emit('shelter.opened', sh('s2', 'open', 10, 300));
    await emit('shelter.closed', sh('s2', 'closed', 0, 300));
    const team = (teamId: string, status: 'assigned' | 'en_route', incidentId: string | null) => ({
      teamId,
      subdistrictCode: '440306001',
      status,
      previousStatus: 'standby' as const,
      incidentId,
    });
    await emit('team.status_changed', team('t1', 'assigned', 'i-x'));
    await emit('team.status_changed', team('t1', 'en_route', 'i-x'));
    await emit('team.status_changed', team('t2', 'assigned', null));
    // Two incidents: 一般 waterlogging (2 duties) and 较大 traffic with 3 deaths (5 duties).
    const a = await t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(report());
    await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .send(
        report({
          type: 'traffic',
          casualties: { deaths: 3, seriousInjuries: 0, missing: 0, trapped: 0 },
        }),
      );
    const duties = await t.http
      .get(`/api/incidents/${a.body.incident.id}/duties`)
      .set('Authorization', `Bearer ${duty}`);
    const leader = (duties.body as { id: string; ruleCode: string }[]).find(
      (d) => d.ruleCode === 'leader_notify',
    );
    await t.http
      .post(`/api/incidents/${a.body.incident.id}/duties/${leader!.id}/done`)
      .set('Authorization', `Bearer ${duty}`)
      .send({});
    // The done duty becomes an upward-report record through the duty desk's reactor: wait
    // for it, or the month's row races it.
    await t.app.get(Reactors).drain();
    // Report as at the end of the duty day: every duty has fallen due.
    jest.spyOn(t.app.get<Clock>(CLOCK), 'now').mockReturnValue(new Date(day.end.getTime() - 1));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('requires authentication', async () => {
    expect((await t.http.get(`/api/reports/daily?date=${day.date}`)).status).toBe(401);
  });

  it('matches the hand-computed fixture day', async () => {
    const res = await t.http
      .get(`/api/reports/daily?date=${day.date}`)
      .set('Authorization', `Bearer ${duty}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      incidents: {
        total: 2,
        byType: { waterlogging: 1, traffic: 1 },
        byGrade: { general: 1, larger: 1 },
        deaths: 3,
        escalatedToDistrict: 2,
        reportedToCity: 1,
        dutiesDue: 7,
        dutiesOnTime: 1,
        onTimeRate: 1 / 7,
      },
      warnings: {
        issued: 3,
        updated: 1,
        cancelled: 1,
        expired: 0,
        retracted: 0,
        issuedBySignal: { 'rainstorm/yellow': 1, 'rainstorm/orange': 1 },
      },
      responses: { started: 1, levelChanged: 1, ended: 1, highestLevel: { flood: 'III' } },
      dispatch: {
        created: 4,
        acknowledged: 3,
        acknowledgedOnTime: 2,
        ackRate: 0.75,
        arrived: 2,
        arrivedOnTime: 1,
        onTimeArrivalRate: 0.5,
        escalated: 1,
      },
      shelters: { opened: 2, closed: 1, peakOccupancy: 130, capacityOpened: 800 },
      teams: { deployed: 2, assignments: 1 },
    });
  });

  it('counts nothing for the day before', async () => {
    const prev = new Date(Date.parse(`${day.date}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const res = await t.http
      .get(`/api/reports/daily?date=${prev}`)
      .set('Authorization', `Bearer ${duty}`);
    expect(res.body.incidents.total).toBe(0);
    expect(res.body.dispatch.created).toBe(0);
  });

  it('prints as Chinese HTML and exports CSV', async () => {
    const html = await t.http
      .get(`/api/reports/daily?date=${day.date}&format=html`)
      .set('Authorization', `Bearer ${duty}`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('每日值班情况');
    expect(html.text).toMatch(/<td>调度<\/td><td>叫应率<\/td><td class="n">75\.0%<\/td>/);
    const csv = await t.http
      .get(`/api/reports/daily?date=${day.date}&format=csv`)
      .set('Authorization', `Bearer ${duty}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('调度,按时到岗率,50.0%');
  });

  it('rejects a malformed date', async () => {
    const res = await t.http
      .get('/api/reports/daily?date=2025-13-01')
      .set('Authorization', `Bearer ${duty}`);
    expect(res.status).toBe(400);
    expect(res.body.path).toBe('query.date');
  });

  it('sums the month, with the fixture day in its daily rows', async () => {
    const month = day.date.slice(0, 7);
    const res = await t.http
      .get(`/api/reports/monthly?month=${month}`)
      .set('Authorization', `Bearer ${duty}`);
    expect(res.status).toBe(200);
    expect(res.body.summary.incidents.total).toBe(2);
    expect(res.body.summary.dispatch.ackRate).toBe(0.75);
    expect((res.body.days as { date: string }[]).find((d) => d.date === day.date)).toEqual({
      date: day.date,
      incidents: 2,
      warningsIssued: 3,
      dispatches: 4,
      instructions: 0,
      // The fixture day's completed reporting duty is a record of a report sent upward.
      upwardReports: 1,
      calls: 0,
      callsAnswered: 0,
      callsOverdue: 0,
    });
  });
});
