import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCallback, useMemo, useState } from 'react';
import { useNow } from '../../../hooks/useNow';
import { useDispatches } from '../../dispatch/state/DispatchesProvider';
import { pointStates } from '../../dispatch/utils/pointState';
import { IncidentDetailsPanel } from '../../incidents/components/IncidentDetailsPanel';
import { useIncidents } from '../../incidents/state/IncidentsProvider';
import { incidentFeatures } from '../../incidents/state/applyIncidentEvents';
import { WarningDetailsPanel } from '../../warnings/components/WarningDetailsPanel';
import { useWarnings } from '../../warnings/state/WarningsProvider';
import { warningFeatures } from '../../warnings/utils/warningGeoJson';
import {
  ALL_VISIBLE,
  isReferenceKind,
  type LayerGroupId,
  type LayerVisibility,
} from '../../map/layers/layerGroups';
import { useReferenceData } from '../../map/state/referenceDataContext';
import { resolveSelection } from '../../map/state/selection';
import { useSelectionParam } from '../../map/state/useSelectionParam';
import { DistrictMap } from '../../map/components/DistrictMap';
import { FeatureDetailsPanel } from '../../map/components/FeatureDetailsPanel';
import { LayerPanel } from '../../map/components/LayerPanel';
import { MapStatus } from '../../map/components/MapStatus';
import { FeatureFinder } from './FeatureFinder';

// Overdue is a matter of time passing, not of events: re-derive point colours this often.
const POINT_STATE_TICK_MS = 5_000;

/**
 * Layer panel and feature list | map | details panel, all read from the console's live feature
 * providers. The selection is the URL's `?select=kind:id`: back, forward and reload keep it.
 */
export function DistrictMapView() {
  const { state, reload } = useReferenceData();
  const { warnings } = useWarnings();
  const incidents = useIncidents();
  const { all: dispatches } = useDispatches();
  const tick = useNow(POINT_STATE_TICK_MS);
  const { t } = useTranslation();
  const [visibility, setVisibility] = useState<LayerVisibility>(ALL_VISIBLE);
  const [selection, setSelection] = useSelectionParam();
  const data = state.status === 'ready' ? state.data : null;

  const warningLayer = useMemo(
    () => (data ? warningFeatures(warnings.byId.values(), data.subdistricts, data.district) : []),
    [data, warnings],
  );
  const incidentLayer = useMemo(() => incidentFeatures(incidents.incidents.values()), [incidents]);
  const alarmDepths = useMemo(
    () =>
      new Map(
        data?.waterloggingPoints.features.map((f) => [f.properties.id, f.properties.alarmDepthM]),
      ),
    [data],
  );
  const states = useMemo(
    () => pointStates(dispatches, incidents.ponding, tick, (id) => alarmDepths.get(id)),
    [dispatches, incidents.ponding, tick, alarmDepths],
  );

  const selected = useMemo(
    () =>
      data && selection && isReferenceKind(selection.kind)
        ? resolveSelection(data, { kind: selection.kind, id: selection.id })
        : null,
    [data, selection],
  );
  const close = useCallback(() => setSelection(null), [setSelection]);
  const counts = useMemo<Partial<Record<LayerGroupId, number>>>(
    () =>
      data
        ? {
            subdistricts: data.subdistricts.features.length,
            waterlogging: data.waterloggingPoints.features.length,
            shelters: data.shelters.features.length,
            rescueTeams: data.rescueTeams.features.length,
            warehouses: data.warehouses.features.length,
            warnings: warningLayer.length,
            incidents: incidentLayer.length,
          }
        : {},
    [data, warningLayer.length, incidentLayer.length],
  );
  const toggle = useCallback(
    (group: LayerGroupId) => setVisibility((current) => ({ ...current, [group]: !current[group] })),
    [],
  );

  return (
    <div className="map-view">
      <div className="map-view__left">
        <LayerPanel visibility={visibility} onToggle={toggle} counts={counts} />
        <FeatureFinder selection={selection} onSelect={setSelection} />
      </div>
      <section className="map-view__map">
        <DistrictMap
          data={data}
          visibility={visibility}
          selection={selection}
          onSelect={setSelection}
          warnings={warningLayer}
          incidents={incidentLayer}
          pointStates={states}
        />
        <MapStatus state={state} onRetry={reload} />
      </section>
      {data && selected && (
        <FeatureDetailsPanel
          selected={selected}
          subdistricts={data.subdistricts}
          pointState={selection?.kind === 'waterlogging' ? states.get(selection.id) : undefined}
          onClose={close}
        />
      )}
      {data && selection?.kind === 'incident' && (
        <IncidentDetailsPanel
          key={selection.id}
          incidentId={selection.id}
          known={incidents.incidents.get(selection.id)}
          subdistricts={data.subdistricts}
          onClose={close}
        />
      )}
      {data && selection?.kind === 'warning' && (
        <WarningDetailsPanel
          key={selection.id}
          warningId={selection.id}
          known={warnings.byId.get(selection.id)}
          subdistricts={data.subdistricts}
          onClose={close}
          callsLink={
            <Link to={`/warnings/${selection.id}/calls`} data-testid="warning-calls-link">
              {t('warningDetails.calls')}
            </Link>
          }
        />
      )}
    </div>
  );
}
