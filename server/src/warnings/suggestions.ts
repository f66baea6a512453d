import { randomUUID } from 'node:crypto';
import {
  levelRank,
  type ResponseHazard,
  type ResponseLevel,
  type ResponseSuggestion,
  type SuggestedAction,
  type SuggestionBasis,
} from '@sanfang/shared';
import type { ResponseRule } from './entities/response-rule.entity';
import type { Warning } from './entities/warning.entity';

/** What a response rule reads of a live warning. */
export type LiveWarning = Pick<
  Warning,
  'id' | 'hazard' | 'colour' | 'subdistrictCodes' | 'districtWide'
>;

/** What the live warnings call for, per response hazard: the highest mapped level. */
export interface Demand {
  level: ResponseLevel;
  rule: ResponseRule;
  warningIds: string[];
  /** Empty = whole district. */
  subdistrictCodes: string[];
  districtWide: boolean;
}
export type Demands = Map<ResponseHazard, Demand>;

export function demands(warnings: readonly LiveWarning[], rules: ResponseRule[]): Demands {
  const out: Demands = new Map();
  for (const w of warnings) {
    const rule = rules.find((r) => r.hazard === w.hazard && r.colour === w.colour);
    if (!rule) continue;
    const d = out.get(rule.responseHazard);
    if (!d) {
      out.set(rule.responseHazard, {
        level: rule.level,
        rule,
        warningIds: [w.id],
        subdistrictCodes: [...w.subdistrictCodes],
        districtWide: w.districtWide,
      });
      continue;
    }
    d.warningIds.push(w.id);
    d.districtWide ||= w.districtWide;
    d.subdistrictCodes = [...new Set([...d.subdistrictCodes, ...w.subdistrictCodes])].sort();
    if (levelRank(rule.level) > levelRank(d.level)) {
      d.level = rule.level;
      d.rule = rule;
    }
  }
  return out;
}

/**
 * Suggestions from the change in demand caused by one warning change: start, raise, lower,
 * or end (stand-down) when the last warning of that hazard is cancelled, expires or is retracted.
 */
/** What changed the warning, for the suggestion's basis and its English reason. */
export type SuggestionCause = SuggestionBasis['change'];

function whyOf(cause: SuggestionCause, warning: Warning): string {
  if (cause === 'expired') return `${warning.headline} expired`;
  if (cause === 'merged') return 'merged into a newer warning';
  return warning.headline;
}

export function suggest(
  before: Demands,
  after: Demands,
  warning: Warning,
  cause: SuggestionCause,
): ResponseSuggestion[] {
  const why = whyOf(cause, warning);
  const out: ResponseSuggestion[] = [];
  const hazards = new Set<ResponseHazard>([...before.keys(), ...after.keys()]);
  for (const h of hazards) {
    const b = before.get(h);
    const a = after.get(h);
    let action: SuggestedAction | null = null;
    if (!b && a) action = 'start';
    else if (b && !a) action = 'end';
    else if (a && b && levelRank(a.level) > levelRank(b.level)) action = 'raise';
    else if (a && b && levelRank(a.level) < levelRank(b.level)) action = 'lower';
    if (!action) continue;
    const basis = (a ?? b)!;
    out.push({
      suggestionId: randomUUID(),
      warningId: warning.id,
      hazard: h,
      level: a ? a.level : null,
      action,
      subdistrictCodes: basis.districtWide ? [] : basis.subdistrictCodes,
      reason: a
        ? `${why}: ${warning.hazard} ${warning.colour ?? ''} → ${h} ${a.level} (table: ${a.rule.hazard} ${a.rule.colour})`
        : `${why}: no live ${h} warning remains → stand down`,
      basis: {
        change: cause,
        headline: warning.headline,
        warningHazard: warning.hazard,
        warningColour: warning.colour,
        rule: a ? { hazard: a.rule.hazard, colour: a.rule.colour } : null,
      },
      autoApply: basis.rule.autoApply,
    });
  }
  return out;
}
