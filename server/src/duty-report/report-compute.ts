import {
  type CallEventPayload,
  type CallsEscalatedPayload,
  type CallsRoundPayload,
  type DispatchEventPayload,
  type DutyReport,
  type EventType,
  type IncidentGrade,
  type IncidentType,
  levelRank,
  type ResponseEventPayload,
  type ShelterEventPayload,
  type TeamStatusPayload,
  type UpwardReportPayload,
  type WarningEventPayload,
} from '@sanfang/shared';

export interface ReportEvent {
  type: EventType;
  payload: unknown;
}
export interface ReportIncident {
  id: string;
  type: IncidentType;
  grade: IncidentGrade;
  deaths: number;
}
export interface ReportDuty {
  incidentId: string;
  target: 'leader_on_duty' | 'district' | 'city';
  status: 'pending' | 'done' | 'overdue' | 'superseded';
  onTime: boolean | null;
  /** Falls due inside the window (and already past). */
  dueInWindow: boolean;
}

/** Reports sent per recipient (a report to three duty rooms counts once for each), late, missed. */
function upward(sent: UpwardReportPayload[], due: ReportDuty[]): DutyReport['upwardReports'] {
  const byRecipient: Record<string, number> = {};
  for (const r of sent) for (const who of r.recipients) bump(byRecipient, who);
  return {
    sent: sent.length,
    byRecipient,
    late: sent.filter((r) => r.late).length,
    missed: due.filter((d) => d.status !== 'done').length,
  };
}

/** 叫应: calls made, answered (on time), unanswered at the first rung; drill rounds apart. */
export function callCounts(events: ReportEvent[]): DutyReport['calls'] {
  const of = <P>(t: EventType): P[] =>
    events.filter((e) => e.type === t).map((e) => e.payload as P);
  const rounds = of<CallsRoundPayload>('calls.started');
  const answers = of<CallEventPayload>('call.answered').filter((a) => !a.drill);
  return {
    called: rounds.filter((r) => !r.drill).reduce((n, r) => n + r.called, 0),
    answered: answers.length,
    answeredOnTime: answers.filter((a) => !a.late).length,
    // Unanswered when the window closed: the first rung of each live round.
    overdue: of<CallsEscalatedPayload>('calls.escalated')
      .filter((e) => !e.drill && e.step === 1)
      .reduce((n, e) => n + e.count, 0),
    drills: rounds.filter((r) => r.reason === 'drill').length,
  };
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d);
const bump = <K extends string>(r: Partial<Record<K, number>>, k: K): void => {
  r[k] = (r[k] ?? 0) + 1;
};

/**
 * The duty report's figures, from the window's events (other features' payloads, fixed in
 * shared/) and the incidents opened in it with their reporting duties. Pure: tested against
 * a hand-computed fixture day.
 */
export function computeReport(
  title: string,
  from: Date,
  to: Date,
  events: ReportEvent[],
  incidents: ReportIncident[],
  duties: ReportDuty[],
): DutyReport {
  const of = <P>(t: EventType): P[] =>
    events.filter((e) => e.type === t).map((e) => e.payload as P);

  const byType: DutyReport['incidents']['byType'] = {};
  const byGrade: DutyReport['incidents']['byGrade'] = {};
  for (const i of incidents) {
    bump(byType, i.type);
    bump(byGrade, i.grade);
  }
  const live = duties.filter((d) => d.status !== 'superseded');
  const withTarget = (t: ReportDuty['target']): number =>
    new Set(live.filter((d) => d.target === t).map((d) => d.incidentId)).size;
  const due = live.filter((d) => d.dueInWindow);
  const onTime = due.filter((d) => d.status === 'done' && d.onTime === true).length;

  const issued = of<WarningEventPayload>('warning.issued');
  const issuedBySignal: Record<string, number> = {};
  for (const w of issued.filter((x) => x.status === 'Actual'))
    bump(issuedBySignal, `${w.hazard}/${w.colour ?? '-'}`);

  const highestLevel: Record<string, string> = {};
  for (const r of [
    ...of<ResponseEventPayload>('response.started'),
    ...of<ResponseEventPayload>('response.level_changed'),
  ]) {
    const cur = highestLevel[r.hazard];
    if (cur === undefined || levelRank(r.level) > levelRank(cur as ResponseEventPayload['level']))
      highestLevel[r.hazard] = r.level;
  }

  const created = of<DispatchEventPayload>('dispatch.created').length;
  const acks = of<DispatchEventPayload>('dispatch.acknowledged');
  const arrivals = of<DispatchEventPayload>('dispatch.arrived');

  const shelterEvents = [
    ...of<ShelterEventPayload>('shelter.opened'),
    ...of<ShelterEventPayload>('shelter.occupancy_updated'),
    ...of<ShelterEventPayload>('shelter.closed'),
  ];
  const peak = new Map<string, number>();
  for (const s of shelterEvents)
    peak.set(s.shelterId, Math.max(peak.get(s.shelterId) ?? 0, s.occupancy));
  const opened = of<ShelterEventPayload>('shelter.opened');
  const capacity = new Map(opened.map((s) => [s.shelterId, s.capacity]));

  const teamChanges = of<TeamStatusPayload>('team.status_changed');
  const deployedStatuses = new Set(['assigned', 'en_route', 'on_scene']);

  return {
    title,
    from: from.toISOString(),
    to: to.toISOString(),
    incidents: {
      total: incidents.length,
      byType,
      byGrade,
      deaths: incidents.reduce((s, i) => s + i.deaths, 0),
      escalatedToDistrict: withTarget('district'),
      reportedToCity: withTarget('city'),
      dutiesDue: due.length,
      dutiesOnTime: onTime,
      onTimeRate: rate(onTime, due.length),
    },
    warnings: {
      issued: issued.length,
      updated: of('warning.updated').length,
      cancelled: of('warning.cancelled').length,
      expired: of('warning.expired').length,
      retracted: of('warning.retracted').length,
      issuedBySignal,
    },
    responses: {
      started: of('response.started').length,
      levelChanged: of('response.level_changed').length,
      ended: of('response.ended').length,
      highestLevel,
    },
    dispatch: {
      created,
      acknowledged: acks.length,
      acknowledgedOnTime: acks.filter((a) => !a.late).length,
      ackRate: rate(acks.length, created),
      arrived: arrivals.length,
      arrivedOnTime: arrivals.filter((a) => !a.late).length,
      onTimeArrivalRate: rate(arrivals.filter((a) => !a.late).length, arrivals.length),
      escalated: of('dispatch.escalated').length,
    },
    shelters: {
      opened: opened.length,
      closed: of('shelter.closed').length,
      peakOccupancy: [...peak.values()].reduce((a, b) => a + b, 0),
      capacityOpened: [...capacity.values()].reduce((a, b) => a + b, 0),
    },
    teams: {
      deployed: new Set(
        teamChanges.filter((t) => deployedStatuses.has(t.status)).map((t) => t.teamId),
      ).size,
      assignments: teamChanges.filter((t) => t.status === 'assigned' && t.incidentId !== null)
        .length,
    },
    calls: callCounts(events),
    instructions: {
      received: of('instruction.received').length,
      answered: of('instruction.answered').length,
      closed: of('instruction.closed').length,
      overdue: of('instruction.overdue').length,
    },
    upwardReports: upward(of<UpwardReportPayload>('upward_report.recorded'), due),
  };
}
