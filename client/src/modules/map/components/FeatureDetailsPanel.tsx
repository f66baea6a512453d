import { useTranslation } from 'react-i18next';
import type { SubdistrictCollection } from '@sanfang/shared';
import { useLanguage } from '../../../i18n/useLanguage';
import type { PointState } from '../../../vocabulary/pointStates';
import type { SelectedFeature } from '../state/selection';
import { subdistrictName } from '../utils/subdistrictName';
import { DetailsPanel } from './DetailsPanel';
import { RescueTeamDetails } from './RescueTeamDetails';
import { ShelterDetails } from './ShelterDetails';
import { WarehouseDetails } from './WarehouseDetails';
import { WaterloggingPointDetails } from './WaterloggingPointDetails';

interface FeatureDetailsPanelProps {
  selected: SelectedFeature;
  subdistricts: SubdistrictCollection;
  onClose: () => void;
  /** Console state of a selected waterlogging point (from its dispatches and sensor). */
  pointState?: PointState;
}

export function FeatureDetailsPanel({
  selected,
  subdistricts,
  onClose,
  pointState,
}: FeatureDetailsPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { properties } = selected.feature;
  const subdistrict =
    subdistrictName(subdistricts, properties.subdistrictCode, language) ??
    t('details.unknownSubdistrict');

  return (
    <DetailsPanel kind={selected.kind} title={properties.name} onClose={onClose}>
      <dl className="details-list">
        <dt>{t('details.code')}</dt>
        <dd>{properties.code}</dd>
        <dt>{t('details.subdistrict')}</dt>
        <dd>{subdistrict}</dd>
        {selected.kind === 'waterlogging' && (
          <>
            <dt>{t('pointStates.label')}</dt>
            <dd data-testid="point-state">{t(`pointStates.${pointState ?? 'quiet'}`)}</dd>
          </>
        )}
      </dl>
      {selected.kind === 'waterlogging' && (
        <WaterloggingPointDetails point={selected.feature.properties} />
      )}
      {selected.kind === 'shelter' && <ShelterDetails shelter={selected.feature.properties} />}
      {selected.kind === 'team' && <RescueTeamDetails team={selected.feature.properties} />}
      {selected.kind === 'warehouse' && (
        <WarehouseDetails warehouse={selected.feature.properties} />
      )}
    </DetailsPanel>
  );
}
