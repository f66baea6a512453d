import {
  shelterLinkRoutes,
  type OccupancyUpdate,
  type ShelterEventPayload,
  type ShelterLinkView,
} from '@sanfang/shared';
import { callApi } from '../../api/call';

/** The manager's phone page: the link token is the credential (no sign-in). */
export const fetchShelterLink = (token: string, signal?: AbortSignal): Promise<ShelterLinkView> =>
  callApi(shelterLinkRoutes.view, { params: { token }, signal });

export const postShelterOccupancy = (
  token: string,
  body: Partial<OccupancyUpdate>,
): Promise<ShelterEventPayload> =>
  callApi(shelterLinkRoutes.occupancy, { params: { token }, body });

/** `/shelter/<token>` → the token, else null. */
export function shelterLinkToken(pathname: string): string | null {
  const m = /^\/shelter\/([^/]+)\/?$/.exec(pathname);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}
