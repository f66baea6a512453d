import { useCallback, useMemo, useState } from 'react';
import type { PointState } from '../../dispatch/utils/pointState';
import type { ReferenceDataState } from '../hooks/useReferenceData';
import type { KeyedFeature } from '../live/featureDiff';
import { ALL_VISIBLE, type LayerGroupId, type LayerVisibility } from '../layers/layerGroups';
import { resolveSelection, type MapSelection } from '../state/selection';
import { DistrictMap } from './DistrictMap';
import { FeatureDetailsPanel } from './FeatureDetailsPanel';
import { LayerPanel } from './LayerPanel';
import { MapStatus } from './MapStatus';

interface DistrictMapViewProps {
  /** Reference data, loaded (and kept live) by the console page. */
  state: ReferenceDataState;
  reload: () => void;
  warnings: readonly KeyedFeature[];
  incidents: readonly KeyedFeature[];
  pointStates: ReadonlyMap<string, PointState>;
}

/** Layer panel | map | details panel. The dispatch board will sit beside this later. */
export function DistrictMapView({
  state,
  reload,
  warnings,
  incidents,
  pointStates,
}: DistrictMapViewProps) {
  const [visibility, setVisibility] = useState<LayerVisibility>(ALL_VISIBLE);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const data = state.status === 'ready' ? state.data : null;

  const selected = useMemo(
    () => (data && selection ? resolveSelection(data, selection) : null),
    [data, selection],
  );
  const counts = useMemo<Partial<Record<LayerGroupId, number>>>(
    () =>
      data
        ? {
            subdistricts: data.subdistricts.features.length,
            waterlogging: data.waterloggingPoints.features.length,
            shelters: data.shelters.features.length,
            rescueTeams: data.rescueTeams.features.length,
            warehouses: data.warehouses.features.length,
            warnings: warnings.length,
            incidents: incidents.length,
          }
        : {},
    [data, warnings.length, incidents.length],
  );
  const toggle = useCallback(
    (group: LayerGroupId) => setVisibility((current) => ({ ...current, [group]: !current[group] })),
    [],
  );

  return (
    <div className="map-view">
      <LayerPanel visibility={visibility} onToggle={toggle} counts={counts} />
      <section className="map-view__map">
        <DistrictMap
          data={data}
          visibility={visibility}
          selection={selection}
          onSelect={setSelection}
          warnings={warnings}
          incidents={incidents}
          pointStates={pointStates}
        />
        <MapStatus state={state} onRetry={reload} />
      </section>
      {data && selected && (
        <FeatureDetailsPanel
          selected={selected}
          subdistricts={data.subdistricts}
          pointState={
            selection?.kind === 'waterlogging' ? pointStates.get(selection.id) : undefined
          }
          onClose={() => setSelection(null)}
        />
      )}
    </div>
  );
}
