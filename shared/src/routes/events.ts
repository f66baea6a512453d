import { eventsQuerySchema, type EventsPage } from '../events';
import { get, shape } from './route';

/** The event log after `after`, as this user may see it. */
export const eventsRoutes = {
  page: get('events', { query: eventsQuerySchema, response: shape<EventsPage>() }),
};
