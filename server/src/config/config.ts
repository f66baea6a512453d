import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_S: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  ADMIN_USERNAME: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** demo: district + generated resources + demo users; reference: district only; none. */
  SEED: z.enum(['demo', 'reference', 'none']).optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOGIN_RATE_WINDOW_S: z.coerce.number().int().positive().default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  /** An intranet raster tile server (XYZ template) drawn as the basemap. */
  TILE_URL: z
    .string()
    .url()
    .refine((u) => ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), {
      message: 'must be a tile template containing {z}, {x} and {y}',
    })
    .optional(),
  /** Credit for the tiles, shown on the map (e.g. "© 深圳市规划和自然资源局"). */
  TILE_ATTRIBUTION: z.string().max(300).optional(),
  TRUST_PROXY: bool.default(false),
  /** Packets queued for one socket before it is cut off (it resumes from the log). */
  LIVE_MAX_BUFFERED_PACKETS: z.coerce.number().int().min(10).default(2000),
  /** SIGTERM: how long draining may take before the process exits anyway (exit code 1). */
  SHUTDOWN_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(25),
});

export type Env = z.infer<typeof schema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  /** Null means: start the embedded PostgreSQL. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  redisUrl: string | null;
  jwtSecret: string | null;
  jwtTtlS: number;
  adminUsername: string | null;
  adminPassword: string | null;
  seed: 'demo' | 'reference' | 'none';
  loginRateLimit: number;
  loginRateWindowS: number;
  logLevel: Env['LOG_LEVEL'];
  clientDist: string | null;
  tileUrl: string | null;
  tileAttribution: string | null;
  trustProxy: boolean;
  liveMaxBufferedPackets: number;
  shutdownTimeoutS: number;
}

export class ConfigError extends Error {}

/** Validates the environment once at start-up; the message names every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const external = e.DATABASE_URL !== undefined;
  if (external && e.JWT_SECRET === undefined && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: required with DATABASE_URL in production',
    );
  }
  if ((e.ADMIN_USERNAME === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  ADMIN_USERNAME/ADMIN_PASSWORD: set both or neither',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    redisUrl: e.REDIS_URL ?? null,
    jwtSecret: e.JWT_SECRET ?? null,
    jwtTtlS: e.JWT_TTL_S,
    adminUsername: e.ADMIN_USERNAME ?? null,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    seed: e.SEED ?? (external ? 'reference' : 'demo'),
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginRateWindowS: e.LOGIN_RATE_WINDOW_S,
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST ?? null,
    tileUrl: e.TILE_URL ?? null,
    tileAttribution: e.TILE_ATTRIBUTION ?? null,
    trustProxy: e.TRUST_PROXY,
    liveMaxBufferedPackets: e.LIVE_MAX_BUFFERED_PACKETS,
    shutdownTimeoutS: e.SHUTDOWN_TIMEOUT_S,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
