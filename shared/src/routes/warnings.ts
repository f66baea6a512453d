import { warningsQuerySchema, type WarningDetailDto, type WarningDto } from '../warnings';
import { get, shape } from './route';

/** The console's warning list and one warning with its CAP chain. */
export const warningsRoutes = {
  list: get('warnings', { query: warningsQuerySchema, response: shape<WarningDto[]>() }),
  get: get('warnings/:id', { response: shape<WarningDetailDto>() }),
};
