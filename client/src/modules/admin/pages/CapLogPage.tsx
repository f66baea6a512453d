import { capFeedRoutes } from '@sanfang/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

const LIMITS = ['50', '100', '200', '500'] as const;

/**
 * Every CAP message received (push and pull), newest first, a page at a time: outcome, signature,
 * lifetime. Newer / older step through the pages; the range says where the page is in the log.
 */
export function CapLogPage() {
  const { t } = useTranslation();
  const [limit, setLimit] = useState<(typeof LIMITS)[number]>('100');
  const [offset, setOffset] = useState(0);
  const options = useMemo(() => ({ query: { limit, offset: String(offset) } }), [limit, offset]);
  const log = useApiQuery(capFeedRoutes.log, options, { invalidateOn: ['cap.*'] });
  const size = Number(limit);
  const total = log.data?.total ?? 0;
  const shown = log.data?.messages.length ?? 0;
  return (
    <main className="admin-page" data-testid="page-cap-log">
      <h2>{t('adm.capLog.title')}</h2>
      <label htmlFor="cap-log-limit">{t('adm.capLog.limit')}</label>{' '}
      <select
        id="cap-log-limit"
        value={limit}
        onChange={(e) => {
          setLimit(e.target.value as (typeof LIMITS)[number]);
          setOffset(0);
        }}
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
          {log.data?.messages.map((m) => (
            <tr key={m.id}>
              <td>{new Date(m.receivedAt).toLocaleString()}</td>
              <td>{m.sender}</td>
              <td>{m.headline}</td>
              <td data-msg-type={m.msgType}>{t(`warningDetails.msgTypes.${m.msgType}`)}</td>
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
      <nav
        className="admin-page__pager"
        aria-label={t('adm.capLog.pages')}
        data-testid="cap-log-pager"
      >
        <button
          type="button"
          className="button button--small"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - size))}
          data-testid="cap-log-newer"
        >
          {t('adm.capLog.previous')}
        </button>{' '}
        <span role="status" data-testid="cap-log-range">
          {log.data && total === 0
            ? t('adm.capLog.empty')
            : log.data
              ? t('adm.capLog.range', { from: offset + 1, to: offset + shown, total })
              : ''}
        </span>{' '}
        <button
          type="button"
          className="button button--small"
          disabled={offset + size >= total}
          onClick={() => setOffset(offset + size)}
          data-testid="cap-log-older"
        >
          {t('adm.capLog.next')}
        </button>
      </nav>
    </main>
  );
}
