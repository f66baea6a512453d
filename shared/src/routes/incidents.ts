import type { IncidentPreviewDto } from '../incidents';
import {
  changeStatusSchema,
  completeDutySchema,
  createIncidentSchema,
  editIncidentSchema,
  listIncidentsQuerySchema,
  nearestTeamsQuerySchema,
  type IncidentDto,
  type IncidentIntakeResult,
  type IncidentReportDto,
  type IncidentVersionDto,
  type NearbyTeamDto,
  type ReportingDutyDto,
} from '../incidents';
import { get, patch, post, shape } from './route';

/** The console's incident desk. */
export const incidentsRoutes = {
  list: get('incidents', { query: listIncidentsQuerySchema, response: shape<IncidentDto[]>() }),
  create: post('incidents', {
    body: createIncidentSchema,
    response: shape<IncidentIntakeResult>(),
  }),
  /** Side-effect free: the grade and the duties a `create` with this body would start. */
  preview: post('incidents/preview', {
    status: 200,
    body: createIncidentSchema,
    response: shape<IncidentPreviewDto>(),
  }),
  get: get('incidents/:id', { response: shape<IncidentDto>() }),
  edit: patch('incidents/:id', { body: editIncidentSchema, response: shape<IncidentDto>() }),
  status: post('incidents/:id/status', {
    body: changeStatusSchema,
    response: shape<IncidentDto>(),
  }),
  versions: get('incidents/:id/versions', { response: shape<IncidentVersionDto[]>() }),
  reports: get('incidents/:id/reports', { response: shape<IncidentReportDto[]>() }),
  dutyList: get('incidents/:id/duties', { response: shape<ReportingDutyDto[]>() }),
  dutyDone: post('incidents/:id/duties/:dutyId/done', {
    body: completeDutySchema,
    response: shape<ReportingDutyDto>(),
  }),
  nearestTeams: get('incidents/:id/teams', {
    query: nearestTeamsQuerySchema,
    response: shape<NearbyTeamDto[]>(),
  }),
  assign: post('incidents/:id/teams/:teamId/assign', { response: shape<NearbyTeamDto>() }),
};
