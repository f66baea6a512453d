import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveState } from '../../live/hooks/useLive';
import { formatTime } from '../../../utils/formatTime';
import { EVENT_GROUPS, type EventGroup } from '../../../vocabulary/eventGroups';
import { detailOf, groupOf } from '../utils/summarize';

const SHOWN = 200;

/** The live event stream, newest first, filterable by feature. */
export function EventTimeline() {
  const { t } = useTranslation();
  const { recent } = useLiveState();
  const [hidden, setHidden] = useState<ReadonlySet<EventGroup>>(new Set());
  const rows = useMemo(
    () => recent.filter((e) => !hidden.has(groupOf(e.type))).slice(0, SHOWN),
    [recent, hidden],
  );
  const toggle = (g: EventGroup) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(g)) next.delete(g);
      else next.add(g);
      return next;
    });

  return (
    <section className="timeline" aria-label={t('timeline.title')} data-testid="event-timeline">
      <h2 className="timeline__title">{t('timeline.title')}</h2>
      <div className="timeline__filters" role="group" aria-label={t('timeline.filter')}>
        {EVENT_GROUPS.map((g) => (
          <label key={g} className="timeline__filter">
            <input type="checkbox" checked={!hidden.has(g)} onChange={() => toggle(g)} />
            {t(`timeline.groups.${g}`)}
          </label>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="timeline__empty">{t('timeline.empty')}</p>
      ) : (
        // A scrolling list must be reachable by keyboard (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll box, named by its label
        <ol className="timeline__list" tabIndex={0} aria-label={t('timeline.title')}>
          {rows.map((e) => (
            <li
              key={e.seq}
              className={`timeline__item timeline__item--${groupOf(e.type)}`}
              data-seq={e.seq}
            >
              <time dateTime={e.occurredAt}>{formatTime(e.occurredAt, { seconds: true })}</time>
              <span className="timeline__type">{t(`timeline.types.${e.type}`)}</span>
              <span className="timeline__detail">{detailOf(e, t)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
