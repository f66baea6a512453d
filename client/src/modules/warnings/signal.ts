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

/** Emoji icons: no icon font or sprite to fetch. Unknown hazards get a generic sign. */
const HAZARD_ICONS: Readonly<Record<string, string>> = {
  rainstorm: '🌧',
  typhoon: '🌀',
  thunderstorm_gale: '⛈',
  thunderstorm: '⛈',
  gale: '💨',
  heat: '🌡',
  cold: '❄',
  fog: '🌫',
  haze: '🌫',
  hail: '🧊',
  drought: '☀',
  fire: '🔥',
  frost: '❄',
  flood: '🌊',
};
export const hazardIcon = (hazard: string): string => HAZARD_ICONS[hazard] ?? '⚠';
