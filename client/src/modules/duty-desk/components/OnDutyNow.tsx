import { rotaRoutes, type RotaShiftDto } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../data/useApiQuery';

const names = (s: RotaShiftDto | null, nobody: string) => ({
  leader: s?.leader?.name ?? nobody,
  officers: s?.officers.length ? s.officers.map((o) => o.name).join('、') : nobody,
});

/** The header's "on duty now / next" from the rota, with a warning when a shift ahead has a gap. */
export function OnDutyNow() {
  const { t } = useTranslation();
  const q = useApiQuery(rotaRoutes.now, undefined, { invalidateOn: ['rota.*'] });
  if (!q.data) return null;
  const nobody = t('dutyDesk.onDuty.nobody');
  const now = names(q.data.current, nobody);
  const next = names(q.data.next, nobody);
  return (
    <div className="on-duty" data-testid="on-duty">
      <span className="on-duty__now">
        <strong>{t('dutyDesk.onDuty.now')}</strong> {t('dutyDesk.onDuty.leader')} {now.leader} ·{' '}
        {t('dutyDesk.onDuty.officers')} {now.officers}
      </span>
      <span className="on-duty__next">
        <strong>{t('dutyDesk.onDuty.next')}</strong> {next.leader} · {next.officers}
      </span>
      {q.data.gaps.length > 0 && (
        <span className="on-duty__gap" role="status" data-testid="rota-gap-warning">
          {t('dutyDesk.onDuty.gap', { count: q.data.gaps.length, hours: q.data.gapWarnHours })}
        </span>
      )}
    </div>
  );
}
