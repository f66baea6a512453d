import type { DispatchDto } from '@sanfang/shared';
import type { TFunction } from 'i18next';
import { memo, useMemo } from 'react';
import { useNow } from '../../../hooks/useNow';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import { pendingDeadline, secondsToDeadline } from '../utils/urgency';

interface DispatchRowProps {
  d: DispatchDto;
  /** Past its pending deadline (the board reads the shared clock once for all rows). */
  overdue: boolean;
  /** The board's translate function and the viewer's role: one lookup for all rows. */
  t: TFunction;
  readsMessages: boolean;
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
 * the clock it works against. The console roles open the messages sent for it.
 *
 * Cheap to mount, since scrolling mounts a screenful of them a frame: no hooks of its own (the
 * board passes `t`, the role and `overdue`), and only its clock re-renders each second.
 */
export const DispatchRow = memo(function DispatchRow({
  d,
  overdue,
  t,
  readsMessages,
  index,
  total,
  start,
  height,
  open,
  onToggle,
  onShow,
}: DispatchRowProps) {
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
        {readsMessages && (
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
        {pendingDeadline(d) ? (
          <DispatchClock d={d} t={t} />
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

/** The countdown to the call-out's pending deadline: the one part of a row that ticks. */
const DispatchClock = memo(function DispatchClock({ d, t }: { d: DispatchDto; t: TFunction }) {
  const now = useNow();
  const due = pendingDeadline(d);
  const at = due?.at ?? null;
  // Formatted once per deadline, not per tick.
  const title = useMemo(() => (at === null ? null : formatTime(at)), [at]);
  const left = secondsToDeadline(d, now);
  if (!due || left === null || title === null) return null;
  return (
    <time dateTime={new Date(due.at).toISOString()} title={title}>
      {t(`dispatchBoard.clock.${due.kind}`)}{' '}
      {left <= 0
        ? t('dispatchBoard.overdueBy', { time: formatDuration(-left) })
        : formatDuration(left)}
    </time>
  );
});
