import { z } from 'zod';
import {
  RESPONSE_HAZARDS,
  RESPONSE_LEVELS,
  type ResponseHazard,
  type ResponseLevel,
} from './responses';
/**
 * Warnings (CAP) — contracts. Owned by the warnings feature; other features read the event
 * payloads below (the duty report counts them), so fields are only ever added.
 */
export const SIGNAL_COLOURS = ['white', 'blue', 'yellow', 'orange', 'red'] as const;
export type SignalColour = (typeof SIGNAL_COLOURS)[number];

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';

/** Payload of warning.issued|updated|cancelled|expired|retracted. */
export interface WarningEventPayload {
  warningId: string;
  /** e.g. rainstorm, typhoon, thunderstorm_gale, heat, … */
  hazard: string;
  colour: SignalColour | null;
  status: CapStatus;
  headline: string;
  subdistrictCodes: string[];
  // Added fields (warnings feature): see WarningEventDetails.
  messageId?: string;
  msgType?: CapMsgType;
  state?: WarningState;
  level?: SignalLevel | null;
  severity?: string;
  expires?: string | null;
  districtWide?: boolean;
  drill?: boolean;
  /**
   * Added for replay (复盘): the detail the console otherwise fetches after the event, so the
   * log alone draws the warning. Absent on events written before; replay then shows the
   * warning without polygons (the map falls back to the subdistricts).
   */
  detail?: WarningEventDetail;
}

/** What a warning event carries for replay (see WarningEventPayload.detail). */
export interface WarningEventDetail {
  areas: WarningAreaDto[];
  description: string;
  instruction: string;
  event: string;
  inDistrict: boolean;
  effective: string | null;
  issuedAt: string;
}

// --- Added by the warnings feature (issue 4): fields and DTOs beyond the fixed base above. ---

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
/**
 * The warning hazard keys the server reads CAP messages into (payloads, the response and 叫应
 * rule tables); the console names each through its catalogues (warnings.hazards).
 */
export const WARNING_HAZARDS = [
  'typhoon',
  'rainstorm',
  'thunderstorm_gale',
  'heat',
  'cold',
  'fog',
  'haze',
  'hail',
  'road_icing',
  'forest_fire',
  'gale',
  'lightning',
  'drought',
  'frost',
  'other',
] as const;
export type WarningHazard = (typeof WARNING_HAZARDS)[number];

export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export type CapScope = (typeof CAP_SCOPES)[number];

/** National level names next to the colour: blue Ⅳ, yellow Ⅲ, orange Ⅱ, red Ⅰ (white: none). */
export type SignalLevel = 'IV' | 'III' | 'II' | 'I';

/** A warning chain's state; `expired` is also computed from `expires` at read time. */
export const WARNING_STATES = [
  'active',
  'cancelled',
  'retracted',
  'expired',
  'superseded',
] as const;
export type WarningState = (typeof WARNING_STATES)[number];

/** Fields the warnings feature adds to WarningEventPayload (all events carry them). */
export interface WarningEventDetails {
  messageId: string;
  msgType: CapMsgType;
  state: WarningState;
  level: SignalLevel | null;
  /** CAP severity of the current message. */
  severity: string;
  /** ISO time, or null when the message sets no expiry. */
  expires: string | null;
  /** The warning covers all of Bao'an (subdistrictCodes is then empty). */
  districtWide: boolean;
  /** Exercise: shown as a drill, never acted on. */
  drill: boolean;
}

/** `cap.received`: every stored CAP message, whatever it did (the live feed log). */
export interface CapReceivedPayload {
  messageId: string;
  sender: string;
  identifier: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  /** What the message did to the warning chains. */
  outcome: CapOutcome;
  warningId: string | null;
  source: 'push' | 'pull';
}
export type CapOutcome =
  | 'issued'
  | 'updated'
  | 'cancelled'
  | 'retracted'
  | 'orphan'
  | 'stale'
  | 'not_acted_on'
  | 'acknowledgement';

