import type { HealthDto } from '../health';
import { get, shape } from './route';

/** Public; 200 when every dependency is up, 503 (same body) when one is down. */
export const healthRoutes = {
  get: get('health', { response: shape<HealthDto>() }),
};
