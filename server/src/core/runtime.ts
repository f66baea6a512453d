import type { EmbeddedState } from '../database/embedded';
import type { Drain } from './drain';

/** Facts about this process decided before Nest boots (which database, which key). */
export interface Runtime {
  databaseUrl: string;
  engine: 'embedded' | 'external';
  jwtSecret: string;
  startedAt: Date;
  /** Set once the live adapter exists: Redis adapter state for /api/health. */
  liveStatus?: () => 'up' | 'down' | 'disabled';
  /** The supervised embedded server's state; absent with DATABASE_URL. */
  embeddedState?: () => EmbeddedState;
  /** Set by configureApp: request accounting for a clean restart (core/drain.ts). */
  drain?: Drain;
}
export const RUNTIME = Symbol('RUNTIME');
