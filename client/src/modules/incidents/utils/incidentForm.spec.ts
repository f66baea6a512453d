import { createIncidentSchema, type IncidentDto } from '@sanfang/shared';
import { editBody, formFromIncident, incidentBody } from './incidentForm';

const incident: IncidentDto = {
  id: '7d7c3f7e-1a39-4a40-9d10-3f7a3c1b2f00',
  type: 'traffic',
  grade: 'larger',
  status: 'reported',
  title: '宝安大道货车侧翻',
  description: '',
  occurredAt: '2026-06-11T07:30:00.000Z',
  lon: 113.905,
  lat: 22.64,
  address: null,
  subdistrictCode: '440306002',
  casualties: { deaths: 3, seriousInjuries: 0, missing: 0, trapped: 2 },
  directLossCny: 0,
  version: 1,
  reportCount: 1,
  pointId: null,
  sensorAlarm: false,
  createdAt: '2026-06-11T07:31:00.000Z',
  statusHistory: [],
};

describe('the incident form', () => {
  it('reads Beijing wall-clock time and leaves empty fields out', () => {
    const form = formFromIncident(incident);
    expect(form.occurredAt).toBe('2026-06-11T15:30');
    const body = createIncidentSchema.parse(incidentBody({ ...form, title: '' }));
    expect(Date.parse(body.occurredAt)).toBe(Date.parse(incident.occurredAt));
    expect(body.title).toBeUndefined();
    expect(body.location).toEqual({ lon: 113.905, lat: 22.64 });
  });

  it('sends an edit of only what changed, casualties as a whole', () => {
    const form = formFromIncident(incident);
    const same = createIncidentSchema.parse(incidentBody(form));
    expect(editBody(incident, same)).toEqual({});
    const more = createIncidentSchema.parse(
      incidentBody({ ...form, casualties: { ...form.casualties, deaths: '10' } }),
    );
    expect(editBody(incident, more)).toEqual({
      casualties: { deaths: 10, seriousInjuries: 0, missing: 0, trapped: 2 },
    });
  });

  it('refuses a negative count and a missing location at their paths', () => {
    const form = formFromIncident({ ...incident, lon: null, lat: null });
    const r = createIncidentSchema.safeParse(
      incidentBody({ ...form, casualties: { ...form.casualties, deaths: '-1' } }),
    );
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['casualties.deaths', 'location']));
  });
});
