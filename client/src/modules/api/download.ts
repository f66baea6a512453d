import { routeUrl, type Route } from '@sanfang/shared';
import { ApiRequestError } from './apiRequestError';
import { toApiRequestError } from './http';

/**
 * A route's text answer (a printable HTML report, a CSV) fetched as the session and handed to
 * the browser as a file download: a plain link could not carry the bearer token.
 */
export async function downloadRoute(
  route: Route,
  query: Readonly<Record<string, string | undefined>>,
  token: string,
  fileName: string,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(routeUrl(route, {}, query), {
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiRequestError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : '');
  }
  if (!response.ok) throw await toApiRequestError(response);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
