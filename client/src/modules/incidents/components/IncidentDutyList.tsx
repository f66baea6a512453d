import type { ReportingDutyDto } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useSession } from '../../auth/state/useSession';
import { useAction } from '../../api/hooks/useAction';
import { completeDuty } from '../api/incidentsApi';
import { dutyOrder, isOpenDuty } from '../utils/incidentActions';

interface IncidentDutyListProps {
  incidentId: string;
  duties: readonly ReportingDutyDto[];
  canAct: boolean;
  onDone: () => void;
}

/** Reporting duties with their deadlines counting down (configured rules, DOMAIN.md). */
export function IncidentDutyList({ incidentId, duties, canAct, onDone }: IncidentDutyListProps) {
  const { t } = useTranslation();
  const token = useSession().accessToken;
  const now = useNow();
  const { pending, failure, run } = useAction();
  if (duties.length === 0)
    return <p className="details-panel__empty">{t('incidentDetails.noDuties')}</p>;
  return (
    <ul className="duty-list" data-testid="incident-duties">
      {dutyOrder(duties).map((d) => {
        const open = isOpenDuty(d);
        const left = Math.round((new Date(d.dueAt).getTime() - now) / 1000);
        return (
          <li key={d.id} className={`duty duty--${d.status}`} data-duty-id={d.id}>
            <div className="duty__what">
              <strong>{d.name}</strong> · {t(`dutyTargets.${d.target}`)}
            </div>
            <div className="duty__when">
              <span className={`status status--${d.status}`}>{t(`dutyStatuses.${d.status}`)}</span>{' '}
              <time dateTime={d.dueAt}>
                {t('incidentDetails.dueAt', { time: formatTime(d.dueAt, { date: false }) })}
              </time>{' '}
              {open &&
                (left >= 0
                  ? t('incidentDetails.timeLeft', { left: formatDuration(left) })
                  : t('incidentDetails.overdueBy', { left: formatDuration(-left) }))}
              {d.doneAt &&
                t('incidentDetails.doneAt', { time: formatTime(d.doneAt, { date: false }) })}
              {d.onTime === false && t('incidentDetails.late')}
            </div>
            {canAct && open && (
              <button
                type="button"
                className="button button--small"
                disabled={pending !== null}
                onClick={() => run(d.id, () => completeDuty(token, incidentId, d.id), onDone)}
              >
                {t('incidentDetails.markDone')}
              </button>
            )}
            {failure?.key === d.id && <ActionError error={failure.error} />}
          </li>
        );
      })}
    </ul>
  );
}
