import { WARNING_HAZARDS, type SignalColour, type SignalLevel } from '@sanfang/shared';
import type { CapInfo } from '../cap/cap-types';

/** Hazard keys used in payloads and the suggestion table (the list lives in shared). */
export const HAZARDS = WARNING_HAZARDS;
export type Hazard = (typeof HAZARDS)[number];

// Chinese names, longest first so 雷雨大风 wins over 大风 and 道路结冰 over 结冰.
const CHINESE: [string, Hazard][] = [
  ['雷雨大风', 'thunderstorm_gale'],
  ['道路结冰', 'road_icing'],
  ['森林火险', 'forest_fire'],
  ['森林火灾', 'forest_fire'],
  ['台风', 'typhoon'],
  ['暴雨', 'rainstorm'],
  ['高温', 'heat'],
  ['寒冷', 'cold'],
  ['寒潮', 'cold'],
  ['大雾', 'fog'],
  ['灰霾', 'haze'],
  ['霾', 'haze'],
  ['冰雹', 'hail'],
  ['雷电', 'lightning'],
  ['干旱', 'drought'],
  ['霜冻', 'frost'],
  ['大风', 'gale'],
  ['雾', 'fog'],
];

// GB/T 35965.1 event type codes (11B…) for meteorological warnings (verify against the
// standard's annex; unknown codes fall back to the headline).
const GB_CODES: Record<string, Hazard> = {
  '11B01': 'typhoon',
  '11B03': 'rainstorm',
  '11B05': 'cold',
  '11B06': 'gale',
  '11B09': 'heat',
  '11B14': 'lightning',
  '11B15': 'hail',
  '11B16': 'frost',
  '11B17': 'fog',
  '11B18': 'haze',
  '11B19': 'road_icing',
  '11B21': 'forest_fire',
  '11B22': 'drought',
  '11B25': 'thunderstorm_gale',
};

const COLOURS_ZH: [string, SignalColour][] = [
  ['白色', 'white'],
  ['蓝色', 'blue'],
  ['黄色', 'yellow'],
  ['橙色', 'orange'],
  ['红色', 'red'],
];

export const LEVEL_OF: Record<SignalColour, SignalLevel | null> = {
  white: null,
  blue: 'IV',
  yellow: 'III',
  orange: 'II',
  red: 'I',
};

const isHazard = (v: string): v is Hazard => (HAZARDS as readonly string[]).includes(v);
const COLOUR_EN = new Set<string>(['white', 'blue', 'yellow', 'orange', 'red']);

export interface Meaning {
  hazard: Hazard;
  colour: SignalColour | null;
  level: SignalLevel | null;
  /** The headline says 解除/取消: an Update that lifts the signal acts as a Cancel. */
  lifted: boolean;
}

const norm = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function hazardFromText(s: string): Hazard | null {
  for (const [zh, h] of CHINESE) if (s.includes(zh)) return h;
  const n = norm(s);
  return isHazard(n) ? n : null;
}

/** The colour a headline ends on: "升级为红色" wins over the colour it upgrades from. */
export function colourFromText(s: string): SignalColour | null {
  const change = /(?:升级|降级|调整|变更|更新)为\s*(白|蓝|黄|橙|红)色/.exec(s);
  if (change) return COLOURS_ZH.find(([zh]) => zh.startsWith(change[1]!))![1];
  let best: { at: number; c: SignalColour } | null = null;
  for (const [zh, c] of COLOURS_ZH) {
    const at = s.indexOf(zh);
    if (at !== -1 && (!best || at < best.at)) best = { at, c };
  }
  if (best) return best.c;
  const en = /\b(white|blue|yellow|orange|red)\b/i.exec(s);
  return en ? (en[1]!.toLowerCase() as SignalColour) : null;
}

/** Hazard, colour and level from eventCode/parameters, falling back to the headline. */
export function extractMeaning(info: CapInfo): Meaning {
  let hazard: Hazard | null = null;
  let colour: SignalColour | null = null;
  for (const { valueName, value } of info.eventCodes) {
    const v = value.trim();
    if (GB_CODES[v]) hazard ??= GB_CODES[v];
    else if (/hazard|type|种类|类型/i.test(valueName)) hazard ??= hazardFromText(v);
  }
  for (const { valueName, value } of info.parameters) {
    const v = value.trim().toLowerCase();
    if (/colou?r|signal|level|颜色|级别|等级/i.test(valueName)) {
      if (COLOUR_EN.has(v)) colour ??= v as SignalColour;
      else colour ??= colourFromText(value);
    }
    if (/hazard|种类/i.test(valueName)) hazard ??= hazardFromText(value);
  }
  const text = `${info.headline} ${info.event}`;
  hazard ??= hazardFromText(info.event) ?? hazardFromText(info.headline) ?? 'other';
  colour ??= colourFromText(text);
  return {
    hazard,
    colour,
    level: colour ? LEVEL_OF[colour] : null,
    lifted: /解除|取消/.test(info.headline),
  };
}
