import type { IncidentDto, SubdistrictCollection } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/useLanguage';
import { formatTime } from '../../../utils/formatTime';
import { subdistrictName } from '../../map/utils/subdistrictName';

interface IncidentFactsProps {
  incident: IncidentDto;
  subdistricts: SubdistrictCollection;
}

/** Grade, type, status, where, when, casualties: what a duty officer reads out upward. */
export function IncidentFacts({ incident: i, subdistricts }: IncidentFactsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const subdistrict =
    i.subdistrictCode === null ? null : subdistrictName(subdistricts, i.subdistrictCode, language);
  const location = [subdistrict, i.address].filter(Boolean).join(' · ');
  return (
    <>
      <dl className="details-list" data-testid="incident-facts">
        <dt>{t('incidentDetails.grade')}</dt>
        <dd data-testid="incident-grade" data-grade={i.grade}>
          {t(`incidentGrades.${i.grade}`)}
        </dd>
        <dt>{t('incidentDetails.type')}</dt>
        <dd>{t(`incidentTypes.${i.type}`)}</dd>
        <dt>{t('incidentDetails.status')}</dt>
        <dd data-testid="incident-status" data-status={i.status}>
          {t(`incidentStatuses.${i.status}`)}
        </dd>
        <dt>{t('incidentDetails.location')}</dt>
        <dd>{location || t('details.unknownSubdistrict')}</dd>
        {i.lon !== null && i.lat !== null && (
          <>
            <dt>{t('incidentDetails.coordinates')}</dt>
            <dd>
              {i.lon.toFixed(5)}, {i.lat.toFixed(5)}
            </dd>
          </>
        )}
        <dt>{t('incidentDetails.occurredAt')}</dt>
        <dd>
          <time dateTime={i.occurredAt}>{formatTime(i.occurredAt)}</time>
        </dd>
        <dt>{t('incidentDetails.reportedAt')}</dt>
        <dd>
          <time dateTime={i.createdAt}>{formatTime(i.createdAt)}</time>
        </dd>
        <dt>{t('incidentDetails.casualties')}</dt>
        <dd>{t('incidentDetails.casualtiesValue', { ...i.casualties })}</dd>
        {i.directLossCny > 0 && (
          <>
            <dt>{t('incidentDetails.loss')}</dt>
            <dd>
              {t('incidentDetails.lossValue', { value: i.directLossCny.toLocaleString(language) })}
            </dd>
          </>
        )}
        <dt>{t('incidentDetails.reports')}</dt>
        <dd>{i.reportCount}</dd>
        {i.sensorAlarm && (
          <>
            <dt>{t('incidentDetails.sensorAlarm')}</dt>
            <dd>{t('details.yes')}</dd>
          </>
        )}
      </dl>
      {i.description && (
        <>
          <h3>{t('incidentDetails.description')}</h3>
          <p className="details-panel__text">{i.description}</p>
        </>
      )}
    </>
  );
}
