import { useTranslation } from 'react-i18next';
import type { ShelterProps } from '@sanfang/shared';
import { PhoneLink } from './PhoneLink';

interface ShelterDetailsProps {
  shelter: ShelterProps;
}

export function ShelterDetails({ shelter }: ShelterDetailsProps) {
  const { t } = useTranslation();
  return (
    <dl className="details-list">
      <dt>{t('details.status')}</dt>
      <dd className={`status status--${shelter.status}`}>
        {t(`shelterStatuses.${shelter.status}`)}
      </dd>
      <dt>{t('details.capacity')}</dt>
      <dd>{shelter.capacity.toLocaleString()}</dd>
      <dt>{t('details.occupancy')}</dt>
      <dd>
        {shelter.occupancy.toLocaleString()} / {shelter.capacity.toLocaleString()}
      </dd>
      <dt>{t('details.occupancyDay')}</dt>
      <dd>{shelter.occupancyDay.toLocaleString()}</dd>
      <dt>{t('details.occupancyNight')}</dt>
      <dd>{shelter.occupancyNight.toLocaleString()}</dd>
      {shelter.alarmLevel !== 'none' && (
        <>
          <dt>{t('details.alarm')}</dt>
          <dd className={`status status--${shelter.alarmLevel}`}>
            {t(`shelterAlarms.${shelter.alarmLevel}`)}
          </dd>
        </>
      )}
      <dt>{t('details.address')}</dt>
      <dd>{shelter.address}</dd>
      <dt>{t('details.manager')}</dt>
      <dd>
        {shelter.managerName} <PhoneLink phone={shelter.managerPhone} />
      </dd>
    </dl>
  );
}
