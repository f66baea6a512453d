import { notificationsRoutes } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

/** The messages sent for one call-out (call-out, reminders, escalations) and their delivery. */
export function DispatchMessages({ dispatchId }: { dispatchId: string }) {
  const { t } = useTranslation();
  const options = useMemo(() => ({ query: { dispatchId } }), [dispatchId]);
  const messages = useApiQuery(notificationsRoutes.list, options, {
    invalidateOn: ['dispatch.*'],
  });
  return (
    <div className="dispatch-row__messages" data-testid="dispatch-messages">
      {messages.isPending ? (
        <p>{t('dispatchBoard.messages.loading')}</p>
      ) : messages.isError ? (
        <ActionError error={messages.error} />
      ) : messages.data.length === 0 ? (
        <p>{t('dispatchBoard.messages.none')}</p>
      ) : (
        <ul>
          {messages.data.map((m) => (
            <li key={m.id} data-status={m.status}>
              <span>{t(`dispatchBoard.messages.kinds.${m.kind}`)}</span> · <span>{m.address}</span>{' '}
              · <strong>{t(`dispatchBoard.messages.statuses.${m.status}`)}</strong>
              {m.deliveredAt && <> · {formatTime(m.deliveredAt, { date: false })}</>}
              {m.attempts > 1 && (
                <> · {t('dispatchBoard.messages.attempts', { count: m.attempts })}</>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
