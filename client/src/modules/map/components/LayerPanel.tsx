import { useTranslation } from 'react-i18next';
import { INCIDENT_GRADES, SIGNAL_COLOURS } from '@sanfang/shared';
import { POINT_STATES } from '../../../vocabulary/pointStates';
import { SIGNAL_HEX } from '../../../vocabulary/signal';
import { SHELTER_STATUSES_FOR_LEGEND, TEAM_KINDS_FOR_LEGEND } from '../layers/legend';
import { LAYER_GROUPS, type LayerGroupId, type LayerVisibility } from '../layers/layerGroups';
import { CLUSTER_STEPS, PALETTE } from '../layers/palette';
import { LegendSwatch } from './LegendSwatch';

interface LayerPanelProps {
  visibility: LayerVisibility;
  onToggle: (group: LayerGroupId) => void;
  /** Feature counts per group, once loaded. */
  counts: Partial<Record<LayerGroupId, number>>;
}

/** Toggles and legend, kept outside the map so it never covers features. */
export function LayerPanel({ visibility, onToggle, counts }: LayerPanelProps) {
  const { t } = useTranslation();

  function legendFor(group: LayerGroupId) {
    switch (group) {
      case 'district':
        return <LegendSwatch shape="line" colour={PALETTE.districtOutline} />;
      case 'subdistricts':
        return <LegendSwatch shape="area" colour={PALETTE.subdistrictFills[0]} />;
      case 'warnings':
        return (
          <ul className="layer-panel__keys">
            {SIGNAL_COLOURS.filter((c) => c !== 'white').map((c) => (
              <li key={c}>
                <LegendSwatch shape="area" colour={SIGNAL_HEX[c]} />
                {t(`warnings.colours.${c}`)}
              </li>
            ))}
          </ul>
        );
      case 'incidents':
        return (
          <ul className="layer-panel__keys">
            {INCIDENT_GRADES.map((g) => (
              <li key={g}>
                <LegendSwatch shape="dot" colour={PALETTE.incident[g]} />
                {t(`incidentGrades.${g}`)}
              </li>
            ))}
          </ul>
        );
      case 'waterlogging':
        return (
          <>
            <ul className="layer-panel__keys">
              {POINT_STATES.map((state) => (
                <li key={state}>
                  <LegendSwatch shape="dot" colour={PALETTE.pointState[state]} />
                  {t(`pointStates.${state}`)}
                </li>
              ))}
            </ul>
            <span className="layer-panel__clusters" title={t('layers.clusterHint')}>
              {CLUSTER_STEPS.map((step) => (
                <LegendSwatch
                  key={step.minCount}
                  shape="dot"
                  colour={PALETTE.waterloggingCluster}
                  size={step.radius}
                />
              ))}
            </span>
          </>
        );
      case 'shelters':
        return (
          <ul className="layer-panel__keys">
            {SHELTER_STATUSES_FOR_LEGEND.map((status) => (
              <li key={status}>
                <LegendSwatch shape="dot" colour={PALETTE.shelter[status]} />
                {t(`shelterStatuses.${status}`)}
              </li>
            ))}
          </ul>
        );
      case 'rescueTeams':
        return (
          <ul className="layer-panel__keys">
            {TEAM_KINDS_FOR_LEGEND.map((kind) => (
              <li key={kind}>
                <LegendSwatch shape="dot" colour={PALETTE.team[kind]} />
                {t(`teamKinds.${kind}`)}
              </li>
            ))}
          </ul>
        );
      case 'warehouses':
        return <LegendSwatch shape="ring" colour={PALETTE.warehouse} />;
    }
  }

  return (
    <aside className="layer-panel" aria-labelledby="layer-panel-title">
      <h2 id="layer-panel-title">{t('layers.title')}</h2>
      <ul className="layer-panel__groups">
        {LAYER_GROUPS.map((group) => {
          const count = counts[group];
          return (
            <li key={group} className="layer-panel__group">
              <label>
                <input
                  type="checkbox"
                  checked={visibility[group]}
                  onChange={() => onToggle(group)}
                  data-layer-group={group}
                />
                <span className="layer-panel__name">{t(`layers.${group}`)}</span>
                {count !== undefined && (
                  <span className="layer-panel__count">{t('layers.count', { count })}</span>
                )}
              </label>
              <div className="layer-panel__legend">{legendFor(group)}</div>
            </li>
          );
        })}
      </ul>
      <p className="layer-panel__hint">{t('layers.clusterHint')}</p>
    </aside>
  );
}
