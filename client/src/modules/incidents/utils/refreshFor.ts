import type { EventEnvelope } from '@sanfang/shared';

export type IncidentPart = 'incident' | 'duties' | 'teams';

// A new grade starts (and supersedes) duties, and closing ends the follow-ups: both parts.
const INCIDENT_CHANGES = new Set<string>([
  'incident.reported',
  'incident.updated',
  'incident.regraded',
  'incident.status_changed',
]);
const DUTY_CHANGES = new Set<string>([
  'incident.duty_started',
  'incident.duty_done',
  'incident.duty_overdue',
  'incident.duty_escalated',
  'incident.duty_superseded',
]);

/** Which parts of one incident's details a batch of live events has made stale. */
export function incidentPartsToRefresh(
  incidentId: string,
  events: readonly EventEnvelope[],
): Set<IncidentPart> {
  const parts = new Set<IncidentPart>();
  for (const e of events) {
    // Any team leaving or returning to standby changes who is nearest and available.
    if (e.type === 'incident.team_assigned' || e.type === 'team.status_changed') {
      parts.add('teams');
      continue;
    }
    if (!('incidentId' in e.payload) || e.payload.incidentId !== incidentId) continue;
    if (INCIDENT_CHANGES.has(e.type)) parts.add('incident').add('duties');
    else if (e.type === 'incident.report_merged') parts.add('incident');
    else if (DUTY_CHANGES.has(e.type)) parts.add('duties');
  }
  return parts;
}
