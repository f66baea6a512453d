import { ROLES } from '@sanfang/shared';
import { incident, reportingDuty } from '../../../test/consoleFactories';
import { canActOnIncidents, dutyOrder, laterStatuses, newerIncident } from './incidentActions';

describe(canActOnIncidents.name, () => {
  it('lets duty officers and commanders act, as the server routes do; admins only read', () => {
    expect(ROLES.filter(canActOnIncidents)).toEqual(['duty_officer', 'commander']);
  });
});

describe(laterStatuses.name, () => {
  it('offers only moves forward, which is all the server accepts', () => {
    expect(laterStatuses('reported')).toEqual(['verified', 'responding', 'resolved', 'closed']);
    expect(laterStatuses('responding')).toEqual(['resolved', 'closed']);
    expect(laterStatuses('closed')).toEqual([]);
  });
});

describe(dutyOrder.name, () => {
  it('puts open duties first, soonest due first, then finished ones', () => {
    const done = reportingDuty({ id: 'done', status: 'done', dueAt: '2025-06-11T07:05:00Z' });
    const later = reportingDuty({ id: 'later', dueAt: '2025-06-11T07:40:00Z' });
    const overdue = reportingDuty({
      id: 'overdue',
      status: 'overdue',
      dueAt: '2025-06-11T07:10:00Z',
    });
    expect(dutyOrder([done, later, overdue]).map((d) => d.id)).toEqual([
      'overdue',
      'later',
      'done',
    ]);
  });
});

describe(newerIncident.name, () => {
  it('keeps the copy with the higher version, whichever side it is on', () => {
    const v1 = incident({ version: 1, status: 'reported' });
    const v2 = incident({ version: 2, status: 'verified' });
    expect(newerIncident(v1, v2)).toBe(v2);
    expect(newerIncident(v2, v1)).toBe(v2);
    expect(newerIncident(undefined, v1)).toBe(v1);
    expect(newerIncident(v1, undefined)).toBe(v1);
  });
});
