import { incidentsRoutes } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

/**
 * Every report the incident was made of, as received: the one that opened it and each repeat
 * from another source merged into it (`incident.report_merged`), oldest first.
 */
export function IncidentReports({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const options = useMemo(() => ({ params: { id: incidentId } }), [incidentId]);
  const reports = useApiQuery(incidentsRoutes.reports, options, {
    invalidateOn: ['incident.reported', 'incident.report_merged', 'incident.updated'],
  });
  return (
    <>
      <h3 id="incident-reports-h">{t('incidentPage.reports')}</h3>
      {reports.error !== null && <ActionError error={reports.error} />}
      {reports.data?.length === 0 && (
        <p className="details-panel__empty">{t('incidentPage.noReports')}</p>
      )}
      {reports.data && reports.data.length > 0 && (
        <table
          className="desk-table"
          aria-labelledby="incident-reports-h"
          data-testid="incident-reports"
        >
          <thead>
            <tr>
              <th scope="col">{t('incidentPage.receivedAt')}</th>
              <th scope="col">{t('incidentPage.source')}</th>
              <th scope="col">{t('incidentPage.externalId')}</th>
              <th scope="col">{t('incidentDetails.type')}</th>
              <th scope="col">{t('incidentDetails.description')}</th>
              <th scope="col">{t('incidentDetails.casualties')}</th>
              <th scope="col">{t('incidentDetails.loss')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.data.map((r) => (
              <tr key={r.id} data-report-source={r.source}>
                <td>
                  <time dateTime={r.receivedAt}>{formatTime(r.receivedAt, { seconds: true })}</time>
                </td>
                <td>{r.source}</td>
                <td>{r.externalId}</td>
                <td>{t(`incidentTypes.${r.type}`)}</td>
                <td>{r.description}</td>
                <td>{t('incidentDetails.casualtiesValue', { ...r.casualties })}</td>
                <td>{t('incidentDetails.lossValue', { value: r.directLossCny })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
