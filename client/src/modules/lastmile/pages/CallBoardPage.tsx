import { callsRoutes, type CallBoardDto, type CallTally } from '@sanfang/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';

const LIVE = ['calls.*', 'call.*'] as const;

const time = (iso: string): string =>
  new Date(iso).toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });

function Tallies({
  rows,
  caption,
  testId,
}: {
  rows: CallTally[];
  caption: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <table className="lastmile__table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('lastmile.name')}</th>
          <th scope="col">{t('lastmile.called')}</th>
          <th scope="col">{t('lastmile.answered')}</th>
          <th scope="col">{t('lastmile.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.name}</th>
            <td>{r.called}</td>
            <td>{r.answered}</td>
            <td className={r.overdue > 0 ? 'lastmile__overdue' : undefined}>{r.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The board's body, for a warning's calls or a drill's. */
export function CallBoard({ board }: { board: CallBoardDto }) {
  const { t } = useTranslation();
  return (
    <>
      {board.drill && <p className="lastmile__drill">{t('lastmile.drillMode')}</p>}
      <p
        data-testid="call-totals"
        data-called={board.totals.called}
        data-answered={board.totals.answered}
      >
        {t('lastmile.totals', board.totals)}
      </p>
      <Tallies
        rows={board.bySubdistrict}
        caption={t('lastmile.bySubdistrict')}
        testId="calls-by-subdistrict"
      />
      <Tallies rows={board.byUnit} caption={t('lastmile.byUnit')} testId="calls-by-unit" />
      <h3>{t('lastmile.overdueList')}</h3>
      {board.overdue.length === 0 ? (
        <p>{t('lastmile.noneOverdue')}</p>
      ) : (
        <ul className="lastmile__list" data-testid="calls-overdue">
          {board.overdue.slice(0, 200).map((c) => (
            <li key={c.id}>
              {t('lastmile.overdueLine', {
                name: c.name,
                unit: c.unitName ?? '',
                phone: c.phone,
                time: time(c.deadline),
                step: c.step,
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** 叫应 board of one warning: called / answered / overdue by subdistrict and unit, live. */
export function CallBoardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const options = useMemo(() => ({ params: { id } }), [id]);
  const board = useApiQuery(callsRoutes.board, options, { invalidateOn: LIVE });
  return (
    <main className="lastmile" data-testid="call-board">
      <h2>{t('lastmile.boardTitle')}</h2>
      <Link to="/">{t('nav.backToConsole')}</Link>
      <ActionError error={board.error} />
      {board.data && <CallBoard board={board.data} />}
    </main>
  );
}
