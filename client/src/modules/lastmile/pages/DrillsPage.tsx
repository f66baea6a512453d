import { callsRoutes, rosterRoutes, type DrillStart, type LoginResponse } from '@sanfang/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { useApiMutation, useApiQuery } from '../../data/useApiQuery';
import { CallBoard } from './CallBoardPage';

const LIVE = ['calls.*', 'call.*'] as const;

const when = (iso: string): string =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Reachability drills (连通性测试): start one, see each drill's answers. */
export function DrillsPage({ session }: { session: LoginResponse }) {
  const { t } = useTranslation();
  const canStart = session.user.role === 'admin' || session.user.role === 'duty_officer';
  const drills = useApiQuery(callsRoutes.drills, undefined, { invalidateOn: LIVE });
  const units = useApiQuery(rosterRoutes.units);
  const start = useApiMutation(callsRoutes.startDrill, [callsRoutes.drills]);
  const [scope, setScope] = useState<DrillStart['scope']>('subdistrict');
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const choices = (units.data ?? []).filter((u) =>
    scope === 'subdistrict' ? u.kind === 'subdistrict' : scope === 'unit',
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({
      body: { scope, code: scope === 'district' ? null : code || null, note },
    });
  };
  return (
    <main className="lastmile" data-testid="drills">
      <h2>{t('lastmile.drillsTitle')}</h2>
      {canStart && (
        <form className="lastmile__form" onSubmit={submit} data-testid="drill-start">
          <label>
            {t('lastmile.scope')}{' '}
            <select
              name="scope"
              value={scope}
              onChange={(e) => {
                setScope(e.target.value as DrillStart['scope']);
                setCode('');
              }}
            >
              <option value="district">{t('lastmile.scopes.district')}</option>
              <option value="subdistrict">{t('lastmile.scopes.subdistrict')}</option>
              <option value="unit">{t('lastmile.scopes.unit')}</option>
            </select>
          </label>
          {scope !== 'district' && (
            <label>
              {t('lastmile.target')}{' '}
              <select name="code" value={code} onChange={(e) => setCode(e.target.value)}>
                <option value="">{t('lastmile.choose')}</option>
                {choices.map((u) => (
                  <option
                    key={u.code}
                    value={scope === 'subdistrict' ? (u.subdistrictCode ?? '') : u.code}
                  >
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('lastmile.note')}{' '}
            <input
              name="note"
              value={note}
              maxLength={200}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <button type="submit" className="button" disabled={start.isPending}>
            {t('lastmile.startDrill')}
          </button>
          <ActionError error={start.error} />
        </form>
      )}
      <ActionError error={drills.error} />
      <table className="lastmile__table" data-testid="drill-list">
        <thead>
          <tr>
            <th scope="col">{t('lastmile.startedAt')}</th>
            <th scope="col">{t('lastmile.scope')}</th>
            <th scope="col">{t('lastmile.called')}</th>
            <th scope="col">{t('lastmile.answered')}</th>
          </tr>
        </thead>
        <tbody>
          {drills.data?.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/drills/${d.id}`}>{when(d.startedAt)}</Link>
              </th>
              <td>
                {t(`lastmile.scopes.${d.scope}`)} {d.code ?? ''}
              </td>
              <td>{d.called}</td>
              <td>{d.answered}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

/** One drill's report: who answered and how fast, who did not; the board live. */
export function DrillReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const options = useMemo(() => ({ params: { id } }), [id]);
  const report = useApiQuery(callsRoutes.drill, options, { invalidateOn: LIVE });
  const board = useApiQuery(callsRoutes.drillBoard, options, { invalidateOn: LIVE });
  const r = report.data;
  return (
    <main className="lastmile" data-testid="drill-report">
      <h2>{t('lastmile.drillReport')}</h2>
      <Link to="/drills">{t('lastmile.drillsTitle')}</Link>
      <ActionError error={report.error} />
      {r && (
        <p data-testid="drill-summary">
          {t('lastmile.drillSummary', {
            called: r.called,
            answered: r.answered,
            median: r.medianSeconds ?? '-',
          })}
        </p>
      )}
      {board.data && <CallBoard board={board.data} />}
      {r && (
        <>
          <h3>{t('lastmile.answeredList')}</h3>
          <ul className="lastmile__list" data-testid="drill-answered">
            {r.answeredCalls.map((c) => (
              <li key={c.id}>{t('lastmile.answeredLine', { name: c.name, seconds: c.seconds })}</li>
            ))}
          </ul>
          <h3>{t('lastmile.unansweredList')}</h3>
          <ul className="lastmile__list" data-testid="drill-unanswered">
            {r.unanswered.slice(0, 300).map((c) => (
              <li key={c.id}>
                {c.name}（{c.unitName ?? '-'}，{c.phone}）
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
