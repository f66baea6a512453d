import { Link } from 'react-router';
import type { IncidentDto, Role, WarningDto } from '@sanfang/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PointState } from '../../../vocabulary/pointStates';
import { IncidentDetailsPanel } from '../../incidents/components/IncidentDetailsPanel';
import type { ResponsesState } from '../../responses/state/applyResponseEvents';
import { WarningDetailsPanel } from '../../warnings/components/WarningDetailsPanel';
import type { ReferenceDataState } from '../../map/state/referenceDataState';
import type { KeyedFeature } from '../../map/live/featureDiff';
import {
  ALL_VISIBLE,
  isReferenceKind,
  type LayerGroupId,
  type LayerVisibility,
} from '../../map/layers/layerGroups';
import { resolveSelection, type MapSelection } from '../../map/state/selection';
import { DistrictMap } from '../../map/components/DistrictMap';
import { FeatureDetailsPanel } from '../../map/components/FeatureDetailsPanel';
import { LayerPanel } from '../../map/components/LayerPanel';
import { MapStatus } from '../../map/components/MapStatus';

interface DistrictMapViewProps {
  /** Reference data, loaded (and kept live) by the console page. */
  state: ReferenceDataState;
  reload: () => void;
  warnings: readonly KeyedFeature[];
  incidents: readonly KeyedFeature[];
  pointStates: ReadonlyMap<string, PointState>;
  /** Who is signed in: the details panels offer only what this role may do. */
  session: { token: string; role: Role };
  /** The live copies behind the overlays, shown in their details panels at once. */
  liveIncidents: ReadonlyMap<string, IncidentDto>;
  liveWarnings: ReadonlyMap<string, WarningDto>;
  responses: ResponsesState;
}

/** Layer panel | map | details panel. The dispatch board will sit beside this later. */
export function DistrictMapView({
  state,
  reload,
  warnings,
  incidents,
  pointStates,
  session,
  liveIncidents,
  liveWarnings,
  responses,
}: DistrictMapViewProps) {
  const { t } = useTranslation();
  const [visibility, setVisibility] = useState<LayerVisibility>(ALL_VISIBLE);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const data = state.status === 'ready' ? state.data : null;

  const selected = useMemo(
    () =>
      data && selection && isReferenceKind(selection.kind)
        ? resolveSelection(data, { kind: selection.kind, id: selection.id })
        : null,
    [data, selection],
  );
  const close = useCallback(() => setSelection(null), []);
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
          onClose={close}
        />
      )}
      {data && selection?.kind === 'incident' && (
        <IncidentDetailsPanel
          key={selection.id}
          token={session.token}
          role={session.role}
          incidentId={selection.id}
          known={liveIncidents.get(selection.id)}
          subdistricts={data.subdistricts}
          onClose={close}
        />
      )}
      {data && selection?.kind === 'warning' && (
        <WarningDetailsPanel
          key={selection.id}
          token={session.token}
          warningId={selection.id}
          known={liveWarnings.get(selection.id)}
          subdistricts={data.subdistricts}
          responses={responses}
          canCommand={session.role === 'commander'}
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