/** `cap.config_changed`: admin changes to feed tokens, pull feeds and the suggestion table. */
export interface CapConfigChangedPayload {
  what: 'feed_token' | 'pull_feed' | 'response_rule' | 'cap_settings';
  action: 'created' | 'updated' | 'deleted' | 'revoked';
  id: string;
  name: string;
}

/** Reply of POST /api/feeds/cap (201 stored, 200 duplicate). */
export interface CapIngestResult {
  messageId: string;
  duplicate: boolean;
  outcome: CapOutcome;
  warningId: string | null;
  state: WarningState | null;
}

export interface WarningAreaDto {
  areaDesc: string;
  /** WGS84 [lon, lat] rings converted from CAP's lat,lon. */
  polygons: [number, number][][];
  circles: { centre: [number, number]; radiusKm: number }[];
  geocodes: { valueName: string; value: string }[];
}

/** One info block's text in its language (a bilingual message has two). */
export interface CapText {
  /** RFC 3066 code as sent, e.g. zh-CN, en-US, fr-CA. */
  language: string;
  event: string;
  senderName: string;
  headline: string;
  description: string;
  instruction: string;
  /** areaDesc of each area of this block, in this language. */
  areaDescs: string[];
}

/**
 * verified: by one of the feed's trusted certificates; unchecked: signed, but the feed trusts
 * no certificate; absent: not signed.
 */
export type CapSignatureState = 'verified' | 'unchecked' | 'absent';
export interface CapSignatureDto {
  state: CapSignatureState;
  /** Subject and SHA-256 fingerprint of the certificate that verified it. */
  by: string | null;
}

/** A CAP message's identity: (sender, identifier, sent). */
export interface CapIdentityDto {
  sender: string;
  identifier: string;
  sent: string;
  msgType: CapMsgType;
}

export interface CapMessageDto {
  id: string;
  sender: string;
  identifier: string;
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  scope: CapScope;
  references: { sender: string; identifier: string; sent: string }[];
  outcome: CapOutcome;
  warningId: string | null;
  orphan: boolean;
  hazard: string | null;
  colour: SignalColour | null;
  headline: string;
  expires: string | null;
  sha256: string;
  receivedAt: string;
  source: 'push' | 'pull';
  /** Character encoding the message was read with. */
  encoding: string;
  signature: CapSignatureDto;
  expiresAssumed: boolean;
}

export interface WarningDto {
  id: string;
  hazard: string;
  colour: SignalColour | null;
  level: SignalLevel | null;
  severity: string;
  status: CapStatus;
  drill: boolean;
  state: WarningState;
  headline: string;
  description: string;
  instruction: string;
  event: string;
  subdistrictCodes: string[];
  districtWide: boolean;
  inDistrict: boolean;
  areas: WarningAreaDto[];
  issuedAt: string;
  updatedAt: string;
  effective: string | null;
  expires: string | null;
  currentMessageId: string;
  /** The current message's identity. */
  current: CapIdentityDto;
  /** Every message of the chain, oldest sent first (identities only). */
  chainIdentities: CapIdentityDto[];
  /** `expires` is the configured default lifetime: the message set no expiry. */
  expiresAssumed: boolean;
  /** Shown from an Update whose earlier messages (the Alert) were never received. */
  missingEarlier: boolean;
  signature: CapSignatureDto;
  /** Each info block's text by language; the console shows its own language first. */
  texts: CapText[];
}

export interface WarningDetailDto extends WarningDto {
  /** Every message of the chain, oldest sent first. */
  chain: CapMessageDto[];
}

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
export const warningsQuerySchema = z.object({
  active: boolParam.optional(),
  /** Include Test/Draft-free drills (Exercise) in the list; default true (shown marked). */
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .default(100),
});
export type WarningsQuery = z.infer<typeof warningsQuerySchema>;

export const feedLogQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(500))
    .default(100),
  /** Rows to skip, newest first (the page: offset / limit). */
  offset: z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(1_000_000))
    .default(0),
});
export type FeedLogQuery = z.infer<typeof feedLogQuerySchema>;

/** One page of the CAP message log, newest first, and how many messages there are in all. */
export interface CapLogPageDto {
  total: number;
  offset: number;
  limit: number;
  messages: CapMessageDto[];
}

