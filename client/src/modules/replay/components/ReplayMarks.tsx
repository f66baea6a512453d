import type { ReplayMark } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';

/**
 * The range's marks (level changes, warnings, first call-outs, overdues), in time order: each
 * jumps the clock to its moment. The one at or just before the moment shown is marked current.
 */
export function ReplayMarks({
  marks,
  at,
  loading,
  onJump,
}: {
  marks: readonly ReplayMark[];
  at: number;
  loading: boolean;
  onJump: (at: number) => void;
}) {
  const { t } = useTranslation();
  let current = -1;
  marks.forEach((m, i) => {
    if (Date.parse(m.at) <= at) current = i;
  });
  return (
    <section
      className="replay-marks"
      aria-labelledby="replay-marks-title"
      data-testid="replay-marks"
    >
      <h3 id="replay-marks-title">{t('replay.marks.title', { count: marks.length })}</h3>
      {marks.length === 0 ? (
        <p className="panel__empty">
          {loading ? t('replay.marks.loading') : t('replay.marks.none')}
        </p>
      ) : (
        // A scrolling list must be reachable by keyboard (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll box, named by its label
        <ol className="replay-marks__list" tabIndex={0} aria-label={t('replay.marks.list')}>
          {marks.map((m, i) => (
            <li
              key={`${m.seq}-${m.kind}`}
              className={`replay-mark replay-mark--${m.kind}`}
              data-kind={m.kind}
            >
              <button
                type="button"
                className="link-button"
                aria-current={i === current ? 'step' : undefined}
                onClick={() => onJump(Date.parse(m.at))}
                data-testid="replay-mark"
                data-at={m.at}
              >
                <time dateTime={m.at}>{formatTime(m.at, { seconds: true })}</time>{' '}
                <span className="replay-mark__kind">{t(`replay.markKinds.${m.kind}`)}</span>{' '}
                <span className="replay-mark__label">{m.label}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
