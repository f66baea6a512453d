import type { DispatchDto } from '@sanfang/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import { useSession } from '../../auth/state/useSession';
import { pendingDeadline, secondsToDeadline } from '../utils/urgency';

interface DispatchRowProps {
  d: DispatchDto;
  now: number;
  /** Position in the (virtualised) list, for screen readers: "row 3 of 2,436". */
  index: number;
  total: number;
  /** Offset from the list's top and the row's fixed height (px). */
  start: number;
  height: number;
  /** Its messages are shown below the list. */
  open: boolean;
  /** Opens or closes this call-out's messages (by its id). */
  onToggle: (id: string) => void;
  /** Shows this call-out's point on the map (by its id). */
  onShow: (pointId: string) => void;
}

/**
 * One call-out on two lines: point (opens it on the map) and contact; status, escalation and
 * the clock it works against. Admins open the messages sent for it.
 */
export const DispatchRow = memo(function DispatchRow({
  d,
  now,
  index,
  total,
  start,
  height,
  open,
  onToggle,
  onShow,
}: DispatchRowProps) {
  const { t } = useTranslation();
  const isAdmin = useSession().user.role === 'admin';
  const due = pendingDeadline(d);
  const left = secondsToDeadline(d, now);
  const overdue = left !== null && left <= 0;
  const escalation = Math.max(d.ackEscalationStep, d.arriveEscalationStep);
  return (
    <li
      aria-setsize={total}
      aria-posinset={index + 1}
      className={`dispatch-row${overdue ? ' dispatch-row--overdue' : ''}`}
      style={{ position: 'absolute', left: 0, right: 0, top: 0, height, translate: `0 ${start}px` }}
      data-dispatch-id={d.id}
      data-status={d.status}
      data-overdue={overdue ? '1' : '0'}
    >
      <span className="dispatch-row__point">
        <button
          type="button"
          className="link-button"
          onClick={() => onShow(d.pointId)}
          title={t('dispatchBoard.showOnMap')}
          data-testid="dispatch-show-point"
        >
          <strong>{d.pointName}</strong> <span className="dispatch-row__code">{d.pointCode}</span>
        </button>
      </span>
      <span className="dispatch-row__who">
        {t(`contactRoles.${d.role}`)} · {d.contactName}
      </span>
      <span className="dispatch-row__status">
        {t(`dispatchBoard.statuses.${d.status}`)}
        {d.ackLate && <em className="dispatch-row__late">{t('dispatchBoard.late')}</em>}
        {d.arrivalFar && <em className="dispatch-row__late">{t('dispatchBoard.far')}</em>}
        {escalation > 0 && (
          <span className="dispatch-row__escalation" data-testid="escalation-step">
            {t('dispatchBoard.escalation', {
              ladder: t(`dispatchBoard.ladders.${d.arriveEscalationStep > 0 ? 'arrive' : 'ack'}`),
              step: escalation,
            })}
          </span>
        )}
        {isAdmin && (
          <button
            type="button"
            className="link-button dispatch-row__more"
            aria-expanded={open}
            aria-controls="dispatch-messages"
            onClick={() => onToggle(d.id)}
            data-testid="dispatch-messages-toggle"
          >
            {t('dispatchBoard.messages.show')}
          </button>
        )}
      </span>
      <span className="dispatch-row__clock" data-testid="dispatch-clock">
        {due && left !== null ? (
          <time dateTime={new Date(due.at).toISOString()} title={formatTime(due.at)}>
            {t(`dispatchBoard.clock.${due.kind}`)}{' '}
            {overdue
              ? t('dispatchBoard.overdueBy', { time: formatDuration(-left) })
              : formatDuration(left)}
          </time>
        ) : d.arrivedAt ? (
          t('dispatchBoard.arrivedAt', { time: formatTime(d.arrivedAt, { date: false }) })
        ) : d.acknowledgedAt ? (
          t('dispatchBoard.ackedAt', { time: formatTime(d.acknowledgedAt, { date: false }) })
        ) : (
          '—'
        )}
      </span>
    </li>
  );
});
