import type { IncidentEventPayload } from '@sanfang/shared';
import { event, reportingDuty } from '../../../test/consoleFactories';
import { incidentPartsToRefresh } from './refreshFor';

const payload = (incidentId: string): IncidentEventPayload => ({
  incidentId,
  type: 'traffic',
  grade: 'general',
  previousGrade: null,
  status: 'verified',
  title: 't',
  subdistrictCode: null,
  casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 },
  directLossCny: 0,
  version: 2,
  source: 'console',
});

const duty = (incidentId: string) => {
  const d = reportingDuty({ incidentId });
  return {
    incidentId,
    dutyId: d.id,
    ruleCode: d.ruleCode,
    name: d.name,
    target: d.target,
    grade: d.grade,
    dueAt: d.dueAt,
    status: d.status,
    onTime: null,
  };
};

describe(incidentPartsToRefresh.name, () => {
  it('refetches the incident and its duties when it changes, nothing for another incident', () => {
    expect([
      ...incidentPartsToRefresh('i1', [event('incident.status_changed', payload('i1'))]),
    ]).toEqual(['incident', 'duties']);
    expect(incidentPartsToRefresh('i1', [event('incident.regraded', payload('i2'))]).size).toBe(0);
  });

  it('refetches only the duties on a duty event', () => {
    expect([...incidentPartsToRefresh('i1', [event('incident.duty_overdue', duty('i1'))])]).toEqual(
      ['duties'],
    );
    expect(incidentPartsToRefresh('i1', [event('incident.duty_done', duty('i2'))]).size).toBe(0);
  });

  it('refetches the nearest teams when any team changes status', () => {
    const parts = incidentPartsToRefresh('i1', [
      event('team.status_changed', {
        teamId: 't9',
        subdistrictCode: '440306002',
        status: 'assigned',
        previousStatus: 'standby',
        incidentId: 'i2',
      }),
    ]);
    expect([...parts]).toEqual(['teams']);
  });
});
