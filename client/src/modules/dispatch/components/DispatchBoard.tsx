import type { DispatchDto, ResponseDto } from '@sanfang/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import type { DispatchMap } from '../state/applyDispatchEvents';
import { byUrgency, countDispatches, pendingDeadline, secondsToDeadline } from '../utils/urgency';

interface DispatchBoardProps {
  responses: readonly ResponseDto[];
  dispatches: DispatchMap;
}

// Thousands of rows would drown the board (and the browser); the most urgent are what matter.
const ROW_LIMIT = 200;

function DispatchRow({ d, now }: { d: DispatchDto; now: number }) {
  const { t } = useTranslation();
  const due = pendingDeadline(d);
  const left = secondsToDeadline(d, now);
  const overdue = left !== null && left <= 0;
  const escalation = Math.max(d.ackEscalationStep, d.arriveEscalationStep);
  return (
    <li
      className={`dispatch-row${overdue ? ' dispatch-row--overdue' : ''}`}
      data-dispatch-id={d.id}
      data-status={d.status}
      data-overdue={overdue ? '1' : '0'}
    >
      <span className="dispatch-row__point">
        <strong>{d.pointName}</strong> <span className="dispatch-row__code">{d.pointCode}</span>
      </span>
      <span className="dispatch-row__who">
        {t(`contactRoles.${d.role}`)} · {d.contactName}
      </span>
      <span className="dispatch-row__status">
        {t(`dispatchBoard.statuses.${d.status}`)}
        {d.ackLate && <em className="dispatch-row__late">{t('dispatchBoard.late')}</em>}
        {d.arrivalFar && <em className="dispatch-row__late">{t('dispatchBoard.far')}</em>}
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
      {escalation > 0 && (
        <span className="dispatch-row__escalation" data-testid="escalation-step">
          {t('dispatchBoard.escalation', {
            ladder: t(`dispatchBoard.ladders.${d.arriveEscalationStep > 0 ? 'arrive' : 'ack'}`),
            step: escalation,
          })}
        </span>
      )}
    </li>
  );
}

/** Per response: counts and every call-out sorted by urgency, with live clocks. */
export function DispatchBoard({ responses, dispatches }: DispatchBoardProps) {
  const { t } = useTranslation();
  const now = useNow();
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = responses.find((r) => r.id === chosen) ?? responses[0] ?? null;
  const list = useMemo(
    () => (selected ? [...dispatches.values()].filter((d) => d.responseId === selected.id) : []),
    [dispatches, selected],
  );
  // Re-sorting each second keeps rows that just went overdue where they belong.
  const sorted = useMemo(() => byUrgency(list), [list]);
  const counts = countDispatches(list, now);

  return (
    <section
      className="dispatch-board"
      aria-labelledby="dispatch-board-title"
      data-testid="dispatch-board"
    >
      <h2 id="dispatch-board-title">{t('dispatchBoard.title')}</h2>
      {responses.length === 0 ? (
        <p className="panel__empty">{t('dispatchBoard.noResponse')}</p>
      ) : (
        <>
          {responses.length > 1 && (
            <div className="dispatch-board__tabs" role="tablist">
              {responses.map((r) => (
                <button
                  key={r.id}
                  type="button"
                  role="tab"
                  aria-selected={r.id === selected?.id}
                  className="button button--small"
                  onClick={() => setChosen(r.id)}
                >
                  {t(`ackHazards.${r.hazard}`)} {t(`ackLevels.${r.level}`)}
                </button>
              ))}
            </div>
          )}
          <dl className="dispatch-board__counts" data-testid="dispatch-counts">
            <div data-count="notified">
              <dt>{t('dispatchBoard.counts.notified')}</dt>
              <dd>{counts.notified}</dd>
            </div>
            <div data-count="acknowledged">
              <dt>{t('dispatchBoard.counts.acknowledged')}</dt>
              <dd>{counts.acknowledged}</dd>
            </div>
            <div data-count="onSite">
              <dt>{t('dispatchBoard.counts.onSite')}</dt>
              <dd>{counts.onSite}</dd>
            </div>
            <div data-count="overdue" className={counts.overdue > 0 ? 'is-overdue' : ''}>
              <dt>{t('dispatchBoard.counts.overdue')}</dt>
              <dd>{counts.overdue}</dd>
            </div>
          </dl>
          {sorted.length === 0 ? (
            <p className="panel__empty">{t('dispatchBoard.empty')}</p>
          ) : (
            <ol className="dispatch-board__list">
              {sorted.slice(0, ROW_LIMIT).map((d) => (
                <DispatchRow key={d.id} d={d} now={now} />
              ))}
            </ol>
          )}
          {sorted.length > ROW_LIMIT && (
            <p className="panel__more">
              {t('dispatchBoard.more', { count: sorted.length - ROW_LIMIT })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
