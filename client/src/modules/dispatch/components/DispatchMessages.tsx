import { notificationsRoutes, type DispatchDto } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

/** The messages sent for one call-out (call-out, reminders, escalations) and their delivery. */
export function DispatchMessages({ dispatch }: { dispatch: DispatchDto }) {
  const { t } = useTranslation();
  const dispatchId = dispatch.id;
  const title = t('dispatchBoard.messages.title', {
    point: dispatch.pointName,
    contact: dispatch.contactName,
  });
  const options = useMemo(() => ({ query: { dispatchId } }), [dispatchId]);
  const messages = useApiQuery(notificationsRoutes.list, options, {
    invalidateOn: ['dispatch.*'],
  });
  return (
    <section
      id="dispatch-messages"
      className="dispatch-messages"
      aria-label={title}
      data-testid="dispatch-messages"
    >
      <h3>{title}</h3>
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
    </section>
  );
}
