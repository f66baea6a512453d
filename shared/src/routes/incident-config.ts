import {
  dutyRuleSchema,
  incidentSettingsSchema,
  type DutyRuleDto,
  type IncidentSettings,
} from '../incidents';
import { get, put, shape } from './route';

/** Reporting duty rules and incident settings: the console reads, admins edit. */
export const incidentConfigRoutes = {
  rules: get('incident-config/duties', { response: shape<DutyRuleDto[]>() }),
  putRule: put('incident-config/duties/:code', {
    body: dutyRuleSchema,
    response: shape<DutyRuleDto>(),
  }),
  settings: get('incident-config/settings', { response: shape<IncidentSettings>() }),
  putSettings: put('incident-config/settings', {
    body: incidentSettingsSchema,
    response: shape<IncidentSettings>(),
  }),
};
