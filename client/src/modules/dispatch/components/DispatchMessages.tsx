import { dispatchesRoutes, type DispatchDto, type DispatchMessageDto } from '@sanfang/shared';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

/** Who a message went to: the contact's role at the point, or the console user's role. */
function recipientRole(m: DispatchMessageDto, t: TFunction): string | null {
  const role = m.recipientRole;
  if (!role) return null;
  return m.recipientKind === 'contact'
    ? t(`contactRoles.${role}`, { defaultValue: role })
    : t(`roles.${role}`, { defaultValue: role });
}

/**
 * The messages sent for one call-out (call-out, reminders, escalations), whom each went to, and
 * where each is on its way to the phone: the delivery state (queued … delivered, failed,
 * expired), the gateway's message ids once submitted, and the gateway's or receipt's error.
 * For the console roles (GET /api/dispatches/:id/messages); refreshed by the delivery events.
 */
export function DispatchMessages({ dispatch }: { dispatch: DispatchDto }) {
  const { t } = useTranslation();
  const dispatchId = dispatch.id;
  const title = t('dispatchBoard.messages.title', {
    point: dispatch.pointName,
    contact: dispatch.contactName,
  });
  const options = useMemo(() => ({ params: { id: dispatchId } }), [dispatchId]);
  const messages = useApiQuery(dispatchesRoutes.messages, options, {
    invalidateOn: ['dispatch.*', 'notification.delivery_changed'],
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
            <li
              key={m.id}
              data-status={m.status}
              data-delivery-state={m.deliveryState}
              data-testid="dispatch-message"
            >
              <span>{t(`dispatchBoard.messages.kinds.${m.kind}`)}</span> ·{' '}
              <span data-testid="dispatch-message-recipient">
                {m.recipientName}
                {recipientRole(m, t) && <> ({recipientRole(m, t)})</>}
              </span>{' '}
              · <span>{m.address}</span> · <span>{formatTime(m.createdAt, { date: false })}</span> ·{' '}
              <strong className={`dispatch-messages__state--${m.deliveryState}`}>
                {t(`dispatchBoard.messages.deliveryStates.${m.deliveryState}`)}
              </strong>
              {m.deliveredAt && <> · {formatTime(m.deliveredAt, { date: false })}</>}
              {m.attempts > 1 && (
                <> · {t('dispatchBoard.messages.attempts', { count: m.attempts })}</>
              )}
              {m.gatewayIds.length > 0 && (
                <>
                  {' '}
                  ·{' '}
                  <span className="dispatch-messages__gateway">
                    {t('dispatchBoard.messages.gatewayIds', { ids: m.gatewayIds.join(', ') })}
                  </span>
                </>
              )}
              {m.deliveryError && (
                <div className="dispatch-messages__error" data-testid="dispatch-message-error">
                  {t('dispatchBoard.messages.deliveryError', { error: m.deliveryError })}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
