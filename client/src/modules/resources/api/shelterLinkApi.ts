import type { OccupancyUpdate, ShelterEventPayload, ShelterLinkView } from '@sanfang/shared';
import { apiRequest } from '../../api/http';

/** The manager's phone page: the link token is the credential (no sign-in). */
export const fetchShelterLink = (token: string, signal?: AbortSignal): Promise<ShelterLinkView> =>
  apiRequest<ShelterLinkView>(`/api/shelter-link/${encodeURIComponent(token)}`, { signal });

export const postShelterOccupancy = (
  token: string,
  body: Partial<OccupancyUpdate>,
): Promise<ShelterEventPayload> =>
  apiRequest<ShelterEventPayload>(`/api/shelter-link/${encodeURIComponent(token)}/occupancy`, {
    method: 'POST',
    body,
  });

/** `/shelter/<token>` → the token, else null. */
export function shelterLinkToken(pathname: string): string | null {
  const m = /^\/shelter\/([^/]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}
