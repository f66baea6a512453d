import {
  CALLOUT_ROLES,
  type ContactRole,
  RESPONSE_LEVELS,
  type ResponseLevel,
} from '@sanfang/shared';
import { z } from 'zod';
import { ConfigError } from '../config/config';
import { parseSmppUrl } from './notify/smpp/smpp-url';

const seconds = z.coerce
  .number()
  .positive()
  .max(7 * 24 * 3600);

const schema = z.object({
  /** A flood/typhoon response at or above this level calls out the four contacts. */
  DISPATCH_THRESHOLD_LEVEL: z.enum(RESPONSE_LEVELS).default('IV'),
  ACK_DEADLINE_S: seconds.default(300),
  /** Per-role ack windows, e.g. `fire_rescue=180,traffic_police=240`. */
  ACK_DEADLINE_S_BY_ROLE: z
    .string()
    .regex(/^(\w+=\d+(\.\d+)?)(,\w+=\d+(\.\d+)?)*$/, 'must be role=seconds,role=seconds')
    .optional(),
  /** The on-site lead must be at the point within this of the call-out (15 min). */
  ONSITE_DEADLINE_S: seconds.default(900),
  /** Time between escalation steps once a deadline has passed. */
  ESCALATION_STEP_S: seconds.default(300),
  ARRIVAL_MAX_DISTANCE_M: z.coerce.number().positive().default(500),
  /** A link stops working this long after it was sent, whatever the dispatch's state. */
  ACK_LINK_MAX_AGE_DAYS: z.coerce.number().positive().max(365).default(7),
  ACK_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  ACK_RATE_WINDOW_S: z.coerce.number().int().positive().default(60),
  NOTIFY_CHANNEL: z.enum(['log', 'webhook', 'smpp']).default('log'),
  /** smpp://system_id:password@host:2775?source=12110&rate=200&window=10 (docs/SMS.md). */
  SMPP_URL: z
    .string()
    .regex(/^smpps?:\/\/[^/]+/, 'must be smpp://system_id:password@host:port?source=…')
    .optional(),
  /**
   * Voice (webhook) fallback per duty/role: `onsite_lead=300,fire_rescue=failed,*=failed`:
   * seconds = after a failed receipt or that long unanswered; `failed` = after a failed receipt.
   */
  SMS_VOICE_FALLBACK: z
    .string()
    .regex(
      /^([\w*]+=(\d+|failed))(,[\w*]+=(\d+|failed))*$/,
      'must be duty=seconds|failed,duty=seconds|failed',
    )
    .optional(),
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Base of the /ack/<token> links in messages (the console's public address). */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:8080'),
});

/** Every variable loadDispatchConfig reads. */
export const DISPATCH_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface DispatchConfig {
  thresholdLevel: ResponseLevel;
  ackDeadlineS: Record<ContactRole, number>;
  onsiteDeadlineS: number;
  escalationStepS: number;
  arrivalMaxDistanceM: number;
  ackLinkMaxAgeMs: number;
  ackRateLimit: number;
  ackRateWindowS: number;
  channel: 'log' | 'webhook' | 'smpp';
  webhookUrl: string | null;
  smppUrl: string | null;
  /** duty → seconds unanswered before voice (null: only after a failed receipt). */
  voiceFallback: Map<string, number | null>;
  webhookTimeoutMs: number;
  publicBaseUrl: string;
}

export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');

/** Reads the feature's settings from the environment; the message names each bad variable. */
export function loadDispatchConfig(source: NodeJS.ProcessEnv = process.env): DispatchConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => v !== undefined && v !== '' && k in schema.shape),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NOTIFY_CHANNEL === 'webhook' && !e.NOTIFY_WEBHOOK_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  NOTIFY_WEBHOOK_URL: required when NOTIFY_CHANNEL=webhook',
    );
  }
  if (e.NOTIFY_CHANNEL === 'smpp' && !e.SMPP_URL) {
    throw new ConfigError('Invalid configuration:\n  SMPP_URL: required when NOTIFY_CHANNEL=smpp');
  }
  if (e.SMPP_URL) {
    try {
      parseSmppUrl(e.SMPP_URL);
    } catch (err) {
      throw new ConfigError(`Invalid configuration:\n  ${(err as Error).message}`);
    }
  }
  if (e.SMS_VOICE_FALLBACK && !e.NOTIFY_WEBHOOK_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  NOTIFY_WEBHOOK_URL: required when SMS_VOICE_FALLBACK is set (voice goes through the webhook)',
    );
  }
  const voiceFallback = new Map<string, number | null>(
    (e.SMS_VOICE_FALLBACK?.split(',') ?? []).map((pair) => {
      const [duty = '', v = ''] = pair.split('=');
      return [duty, v === 'failed' ? null : Number(v)];
    }),
  );
  const ack = Object.fromEntries(
    [...CALLOUT_ROLES, 'onsite_lead_backup' as const].map((r) => [r, e.ACK_DEADLINE_S]),
  ) as Record<ContactRole, number>;
  for (const pair of e.ACK_DEADLINE_S_BY_ROLE?.split(',') ?? []) {
    const [role, s] = pair.split('=');
    if (!role || !(role in ack)) {
      throw new ConfigError(
        `Invalid configuration:\n  ACK_DEADLINE_S_BY_ROLE: unknown role ${role}`,
      );
    }
    ack[role as ContactRole] = Number(s);
  }
  return {
    thresholdLevel: e.DISPATCH_THRESHOLD_LEVEL,
    ackDeadlineS: ack,
    onsiteDeadlineS: e.ONSITE_DEADLINE_S,
    escalationStepS: e.ESCALATION_STEP_S,
    arrivalMaxDistanceM: e.ARRIVAL_MAX_DISTANCE_M,
    ackLinkMaxAgeMs: e.ACK_LINK_MAX_AGE_DAYS * 24 * 3600 * 1000,
    ackRateLimit: e.ACK_RATE_LIMIT,
    ackRateWindowS: e.ACK_RATE_WINDOW_S,
    channel: e.NOTIFY_CHANNEL,
    webhookUrl: e.NOTIFY_WEBHOOK_URL ?? null,
    smppUrl: e.SMPP_URL ?? null,
    voiceFallback,
    webhookTimeoutMs: e.NOTIFY_WEBHOOK_TIMEOUT_MS,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
  };
}
