import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import type { ReplayPlayer } from '../hooks/useReplayPlayer';
import { SPEEDS } from '../state/replayClock';

/** Slider steps: a second; the arrow keys move a minute, Page Up / Down ten (see onKeyDown). */
const KEY_STEP_MS = 60_000;
const PAGE_STEP_MS = 600_000;

/**
 * The replay's clock: the moment shown (a slider over the range: arrows a minute, Page Up/Down
 * ten, Home/End the ends), play / pause, speed, step to the next event.
 */
export function ReplayControls({ player }: { player: ReplayPlayer }) {
  const { t } = useTranslation();
  const { clock } = player;
  const { range, at } = clock;
  const moment = formatTime(at, { seconds: true });
  return (
    <div className="replay-controls" role="group" aria-label={t('replay.controls')}>
      <div className="replay-controls__row">
        <button
          type="button"
          className="button button--primary"
          onClick={clock.playing ? player.pause : player.play}
          aria-pressed={clock.playing}
          data-testid="replay-play"
        >
          {clock.playing ? t('replay.pause') : t('replay.play')}
        </button>
        <button
          type="button"
          className="button"
          onClick={player.step}
          data-testid="replay-step"
          title={t('replay.stepHint')}
        >
          {t('replay.step')}
        </button>
        <fieldset className="replay-controls__speeds">
          <legend>{t('replay.speed')}</legend>
          {SPEEDS.map((s) => (
            <label key={s} className="replay-controls__speed">
              <input
                type="radio"
                name="replay-speed"
                value={s}
                checked={clock.speed === s}
                onChange={() => player.setSpeed(s)}
                data-testid={`replay-speed-${s}`}
              />
              {t('replay.speedValue', { speed: s })}
            </label>
          ))}
        </fieldset>
        <output className="replay-controls__at" data-testid="replay-at" data-at={at}>
          <time dateTime={new Date(at).toISOString()}>{moment}</time>
        </output>
        {player.buffering && (
          <span className="replay-controls__buffering" role="status">
            {t('replay.buffering')}
          </span>
        )}
      </div>
      <div className="replay-controls__row">
        <span className="replay-controls__end">{formatTime(range.from)}</span>
        <input
          type="range"
          className="replay-controls__slider"
          min={range.from}
          max={range.to}
          step={1000}
          value={at}
          onChange={(e) => player.seek(Number(e.target.value))}
          onKeyDown={(e) => {
            const by =
              e.key === 'ArrowRight' || e.key === 'ArrowUp'
                ? KEY_STEP_MS
                : e.key === 'ArrowLeft' || e.key === 'ArrowDown'
                  ? -KEY_STEP_MS
                  : e.key === 'PageUp'
                    ? PAGE_STEP_MS
                    : e.key === 'PageDown'
                      ? -PAGE_STEP_MS
                      : 0;
            if (by === 0) return;
            e.preventDefault();
            player.seek(at + by);
          }}
          aria-label={t('replay.slider')}
          aria-valuetext={moment}
          data-testid="replay-slider"
        />
        <span className="replay-controls__end">{formatTime(range.to)}</span>
      </div>
    </div>
  );
}
