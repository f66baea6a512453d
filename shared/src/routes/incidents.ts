import type { IncidentPreviewDto } from '../incidents';
import {
  changeStatusSchema,
  completeDutySchema,
  createIncidentSchema,
  editIncidentSchema,
  listIncidentsQuerySchema,
  nearestTeamsQuerySchema,
  incidentFeedSchema,
  sensorFeedSchema,
  type IncidentDto,
  type IncidentIntakeResult,
  type IncidentReportDto,
  type IncidentVersionDto,
  type NearbyTeamDto,
  type ReportingDutyDto,
  type SensorFeedResult,
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

/**
 * Machine feeds (feed token): incident reports from other systems (201 new, 200 with the
 * existing incident for a repeat) and ponding-depth sensors.
 */
export const incidentFeedsRoutes = {
  incident: post('feeds/incidents', {
    body: incidentFeedSchema,
    response: shape<IncidentIntakeResult>(),
  }),
  sensor: post('feeds/sensors', { body: sensorFeedSchema, response: shape<SensorFeedResult>() }),
};
