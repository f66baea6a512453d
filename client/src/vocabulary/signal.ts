import type { SignalColour } from '@sanfang/shared';

// GB/T 27962 signal colours as the Shenzhen observatory draws them; white is shown as grey.
export const SIGNAL_HEX: Readonly<Record<SignalColour, string>> = {
  white: '#9aa5b1',
  blue: '#1e64c8',
  yellow: '#f2c200',
  orange: '#ff7a00',
  red: '#e0201b',
};
/** For warnings with no colour (CAP messages that set no signal). */
export const NO_SIGNAL_HEX = '#6b7280';

const RANK: Readonly<Record<SignalColour, number>> = {
  white: 0,
  blue: 1,
  yellow: 2,
  orange: 3,
  red: 4,
};
export const colourRank = (c: SignalColour | null): number => (c ? RANK[c] : -1);

/** Orange and red are the colours that must interrupt the duty room. */
export const isUrgentColour = (c: SignalColour | null): boolean => colourRank(c) >= RANK.orange;

/**
 * The hazard's character, as on the official signal icons (雨, 台, 雷…), drawn in the console's
 * own font: emoji would need an emoji font on the PC and show as boxes without one. Unknown
 * hazards get 警.
 */
const HAZARD_ICONS: Readonly<Record<string, string>> = {
  rainstorm: '雨',
  typhoon: '台',
  thunderstorm_gale: '雷',
  thunderstorm: '雷',
  gale: '风',
  heat: '热',
  cold: '寒',
  fog: '雾',
  haze: '霾',
  hail: '雹',
  drought: '旱',
  fire: '火',
  frost: '霜',
  flood: '洪',
};
export const hazardIcon = (hazard: string): string => HAZARD_ICONS[hazard] ?? '警';
