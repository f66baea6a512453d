import {
  occupancyUpdateSchema,
  type ShelterEventPayload,
  type ShelterLinkView,
} from '../resources';
import { get, post, shape } from './route';

/** The shelter manager's phone page: the signed link is the credential. */
export const shelterLinkRoutes = {
  view: get('shelter-link/:token', { response: shape<ShelterLinkView>() }),
  occupancy: post('shelter-link/:token/occupancy', {
    body: occupancyUpdateSchema,
    response: shape<ShelterEventPayload>(),
  }),
};
