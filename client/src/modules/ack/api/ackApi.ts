import type { AckRequest, AckViewDto } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

/** The contact's page talks only to the public ack endpoints; the link's token is the key. */
export const fetchAck = (token: string): Promise<AckViewDto> =>
  apiRequest<AckViewDto>(`/api/ack/${encodeURIComponent(token)}`);

export const postAck = (token: string, body: AckRequest): Promise<AckViewDto> =>
  apiRequest<AckViewDto>(`/api/ack/${encodeURIComponent(token)}`, { method: 'POST', body });
