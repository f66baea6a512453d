/**
 * Emergency responses (应急响应): shared by the warnings feature (which suggests) and the
 * responses feature (which starts, changes and ends them).
 */
import type { SignalColour } from './warnings';

export const RESPONSE_HAZARDS = ['flood', 'typhoon', 'drought', 'freeze'] as const;
export type ResponseHazard = (typeof RESPONSE_HAZARDS)[number];

/** Low → high. 关注级 (attention) is Shenzhen's level below Ⅳ. */
export const RESPONSE_LEVELS = ['attention', 'IV', 'III', 'II', 'I'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];

export const levelRank = (l: ResponseLevel): number => RESPONSE_LEVELS.indexOf(l);

/** What a suggestion proposes to the commander. */
export type SuggestedAction = 'start' | 'raise' | 'lower' | 'end';

/**
 * `response.suggested`: raised by the warnings feature when a warning arrives, upgrades or is
 * cancelled; accepted by a commander (one click) or applied automatically where an admin has
 * turned auto-apply on for the matching table row.
 */
export interface ResponseSuggestion {
  suggestionId: string;
  warningId: string;
  hazard: ResponseHazard;
  /** Target level; null for 'end'. */
  level: ResponseLevel | null;
  action: SuggestedAction;
  /** Empty = whole district. */
  subdistrictCodes: string[];
  /** English, for API readers and logs; the console words it from `basis`. */
  reason: string;
  /** What the suggestion rests on, for the console to word in its own language. */
  basis?: SuggestionBasis;
  autoApply: boolean;
}

/** Why a warning change made a suggestion (older events and rows have none). */
export interface SuggestionBasis {
  /** The warning was issued or updated, expired, or merged into a newer warning. */
  change: 'changed' | 'expired' | 'merged';
  /** The warning's headline (as its feed wrote it). */
  headline: string;
  /** The warning's hazard (e.g. rainstorm, typhoon) and signal colour. */
  warningHazard: string;
  warningColour: SignalColour | null;
  /** The row of the response table that decided the level; null when standing down. */
  rule: { hazard: string; colour: SignalColour } | null;
}

/** Payload of response.started|level_changed|ended (the history is append-only). */
export interface ResponseEventPayload {
  responseId: string;
  hazard: ResponseHazard;
  level: ResponseLevel;
  previousLevel: ResponseLevel | null;
  /** Empty = whole district. */
  subdistrictCodes: string[];
  reason: string;
  preemptive: boolean;
  warningId: string | null;
}
