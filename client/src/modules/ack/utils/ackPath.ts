/** The token of an ack link `/ack/<token>`, or null when the path is not one. */
export function ackTokenFromPath(pathname: string): string | null {
  const m = /^\/ack\/([A-Za-z0-9_-]{1,200})\/?$/.exec(pathname);
  return m?.[1] ?? null;
}
