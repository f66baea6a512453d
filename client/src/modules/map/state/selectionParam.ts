import type { FeatureKind } from '../../../vocabulary/featureKinds';
import type { MapSelection } from './selection';

const KINDS: readonly FeatureKind[] = [
  'waterlogging',
  'shelter',
  'team',
  'warehouse',
  'incident',
  'warning',
];
const isKind = (k: string): k is FeatureKind => (KINDS as readonly string[]).includes(k);

/** `?select=incident:<id>`: the selected map feature's deep link. */
export const SELECT_PARAM = 'select';

export function parseSelection(value: string | null): MapSelection | null {
  if (!value) return null;
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const id = value.slice(at + 1);
  return at > 0 && id && isKind(kind) ? { kind, id } : null;
}

export const formatSelection = (s: MapSelection): string => `${s.kind}:${s.id}`;

/** The console path that opens the map with a feature selected. */
export const selectionHref = (s: MapSelection): string =>
  `/?${new URLSearchParams({ [SELECT_PARAM]: formatSelection(s) }).toString()}`;
