import { incidentsRoutes, type IncidentStatus } from '@sanfang/shared';
import { callApi } from '../../api/call';

export const fetchIncident = (token: string, id: string, signal?: AbortSignal) =>
  callApi(incidentsRoutes.get, { params: { id }, token, signal });

export const fetchIncidentDuties = (token: string, id: string, signal?: AbortSignal) =>
  callApi(incidentsRoutes.dutyList, { params: { id }, token, signal });

export const fetchNearestTeams = (token: string, id: string, signal?: AbortSignal) =>
  callApi(incidentsRoutes.nearestTeams, { params: { id }, query: { limit: '5' }, token, signal });

export const changeIncidentStatus = (token: string, id: string, to: IncidentStatus, note: string) =>
  callApi(incidentsRoutes.status, { params: { id }, body: { to, note }, token });

export const assignTeam = (token: string, id: string, teamId: string) =>
  callApi(incidentsRoutes.assign, { params: { id, teamId }, token });

export const completeDuty = (token: string, id: string, dutyId: string) =>
  callApi(incidentsRoutes.dutyDone, { params: { id, dutyId }, body: {}, token });
