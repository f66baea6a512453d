import type { ClientConfigDto } from '../client-config';
import { get, shape } from './route';

/** Public: what the client needs before sign-in (the basemap). */
export const clientConfigRoutes = {
  get: get('client-config', { response: shape<ClientConfigDto>() }),
};
