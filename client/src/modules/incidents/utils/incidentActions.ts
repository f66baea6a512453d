import {
  INCIDENT_STATUSES,
  type IncidentStatus,
  type ReportingDutyDto,
  type Role,
} from '@sanfang/shared';

// The roles on the acting routes of server/src/incidents/incidents.controller.ts (status,
// team assignment, duty done); every other console role only reads.
const ACTOR_ROLES: readonly Role[] = ['duty_officer', 'commander'];

export const canActOnIncidents = (role: Role): boolean => ACTOR_ROLES.includes(role);

export type LaterStatus = Exclude<IncidentStatus, 'reported'>;

/** The server moves an incident forward only (INCIDENT_STATUS_INVALID otherwise). */
export function laterStatuses(status: IncidentStatus): LaterStatus[] {
  return INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(status) + 1).filter(
    (s): s is LaterStatus => s !== 'reported',
  );
}

/** Pending or overdue: the server still accepts "done" for it. */
export const isOpenDuty = (d: ReportingDutyDto): boolean =>
  d.status === 'pending' || d.status === 'overdue';

/** Open duties first, soonest due first; then the finished ones, latest first. */
export function dutyOrder(duties: readonly ReportingDutyDto[]): ReportingDutyDto[] {
  return [...duties].sort((a, b) => {
    const open = Number(isOpenDuty(b)) - Number(isOpenDuty(a));
    if (open !== 0) return open;
    return isOpenDuty(a) ? a.dueAt.localeCompare(b.dueAt) : b.dueAt.localeCompare(a.dueAt);
  });
}

/** The later of two copies of one incident (live event vs fetched), by version. */
export function newerIncident<T extends { version: number }>(a?: T, b?: T): T | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.version > a.version ? b : a;
}
