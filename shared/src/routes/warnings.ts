import {
  responseRuleSchema,
  warningsQuerySchema,
  type ResponseRuleDto,
  type WarningDetailDto,
  type WarningDto,
} from '../warnings';
import { del, get, put, shape } from './route';

/** The console's warning list and one warning with its CAP chain. */
export const warningsRoutes = {
  list: get('warnings', { query: warningsQuerySchema, response: shape<WarningDto[]>() }),
  get: get('warnings/:id', { response: shape<WarningDetailDto>() }),
};

/** The warning → response-level table: console roles read it, admins edit it. */
export const responseRulesRoutes = {
  list: get('response-rules', { response: shape<ResponseRuleDto[]>() }),
  put: put('response-rules', { body: responseRuleSchema, response: shape<ResponseRuleDto>() }),
  remove: del('response-rules/:id', { response: shape<ResponseRuleDto>() }),
};