/** The lifetime assumed for a CAP message without <expires> (admin setting). */
export const capSettingsSchema = z.object({
  defaultLifetimeH: z.number().positive().max(720).default(24),
  /** By hazard key (rainstorm, typhoon, earthquake, …): wins over the category. */
  lifetimeByHazardH: z
    .record(z.string().regex(/^[a-z_]{2,40}$/), z.number().positive().max(720))
    .default({}),
  /** By CAP category (Met, Geo, Fire, …) of the shown info block. */
  lifetimeByCategoryH: z
    .record(z.string().regex(/^[A-Za-z]{2,10}$/), z.number().positive().max(720))
    .default({}),
});
export type CapSettings = z.infer<typeof capSettingsSchema>;

/** PUT /api/admin/feed-tokens/:id/certificates and pull feeds' trustedCertificates. */
export const trustedCertificatesSchema = z.object({
  certificates: z.array(z.string().min(1).max(20_000)).max(20),
});
export type TrustedCertificatesInput = z.infer<typeof trustedCertificatesSchema>;

// Feed tokens (admin).
export const createFeedTokenSchema = z.object({ name: z.string().trim().min(1).max(100) });
export type CreateFeedToken = z.infer<typeof createFeedTokenSchema>;
export interface FeedTokenDto {
  id: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  /** Labels (subject, SHA-256 fingerprint) of the certificates its messages must be signed with. */
  trustedCertificates: string[];
}
export interface CreatedFeedTokenDto extends FeedTokenDto {
  /** Shown once; only its sha256 is stored. */
  token: string;
}

// Response suggestion table (admin).
export const responseRuleSchema = z.object({
  hazard: z.string().regex(/^[a-z_]{2,40}$/, 'a hazard key such as rainstorm or typhoon'),
  colour: z.enum(SIGNAL_COLOURS),
  responseHazard: z.enum(RESPONSE_HAZARDS),
  level: z.enum(RESPONSE_LEVELS),
  autoApply: z.boolean().default(false),
  note: z.string().max(500).default(''),
});
export type ResponseRuleInput = z.infer<typeof responseRuleSchema>;
export interface ResponseRuleDto {
  id: string;
  hazard: string;
  colour: SignalColour;
  responseHazard: ResponseHazard;
  level: ResponseLevel;
  autoApply: boolean;
  /** Seeded rows that DOMAIN.md marks "verify" say so here. */
  note: string;
  updatedAt: string;
}

// Pull feeds (admin).
const hostName = z
  .string()
  .regex(/^[a-z0-9.-]{1,253}(:\d{1,5})?$/i, 'a host name, optionally with :port');
export const pullFeedSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url: z
    .string()
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), 'must be http(s)'),
  allowedHosts: z.array(hostName).min(1).max(20),
  intervalS: z.number().int().min(5).max(86_400).default(120),
  enabled: z.boolean().default(true),
  /** PEM certificates its CAP messages must be signed with; empty: signatures unchecked. */
  trustedCertificates: z.array(z.string().min(1).max(20_000)).max(20).default([]),
});
export type PullFeedInput = z.infer<typeof pullFeedSchema>;
export interface PullFeedDto {
  id: string;
  name: string;
  url: string;
  allowedHosts: string[];
  intervalS: number;
  enabled: boolean;
  /** Labels (subject, SHA-256 fingerprint) of the trusted certificates. */
  trustedCertificates: string[];
  health: {
    lastPollAt: string | null;
    lastSuccessAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    entriesIngested: number;
    entriesQuarantined: number;
    notModified: number;
  };
}
/** What one poll of a pull feed did (the admin's "poll now"). */
export interface PullPollSummary {
  notModified: boolean;
  ingested: number;
  duplicates: number;
  quarantined: number;
  error: string | null;
}

export interface PullEntryDto {
  id: string;
  feedId: string;
  entryId: string;
  url: string;
  status: 'ingested' | 'duplicate' | 'quarantined';
  reason: string | null;
  messageId: string | null;
  fetchedAt: string;
}
