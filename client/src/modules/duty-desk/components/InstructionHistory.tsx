import { instructionsRoutes, type InstructionHistoryEntryDto } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

function What({ e }: { e: InstructionHistoryEntryDto }) {
  const { t } = useTranslation();
  const list = (xs: string[]) => xs.join(t('dutyDesk.history.sep'));
  switch (e.type) {
    case 'instruction.received':
      return <>{t('dutyDesk.history.received')}</>;
    case 'instruction.assigned':
      return (
        <>
          {e.units?.length
            ? t('dutyDesk.history.assignedTo', { units: list(e.units) })
            : t('dutyDesk.history.assigned')}
        </>
      );
    case 'instruction.answered':
      return (
        <>
          {t('dutyDesk.history.answered', { unit: e.unitName })}
          {e.via && t('dutyDesk.history.via', { via: t(`dutyDesk.history.vias.${e.via}`) })}
        </>
      );
    case 'instruction.overdue':
      return (
        <>
          {t('dutyDesk.history.chased', { unit: e.unitName })}
          {e.escalatedTo?.length
            ? t('dutyDesk.history.escalated', { names: list(e.escalatedTo) })
            : ''}
        </>
      );
    case 'instruction.closed':
      return (
        <>
          {e.summary
            ? t('dutyDesk.history.closedWith', { summary: e.summary })
            : t('dutyDesk.history.closed')}
        </>
      );
  }
}

/** 全过程: an instruction's events as the log holds them, oldest first, kept live. */
export function InstructionHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const options = useMemo(() => ({ params: { id } }), [id]);
  const history = useApiQuery(instructionsRoutes.history, options, {
    invalidateOn: ['instruction.*'],
  });
  return (
    <div className="instruction-history">
      <ActionError error={history.error} />
      <ol aria-label={t('dutyDesk.history.title')} data-testid={`instruction-history-${id}`}>
        {history.data?.map((e) => (
          <li key={e.seq} data-type={e.type}>
            <time dateTime={e.at}>{formatTime(e.at, { seconds: true })}</time> <What e={e} />
            <span className="instruction-history__actor">
              {' · '}
              {e.actor === 'unit-link'
                ? t('dutyDesk.history.byLink')
                : e.actor.startsWith('timer:')
                  ? t('dutyDesk.history.bySystem')
                  : e.actor}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
