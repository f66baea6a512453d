import { ackRoutes, type AckRequest, type AckViewDto } from '@sanfang/shared';
import { callApi } from '../../api/call';

/** The contact's page talks only to the public ack endpoints; the link's token is the key. */
export const fetchAck = (token: string): Promise<AckViewDto> =>
  callApi(ackRoutes.view, { params: { token } });

export const postAck = (token: string, body: AckRequest): Promise<AckViewDto> =>
  callApi(ackRoutes.answer, { params: { token }, body });
