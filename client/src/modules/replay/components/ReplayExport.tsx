import { useTranslation } from 'react-i18next';
import { ActionError } from '../../api/components/ActionError';
import { useAction } from '../../api/hooks/useAction';
import { useSession } from '../../auth/state/useSession';
import { downloadSummaryHtml, downloadTimelineCsv } from '../api/replayApi';
import type { ReplayRange } from '../../../utils/replayParam';

/** The range's timeline as CSV and its printable summary (zh-CN, from the server). */
export function ReplayExport({ range }: { range: ReplayRange }) {
  const { t } = useTranslation();
  const token = useSession().accessToken;
  const { pending, failure, run } = useAction();
  return (
    <div className="replay-export" role="group" aria-label={t('replay.export.label')}>
      <button
        type="button"
        className="button button--small"
        disabled={pending !== null}
        aria-busy={pending === 'csv'}
        onClick={() => run('csv', () => downloadTimelineCsv(token, range))}
        data-testid="replay-export-csv"
      >
        {t('replay.export.csv')}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={pending !== null}
        aria-busy={pending === 'html'}
        onClick={() => run('html', () => downloadSummaryHtml(token, range))}
        data-testid="replay-export-html"
      >
        {t('replay.export.html')}
      </button>
      {failure && <ActionError error={failure.error} />}
    </div>
  );
}
