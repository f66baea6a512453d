import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureKind } from '../../../vocabulary/featureKinds';
import { useIncidents } from '../../incidents/state/IncidentsProvider';
import { useReferenceData } from '../../map/state/referenceDataContext';
import type { MapSelection } from '../../map/state/selection';
import { useWarnings } from '../../warnings/state/WarningsProvider';

// Enough to scan by eye; typing narrows the rest (every feature is one search away).
const SHOWN = 40;
const KINDS: readonly FeatureKind[] = [
  'warning',
  'incident',
  'waterlogging',
  'shelter',
  'team',
  'warehouse',
];

interface Item {
  id: string;
  label: string;
}

/**
 * Every feature on the map, reachable from a list by keyboard: pick a kind, type to narrow,
 * choose one (the same selection a click on the map makes, with its deep link).
 */
export function FeatureFinder({
  selection,
  onSelect,
}: {
  selection: MapSelection | null;
  onSelect: (s: MapSelection) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<FeatureKind>('waterlogging');
  const [query, setQuery] = useState('');
  const { state } = useReferenceData();
  const { warnings } = useWarnings();
  const { incidents } = useIncidents();
  const data = state.status === 'ready' ? state.data : null;

  const items = useMemo((): Item[] => {
    const points = (features: { properties: { id: string; code: string; name: string } }[]) =>
      features.map((f) => ({
        id: f.properties.id,
        label: `${f.properties.name} ${f.properties.code}`,
      }));
    switch (kind) {
      case 'warning':
        return [...warnings.byId.values()].map((w) => ({ id: w.id, label: w.headline }));
      case 'incident':
        return [...incidents.values()].map((i) => ({ id: i.id, label: i.title }));
      case 'waterlogging':
        return points(data?.waterloggingPoints.features ?? []);
      case 'shelter':
        return points(data?.shelters.features ?? []);
      case 'team':
        return points(data?.rescueTeams.features ?? []);
      case 'warehouse':
        return points(data?.warehouses.features ?? []);
    }
  }, [kind, warnings, incidents, data]);
  const q = query.trim().toLowerCase();
  const matches = q ? items.filter((i) => i.label.toLowerCase().includes(q)) : items;

  return (
    <section
      className="feature-finder"
      aria-labelledby={`${id}-title`}
      data-testid="feature-finder"
    >
      <h2 id={`${id}-title`}>{t('featureFinder.title')}</h2>
      <label className="feature-finder__field">
        {t('featureFinder.kind')}{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as FeatureKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`featureFinder.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="feature-finder__field">
        {t('featureFinder.search')}{' '}
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="feature-finder-search"
        />
      </label>
      {matches.length === 0 ? (
        <p className="panel__empty">{t('featureFinder.none')}</p>
      ) : (
        <ul className="feature-finder__list">
          {matches.slice(0, SHOWN).map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="link-button"
                aria-current={
                  selection?.kind === kind && selection.id === item.id ? 'true' : undefined
                }
                onClick={() => onSelect({ kind, id: item.id })}
                data-feature-id={item.id}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {matches.length > SHOWN && (
        <p className="panel__more">{t('featureFinder.more', { count: matches.length - SHOWN })}</p>
      )}
    </section>
  );
}
