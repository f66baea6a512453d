import { capFeedRoutes } from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

const LIMITS = ['50', '100', '200', '500'] as const;

/** Every CAP message received (push and pull), newest first: outcome, signature, lifetime. */
export function CapLogPage() {
  const { t } = useTranslation();
  const [limit, setLimit] = useState<(typeof LIMITS)[number]>('100');
  const log = useApiQuery(capFeedRoutes.log, { query: { limit } }, { invalidateOn: ['cap.*'] });
  return (
    <main className="admin-page" data-testid="page-cap-log">
      <h2>{t('adm.capLog.title')}</h2>
      <label htmlFor="cap-log-limit">{t('adm.capLog.limit')}</label>{' '}
      <select
        id="cap-log-limit"
        value={limit}
        onChange={(e) => setLimit(e.target.value as (typeof LIMITS)[number])}
      >
        {LIMITS.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
      {log.error !== null && <ActionError error={log.error} />}
      <table className="resource-table" data-testid="cap-log">
        <caption className="visually-hidden">{t('adm.capLog.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('adm.capLog.received')}</th>
            <th scope="col">{t('adm.capLog.sender')}</th>
            <th scope="col">{t('adm.capLog.headline')}</th>
            <th scope="col">{t('adm.capLog.msgType')}</th>
            <th scope="col">{t('adm.capLog.outcome')}</th>
            <th scope="col">{t('adm.capLog.source')}</th>
            <th scope="col">{t('adm.capLog.expires')}</th>
          </tr>
        </thead>
        <tbody>
          {log.data?.map((m) => (
            <tr key={m.id}>
              <td>{new Date(m.receivedAt).toLocaleString()}</td>
              <td>{m.sender}</td>
              <td>{m.headline}</td>
              <td>{m.msgType}</td>
              <td>
                {t(`eventDetails.capOutcomes.${m.outcome}`)}
                {m.orphan ? ` (${t('adm.capLog.orphan')})` : ''}
              </td>
              <td>{m.source === 'pull' ? t('adm.capLog.pull') : t('adm.capLog.push')}</td>
              <td>
                {m.expires ? new Date(m.expires).toLocaleString() : '—'}
                {m.expiresAssumed ? ` (${t('adm.capLog.assumed')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
