import type { NextFunction, Request, Response } from 'express';
import { httpDuration } from './metrics';

export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    // Route patterns, not raw URLs, keep label cardinality bounded.
    const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
    end({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
  });
  next();
}
