import { join } from 'node:path';
import { type RequestHandler, Router, static as serveStatic } from 'express';

/** Paths the client never answers: the API (incl. its docs), metrics and socket.io. */
const NOT_CLIENT = /^\/(api|metrics|socket\.io)(\/|$)/;

/**
 * The built client from `dist`: hashed `/assets/*` cached for a year, everything else (index.html
 * at `/` and at client routes such as `/ack/<token>` and `/shelter/<token>`) revalidated on every
 * load so a new release is picked up. Only GET and HEAD outside the API; anything else falls
 * through to the API, whose 404 is `{code: 'NOT_FOUND', …}`.
 */
export function serveClient(dist: string): RequestHandler {
  const index = join(dist, 'index.html');
  const files = serveStatic(dist, {
    index: 'index.html',
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.startsWith(join(dist, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const router = Router();
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CLIENT.test(req.path)) return next();
    files(req, res, () => {
      // A missing hashed asset is a 404, not the page (a stale tab asking for an old release).
      if (req.path.startsWith('/assets/')) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (err) => {
        if (err) next(err);
      });
    });
  });
  return router;
}
