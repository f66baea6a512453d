import type {
  ChangeIncidentStatus,
  IncidentDto,
  IncidentStatus,
  NearbyTeamDto,
  ReportingDutyDto,
} from '@sanfang/shared';
import { apiRequest } from '../../api/http';

const base = (id: string): string => `/api/incidents/${encodeURIComponent(id)}`;

export const fetchIncident = (token: string, id: string, signal?: AbortSignal) =>
  apiRequest<IncidentDto>(base(id), { token, signal });

export const fetchIncidentDuties = (token: string, id: string, signal?: AbortSignal) =>
  apiRequest<ReportingDutyDto[]>(`${base(id)}/duties`, { token, signal });

export const fetchNearestTeams = (token: string, id: string, signal?: AbortSignal) =>
  apiRequest<NearbyTeamDto[]>(`${base(id)}/teams?limit=5`, { token, signal });

export const changeIncidentStatus = (token: string, id: string, to: IncidentStatus, note: string) =>
  apiRequest<IncidentDto>(`${base(id)}/status`, {
    method: 'POST',
    token,
    body: { to, note } satisfies ChangeIncidentStatus,
  });

export const assignTeam = (token: string, id: string, teamId: string) =>
  apiRequest<NearbyTeamDto>(`${base(id)}/teams/${encodeURIComponent(teamId)}/assign`, {
    method: 'POST',
    token,
  });

export const completeDuty = (token: string, id: string, dutyId: string) =>
  apiRequest<ReportingDutyDto>(`${base(id)}/duties/${encodeURIComponent(dutyId)}/done`, {
    method: 'POST',
    token,
    body: {},
  });
