export const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

export class FetchError extends Error {}

export interface Fetched {
  status: number;
  /** The body as UTF-8 text (indexes). */
  body: string;
  /** The body's bytes as received (CAP messages are decoded by their own rules). */
  bytes: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** Hosts are compared as host[:port], lower case. */
export function hostAllowed(url: string, allowed: string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return allowed.map((h) => h.toLowerCase()).includes(u.host.toLowerCase());
}

/**
 * GET with a timeout, a size cap and no redirects (a redirect could leave the allow-list).
 * Conditional when validators are given.
 */
export async function fetchText(
  url: string,
  allowed: string[],
  validators: { etag?: string | null; lastModified?: string | null } = {},
): Promise<Fetched> {
  if (!hostAllowed(url, allowed))
    throw new FetchError(`host of ${url} is not on the feed's allow-list`);
  const headers: Record<string, string> = {
    accept: 'application/cap+xml, application/atom+xml, application/rss+xml, application/xml',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let res: Response;
  try {
    res = await fetch(url, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new FetchError(`GET ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (res.status === 304)
    return {
      status: 304,
      body: '',
      bytes: Buffer.alloc(0),
      contentType: null,
      etag: validators.etag ?? null,
      lastModified: validators.lastModified ?? null,
    };
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new FetchError(`GET ${url} answered ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) {
    await res.body?.cancel();
    throw new FetchError(`GET ${url}: body larger than 1 MiB`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new FetchError(`GET ${url}: body larger than 1 MiB`);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  return {
    status: 200,
    body: bytes.toString('utf8'),
    bytes,
    contentType: res.headers.get('content-type'),
    etag: res.headers.get('etag'),
    lastModified: res.headers.get('last-modified'),
  };
}
