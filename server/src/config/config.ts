import { z } from 'zod';
import { DISPOSABLE_FLAG, DISPOSABLE_VALUE, readSecret, SECRET_MIN_LENGTH } from './secrets';

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
  /** Prometheus on its own listener (loopback unless METRICS_HOST says otherwise). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Or on the application port, for scrapers that send this bearer token. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Browser origins besides the console's own that may open the live socket, comma-separated. */
  ALLOWED_ORIGINS: z
    .string()
    .regex(
      /^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/,
      'must be origins like https://duty.example.org, comma-separated',
    )
    .optional(),
});

/** Every variable loadConfig reads (the secrets are read beside the schema, with *_FILE). */
export const CONFIG_VARIABLES: readonly string[] = [
  ...Object.keys(schema.shape),
  ...['JWT_SECRET', 'JWT_SECRET_PREVIOUS', 'ACK_TOKEN_SECRET', 'ACK_TOKEN_SECRET_PREVIOUS'].flatMap(
    (n) => [n, `${n}_FILE`],
  ),
  DISPOSABLE_FLAG,
];

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
  /** Null: generate and keep in app_settings (embedded or disposable databases only). */
  jwtSecret: string | null;
  /** The key before a rotation: still accepted when verifying, never used to sign. */
  jwtSecretPrevious: string | null;
  ackTokenSecret: string | null;
  ackTokenSecretPrevious: string | null;
  /** SANFANG_DISPOSABLE_DEMO says this DATABASE_URL holds nothing real. */
  disposable: boolean;
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
  metricsPort: number | null;
  metricsHost: string;
  metricsToken: string | null;
  /** Origins allowed to open the live socket besides the console's own (the Host). */
  allowedOrigins: string[];
}

export class ConfigError extends Error {}

/** Validates the environment once at start-up; the message names every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  const secrets = {
    jwt: readSecret(cleaned, 'JWT_SECRET', problems),
    jwtPrevious: readSecret(cleaned, 'JWT_SECRET_PREVIOUS', problems),
    ack: readSecret(cleaned, 'ACK_TOKEN_SECRET', problems),
    ackPrevious: readSecret(cleaned, 'ACK_TOKEN_SECRET_PREVIOUS', problems),
  };
  const flag = cleaned[DISPOSABLE_FLAG];
  if (flag !== undefined && flag !== DISPOSABLE_VALUE) {
    problems.push(`  ${DISPOSABLE_FLAG}: the only accepted value is ${DISPOSABLE_VALUE}`);
  }
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const external = e.DATABASE_URL !== undefined;
  const disposable = flag === DISPOSABLE_VALUE;
  // A real database never gets the demo users (password "demo") nor keys stored beside the
  // data they protect (anyone with a backup could mint sessions and ack links).
  if (external && !disposable) {
    const refusals: string[] = [];
    if (e.SEED === 'demo') {
      refusals.push(
        `  SEED: demo creates the users duty, commander, admin and every contact with the password "demo" and the feed token "demo-feed"; refused with DATABASE_URL. Only if this database is a disposable demo, set ${DISPOSABLE_FLAG}=${DISPOSABLE_VALUE}`,
      );
    }
    for (const [name, value] of [
      ['JWT_SECRET', secrets.jwt],
      ['ACK_TOKEN_SECRET', secrets.ack],
    ] as const) {
      if (value === null) {
        refusals.push(
          `  ${name}: required with DATABASE_URL (or ${name}_FILE, a file holding it); at least ${SECRET_MIN_LENGTH} characters, e.g. \`openssl rand -base64 48\``,
        );
      }
    }
    if (refusals.length > 0) {
      throw new ConfigError(`Invalid configuration:\n${refusals.join('\n')}`);
    }
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
    jwtSecret: secrets.jwt,
    jwtSecretPrevious: secrets.jwtPrevious,
    ackTokenSecret: secrets.ack,
    ackTokenSecretPrevious: secrets.ackPrevious,
    disposable,
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
    metricsPort: e.METRICS_PORT ?? null,
    metricsHost: e.METRICS_HOST,
    metricsToken: e.METRICS_TOKEN ?? null,
    allowedOrigins: e.ALLOWED_ORIGINS?.split(',').map((o) => o.trim()) ?? [],
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
