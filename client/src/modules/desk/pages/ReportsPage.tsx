import {
  INCIDENT_GRADES,
  INCIDENT_TYPES,
  incidentConfigRoutes,
  reportsRoutes,
  type DutyReport,
  type MonthlyReport,
} from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { useAction } from '../../api/hooks/useAction';
import { useAuth } from '../../auth/state/useAuth';
import { useApiQuery } from '../../data/useApiQuery';
import { formatTime } from '../../../utils/formatTime';
import { downloadReport } from '../api/deskApi';
import { dutyDayOf } from '../utils/beijing';

type Kind = 'daily' | 'monthly';
const REPORT_EVENTS = ['incident.*', 'warning.*', 'response.*', 'dispatch.*', 'shelter.*'] as const;

const rate = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The daily report (每日值班情况) and the monthly bulletin (每月值班通报) for any day or month. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const [search, setSearch] = useSearchParams();
  const kind: Kind = search.get('kind') === 'monthly' ? 'monthly' : 'daily';
  const settings = useApiQuery(incidentConfigRoutes.settings);
  // Until a day is chosen: the duty day now in progress (its window starts at the cutoff).
  const today = dutyDayOf(new Date(), settings.data?.reportCutoff ?? '08:00');
  const date = search.get('date') ?? today;
  const month = search.get('month') ?? today.slice(0, 7);
  const period = kind === 'daily' ? date : month;
  const daily = useApiQuery(
    reportsRoutes.daily,
    useMemo(() => ({ query: { date } }), [date]),
    { invalidateOn: REPORT_EVENTS, enabled: kind === 'daily' },
  );
  const monthly = useApiQuery(
    reportsRoutes.monthly,
    useMemo(() => ({ query: { month } }), [month]),
    { invalidateOn: REPORT_EVENTS, enabled: kind === 'monthly' },
  );
  const current = kind === 'daily' ? daily : monthly;
  const { pending, failure, run } = useAction();

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };
  const download = (format: 'html' | 'csv') =>
    run(format, () => downloadReport(session?.accessToken ?? '', kind, period, format));

  let report: DutyReport | null = null;
  let days: MonthlyReport['days'] = [];
  if (kind === 'daily' && daily.data && typeof daily.data === 'object') report = daily.data;
  if (kind === 'monthly' && monthly.data && typeof monthly.data === 'object') {
    report = monthly.data.summary;
    days = monthly.data.days;
  }

  return (
    <section className="desk-page reports" data-testid="reports-page">
      <h2>{t('reports.title')}</h2>
      <div className="desk-page__toolbar no-print">
        <fieldset className="desk-page__choice">
          <legend>{t('reports.kind')}</legend>
          {(['daily', 'monthly'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="report-kind"
                value={k}
                checked={kind === k}
                onChange={() => set('kind', k)}
              />
              {t(`reports.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'daily' ? (
          <label>
            {t('reports.date')}
            <input
              type="date"
              value={date}
              onChange={(e) => e.target.value && set('date', e.target.value)}
              data-testid="reports-date"
            />
          </label>
        ) : (
          <label>
            {t('reports.month')}
            <input
              type="month"
              value={month}
              onChange={(e) => e.target.value && set('month', e.target.value)}
              data-testid="reports-month"
            />
          </label>
        )}
        <button type="button" className="button" onClick={() => window.print()}>
          {t('reports.print')}
        </button>
        <button
          type="button"
          className="button"
          disabled={pending !== null}
          onClick={() => download('html')}
          data-testid="reports-download-html"
        >
          {t('reports.downloadHtml')}
        </button>
        <button
          type="button"
          className="button"
          disabled={pending !== null}
          onClick={() => download('csv')}
          data-testid="reports-download-csv"
        >
          {t('reports.downloadCsv')}
        </button>
      </div>
      {failure && <ActionError error={failure.error} />}
      {current.error !== null && <ActionError error={current.error} />}
      {current.isPending && <p>{t('reports.loading')}</p>}
      {report && <ReportView report={report} days={days} />}
    </section>
  );
}

function ReportView({ report: r, days }: { report: DutyReport; days: MonthlyReport['days'] }) {
  const { t } = useTranslation();
  const rows: [string, string | number][] = [
    [t('reports.rows.incidents'), r.incidents.total],
    ...INCIDENT_TYPES.filter((k) => r.incidents.byType[k]).map(
      (k) => [`· ${t(`incidentTypes.${k}`)}`, r.incidents.byType[k] ?? 0] as [string, number],
    ),
    ...INCIDENT_GRADES.filter((g) => r.incidents.byGrade[g]).map(
      (g) => [`· ${t(`incidentGrades.${g}`)}`, r.incidents.byGrade[g] ?? 0] as [string, number],
    ),
    [t('reports.rows.deaths'), r.incidents.deaths],
    [t('reports.rows.escalatedToDistrict'), r.incidents.escalatedToDistrict],
    [t('reports.rows.reportedToCity'), r.incidents.reportedToCity],
    [t('reports.rows.dutiesDue'), r.incidents.dutiesDue],
    [t('reports.rows.dutiesOnTime'), r.incidents.dutiesOnTime],
    [t('reports.rows.dutyOnTimeRate'), rate(r.incidents.onTimeRate)],
    [t('reports.rows.warningsIssued'), r.warnings.issued],
    [t('reports.rows.warningsUpdated'), r.warnings.updated],
    [t('reports.rows.warningsCancelled'), r.warnings.cancelled],
    [t('reports.rows.responsesStarted'), r.responses.started],
    [t('reports.rows.responsesEnded'), r.responses.ended],
    [t('reports.rows.dispatches'), r.dispatch.created],
    [t('reports.rows.acknowledged'), r.dispatch.acknowledged],
    [t('reports.rows.ackRate'), rate(r.dispatch.ackRate)],
    [t('reports.rows.arrived'), r.dispatch.arrived],
    [t('reports.rows.onTimeArrivalRate'), rate(r.dispatch.onTimeArrivalRate)],
    [t('reports.rows.escalated'), r.dispatch.escalated],
    [t('reports.rows.sheltersOpened'), r.shelters.opened],
    [t('reports.rows.peakOccupancy'), r.shelters.peakOccupancy],
    [t('reports.rows.teamsDeployed'), r.teams.deployed],
    [t('reports.rows.callsCalled'), r.calls.called],
    [t('reports.rows.callsAnswered'), r.calls.answered],
    [t('reports.rows.callsAnsweredOnTime'), r.calls.answeredOnTime],
    [t('reports.rows.callsOverdue'), r.calls.overdue],
    [t('reports.rows.callDrills'), r.calls.drills],
  ];
  return (
    <article className="report" data-testid="report-view">
      <h3>{r.title}</h3>
      <p>
        {t('reports.window', {
          from: formatTime(r.from),
          to: formatTime(r.to),
        })}
      </p>
      <table className="desk-table report__table">
        <caption className="visually-hidden">{r.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.item')}</th>
            <th scope="col">{t('reports.count')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} data-testid="report-row">
              <th scope="row">{label}</th>
              <td className="desk-table__number">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {days.length > 0 && (
        <table className="desk-table report__days" data-testid="report-days">
          <caption>{t('reports.byDay')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.day')}</th>
              <th scope="col">{t('reports.rows.incidents')}</th>
              <th scope="col">{t('reports.rows.warningsIssued')}</th>
              <th scope="col">{t('reports.rows.dispatches')}</th>
              <th scope="col">{t('reports.rows.callsCalled')}</th>
              <th scope="col">{t('reports.rows.callsAnswered')}</th>
              <th scope="col">{t('reports.rows.callsOverdue')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{d.date}</th>
                <td className="desk-table__number">{d.incidents}</td>
                <td className="desk-table__number">{d.warningsIssued}</td>
                <td className="desk-table__number">{d.dispatches}</td>
                <td className="desk-table__number">{d.calls}</td>
                <td className="desk-table__number">{d.callsAnswered}</td>
                <td className="desk-table__number">{d.callsOverdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
