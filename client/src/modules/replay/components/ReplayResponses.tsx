import { responsesRoutes } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatTime } from '../../../utils/formatTime';
import { useApiQuery } from '../../data/useApiQuery';
import { replayHref } from '../../../utils/replayParam';

const SHOWN = 12;
/** Before a response starts and after it ends: the warning that led to it, the stand-down after. */
const MARGIN_MS = 30 * 60_000;

/** The latest responses, each a link to its replay (start − 30 min .. end + 30 min, or now). */
export function ReplayResponses() {
  const { t } = useTranslation();
  const query = useMemo(() => ({ query: { status: 'all' as const } }), []);
  const list = useApiQuery(responsesRoutes.list, query, { invalidateOn: ['response.*'] });
  const latest = useMemo(
    () =>
      [...(list.data ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, SHOWN),
    [list.data],
  );
  return (
    <section className="replay-responses" aria-labelledby="replay-responses-title">
      <h3 id="replay-responses-title">{t('replay.responses.title')}</h3>
      {latest.length === 0 ? (
        <p className="panel__empty">
          {list.isPending ? t('replay.responses.loading') : t('replay.responses.none')}
        </p>
      ) : (
        <ul className="replay-responses__list">
          {latest.map((r) => {
            const from = Date.parse(r.startedAt) - MARGIN_MS;
            const to = r.endedAt ? Date.parse(r.endedAt) + MARGIN_MS : Date.now();
            return (
              <li key={r.id} data-response-id={r.id}>
                <Link to={replayHref({ from, to })} data-testid="replay-response-link">
                  {t('replay.responses.item', {
                    hazard: t(`ackHazards.${r.hazard}`),
                    level: t(`ackLevels.${r.level}`),
                    from: formatTime(r.startedAt),
                    to: r.endedAt ? formatTime(r.endedAt) : t('replay.responses.ongoing'),
                  })}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
