import {
  ackSchema,
  dispatchesQuerySchema,
  notificationsQuerySchema,
  smsInboundSchema,
  type AckViewDto,
  type DispatchDto,
  type DispatchMessageDto,
  type NotificationDto,
} from '../dispatch-api';
import { get, post, shape } from './route';

/** Dispatches of a response, as the signed-in user may see them. */
export const dispatchesRoutes = {
  list: get('dispatches', { query: dispatchesQuerySchema, response: shape<DispatchDto[]>() }),
  /** The messages sent for one call-out and their delivery states (console roles, by scope). */
  messages: get('dispatches/:id/messages', { response: shape<DispatchMessageDto[]>() }),
};

/** The contact's public ack page; the link's token is the key. */
export const ackRoutes = {
  view: get('ack/:token', { response: shape<AckViewDto>() }),
  answer: post('ack/:token', { status: 200, body: ackSchema, response: shape<AckViewDto>() }),
};

/** The SMS gateway's inbound replies (feed credential). */
export const smsRoutes = {
  inbound: post('channels/sms/inbound', {
    status: 200,
    body: smsInboundSchema,
    response: shape<AckViewDto>(),
  }),
};

/** The notification log (admin). */
export const notificationsRoutes = {
  list: get('notifications', {
    query: notificationsQuerySchema,
    response: shape<NotificationDto[]>(),
  }),
};
