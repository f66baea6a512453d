import { replayRoutes } from '@sanfang/shared';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatTime } from '../../../utils/formatTime';
import {
  formatRange,
  parseAt,
  parseRange,
  REPLAY_PARAM,
  replayHref,
  type ReplayRange,
} from '../../../utils/replayParam';
import { ActionError } from '../../api/components/ActionError';
import { useApiQuery } from '../../data/useApiQuery';
import { rangeQuery } from '../../replay/api/replayApi';
import { ReplayConsoleState } from '../../replay/components/ReplayConsoleState';
import { ReplayControls } from '../../replay/components/ReplayControls';
import { ReplayExport } from '../../replay/components/ReplayExport';
import { ReplayMarks } from '../../replay/components/ReplayMarks';
import { ReplayRangeForm } from '../../replay/components/ReplayRangeForm';
import { ReplayResponses } from '../../replay/components/ReplayResponses';
import { useReplayPlayer } from '../../replay/hooks/useReplayPlayer';
import type { ReplayView } from '../../replay/state/replayTimeline';
import { WarningBanner } from '../../warnings/components/WarningBanner';
import { ConsolePanels } from './ConsolePage';

/**
 * 复盘 (after-action review): the whole console as of any moment of a range, from the event log.
 * `?replay=<from>..<to>&at=<time>` is its deep link. Without a range: pick one (or a response).
 */
export function ReplayPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const raw = params.get(REPLAY_PARAM);
  const range = useMemo(() => parseRange(raw), [raw]);
  const open = (r: ReplayRange) => void navigate(replayHref(r));
  if (!range) {
    return (
      <div className="replay-page replay-page--start" data-testid="replay-start">
        <h2>{t('replay.title')}</h2>
        <p className="replay-page__intro">{t('replay.intro')}</p>
        {raw && (
          <p className="form-error" role="alert" data-testid="replay-bad-link">
            {t('replay.badLink')}
          </p>
        )}
        <ReplayRangeForm range={null} onOpen={open} />
        <ReplayResponses />
      </div>
    );
  }
  // A new range is a new replay (its own clock and loaded events).
  return <ReplayRangeView key={formatRange(range)} range={range} onOpen={open} />;
}

function ReplayRangeView({
  range,
  onOpen,
}: {
  range: ReplayRange;
  onOpen: (range: ReplayRange) => void;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // Read once: afterwards the player keeps `at` in step with its clock.
  const [initialAt] = useMemo(() => [parseAt(params.get('at'), range)], []); // eslint-disable-line react-hooks/exhaustive-deps -- the first moment only
  const player = useReplayPlayer(range, initialAt);
  const marks = useApiQuery(
    replayRoutes.marks,
    useMemo(() => ({ query: rangeQuery(range) }), [range]),
  );
  const { view, timeline } = player;
  const stale = view === null || view.at !== player.shownAt;

  return (
    <div className="replay-page" data-testid="replay-page">
      <header className="replay-page__head">
        <h2>
          {t('replay.titleRange', { from: formatTime(range.from), to: formatTime(range.to) })}
        </h2>
        <ReplayRangeForm range={range} onOpen={onOpen} />
        <ReplayExport range={range} />
      </header>
      <ReplayControls player={player} />
      {timeline.status === 'error' && (
        <div className="replay-page__error">
          <ActionError error={timeline.error} />
          <button type="button" className="button button--small" onClick={() => timeline.retry()}>
            {t('replay.retry')}
          </button>
        </div>
      )}
      <div className="replay-page__body">
        <ReplayMarks
          marks={marks.data?.marks ?? []}
          at={player.clock.at}
          loading={marks.isPending}
          onJump={player.jump}
        />
        {marks.error && <ActionError error={marks.error} />}
        <ReplayedConsole view={view} stale={stale} />
      </div>
    </div>
  );
}

/**
 * The live console's own banner and panels, fed from the replayed moment. Memoised: the clock
 * moving alone (the slider, every frame) does not redraw it; a new view does.
 */
const ReplayedConsole = memo(function ReplayedConsole({
  view,
  stale,
}: {
  view: ReplayView | null;
  stale: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="replay-console"
      aria-label={
        view
          ? t('replay.console', { at: formatTime(view.at, { seconds: true }) })
          : t('replay.loading')
      }
      aria-busy={stale}
      data-testid="replay-console"
      data-seq={view?.seq ?? ''}
      data-at={view?.at ?? ''}
    >
      {view === null && (
        <p className="replay-console__loading" role="status">
          {t('replay.loading')}
        </p>
      )}
      <ReplayConsoleState view={view}>
        <WarningBanner />
        <div className="console__main replay-console__main">
          <ConsolePanels />
        </div>
      </ReplayConsoleState>
    </section>
  );
});
