import { rotaRoutes, type Role, type RotaShiftDto } from '@sanfang/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';
import { formatTime } from '../../../utils/formatTime';
import { RotaImport } from '../components/RotaImport';
import { ShiftEditor } from '../components/ShiftEditor';
import { gridRange, shanghaiDate, stepAnchor } from '../utils/rotaText';

const EDITORS: readonly Role[] = ['duty_officer', 'admin'];

/** 值班表: the week or month as a grid of shifts × roles; duty officers and admins edit and import. */
export function RotaPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState(() => shanghaiDate(Date.now() - 8 * 3_600_000));
  const [editing, setEditing] = useState<string | null>(null);
  const range = useMemo(() => gridRange(anchor, mode), [anchor, mode]);
  const query = useMemo(() => ({ query: range }), [range]);
  const shifts = useApiQuery(rotaRoutes.list, query, { invalidateOn: ['rota.*'] });
  const canEdit = EDITORS.includes(role);
  const nobody = t('dutyDesk.rota.empty');

  const row = (s: RotaShiftDto) => {
    const gap = !s.leader || s.officers.length === 0;
    return (
      <tr
        key={s.startsAt}
        className={gap ? 'rota__row rota__row--gap' : 'rota__row'}
        data-testid={`rota-row-${shanghaiDate(s.startsAt)}`}
      >
        <th scope="row">{formatTime(s.startsAt)}</th>
        <td>{s.leader ? `${s.leader.name} ${s.leader.phone}` : nobody}</td>
        <td>{s.chief ? `${s.chief.name} ${s.chief.phone}` : nobody}</td>
        <td>
          {s.officers.length ? s.officers.map((o) => `${o.name} ${o.phone}`).join('、') : nobody}
        </td>
        <td>
          {gap && <span className="rota__gap">{t('dutyDesk.rota.gap')}</span>}
          {canEdit && (
            <button className="button" type="button" onClick={() => setEditing(s.startsAt)}>
              {t('dutyDesk.rota.edit')}
            </button>
          )}
        </td>
      </tr>
    );
  };

  return (
    <main className="rota" data-testid="rota-page">
      <h2>{t('dutyDesk.rota.title')}</h2>
      <div className="rota__controls">
        <button
          className="button"
          type="button"
          aria-pressed={mode === 'week'}
          onClick={() => setMode('week')}
        >
          {t('dutyDesk.rota.week')}
        </button>
        <button
          className="button"
          type="button"
          aria-pressed={mode === 'month'}
          onClick={() => setMode('month')}
        >
          {t('dutyDesk.rota.month')}
        </button>
        <button
          className="button"
          type="button"
          onClick={() => setAnchor(stepAnchor(anchor, mode, -1))}
        >
          {t('dutyDesk.rota.previous')}
        </button>
        <span data-testid="rota-range">
          {range.from} – {range.to}
        </span>
        <button
          className="button"
          type="button"
          onClick={() => setAnchor(stepAnchor(anchor, mode, 1))}
        >
          {t('dutyDesk.rota.following')}
        </button>
      </div>
      <ActionError error={shifts.error} />
      <table className="rota__grid" data-testid="rota-grid">
        <thead>
          <tr>
            <th scope="col">{t('dutyDesk.rota.shift')}</th>
            <th scope="col">{t('dutyDesk.rota.roles.leader')}</th>
            <th scope="col">{t('dutyDesk.rota.roles.chief')}</th>
            <th scope="col">{t('dutyDesk.rota.roles.officer')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('dutyDesk.rota.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(shifts.data ?? []).map((s) =>
            editing === s.startsAt ? (
              <tr key={s.startsAt}>
                <td colSpan={5}>
                  <ShiftEditor shift={s} onDone={() => setEditing(null)} />
                </td>
              </tr>
            ) : (
              row(s)
            ),
          )}
        </tbody>
      </table>
      {canEdit && <RotaImport />}
    </main>
  );
}
