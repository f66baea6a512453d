import type { WarningDto } from '@sanfang/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow, useReplaying } from '../../../hooks/useNow';
import { useLanguage } from '../../../i18n/useLanguage';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import {
  enableSound,
  loadMuted,
  playChime,
  saveMuted,
  soundState,
  subscribeSound,
} from '../../../utils/sound';
import { useSubdistricts } from '../../map/state/referenceDataContext';
import { subdistrictName } from '../../map/utils/subdistrictName';
import { hazardIcon, NO_SIGNAL_HEX, SIGNAL_HEX } from '../../../vocabulary/signal';
import type { WarningsState } from '../state/applyWarningEvents';
import { useWarnings } from '../state/WarningsProvider';
import { bannerOrder, secondsLeft, warningsToAlert } from '../utils/warningAlerts';

const FLASH_MS = 12_000;

/**
 * Ids of the warnings to flash, with when each flash ends (ms), and the warnings new since the
 * last change (announced to screen readers).
 */
function useAlerts(
  warnings: WarningsState,
  loaded: boolean,
  muted: boolean,
  replaying: boolean,
): { until: ReadonlyMap<string, number>; fresh: readonly WarningDto[] } {
  // Read at alert time only: toggling mute must not re-run the diff.
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  const previous = useRef<WarningsState | null>(null);
  const [until, setUntil] = useState<ReadonlyMap<string, number>>(new Map());
  const [fresh, setFresh] = useState<readonly WarningDto[]>([]);
  useEffect(() => {
    // A replayed banner neither chimes, flashes nor announces: it shows what was up then.
    if (!loaded || replaying) return;
    // The first snapshot is what was already up when the shift signed in: no alarm for it.
    const before = previous.current;
    previous.current = warnings;
    if (!before) return;
    const added = [...warnings.byId.values()].filter((w) => !before.byId.has(w.id));
    if (added.length > 0) setFresh(added);
    const { flash, chime } = warningsToAlert(before.byId, warnings.byId);
    if (flash.length === 0) return;
    if (chime && !mutedRef.current) playChime();
    const end = Date.now() + FLASH_MS;
    setUntil((m) => new Map([...m, ...flash.map((id): [string, number] => [id, end])]));
  }, [warnings, loaded, replaying]);
  return { until, fresh };
}

/** Every active warning across the top of the console, most severe first. */
export function WarningBanner() {
  const { t } = useTranslation();
  const { warnings, loaded } = useWarnings();
  const subdistricts = useSubdistricts();
  const sound = useSyncExternalStore(subscribeSound, soundState);
  const language = useLanguage();
  const now = useNow();
  const replaying = useReplaying();
  const [muted, setMuted] = useState(() => loadMuted());
  const { until: flashUntil, fresh } = useAlerts(warnings, loaded, muted, replaying);
  const list = bannerOrder(warnings.byId.values());

  const toggleMute = () => {
    saveMuted(!muted);
    setMuted(!muted);
  };

  const area = (w: WarningDto): string => {
    if (w.districtWide || w.subdistrictCodes.length === 0) return t('warnings.districtWide');
    return w.subdistrictCodes
      .map((code) => (subdistricts && subdistrictName(subdistricts, code, language)) ?? code)
      .join('、');
  };

  return (
    <section
      className="warning-banner"
      aria-label={t('warnings.title')}
      data-testid="warning-banner"
    >
      <h2 className="visually-hidden">{t('warnings.title')}</h2>
      {list.length === 0 ? (
        <p className="warning-banner__none">
          {loaded ? t('warnings.none') : t('warnings.loading')}
        </p>
      ) : (
        <ul className="warning-banner__list">
          {list.map((w) => {
            const left = secondsLeft(w.expires, now);
            const hex = w.colour ? SIGNAL_HEX[w.colour] : NO_SIGNAL_HEX;
            return (
              <li
                key={w.id}
                className={`warning-chip${(flashUntil.get(w.id) ?? 0) > now ? ' warning-chip--flash' : ''}`}
                style={{ borderColor: hex }}
                data-warning-id={w.id}
                data-colour={w.colour ?? 'none'}
                title={w.headline}
              >
                <span className="warning-chip__icon" style={{ background: hex }} aria-hidden>
                  {hazardIcon(w.hazard)}
                </span>
                <span className="warning-chip__text">
                  <strong>
                    {t(`warnings.hazards.${w.hazard}`, { defaultValue: w.hazard })}
                    {w.colour ? t(`warnings.colours.${w.colour}`) : ''}
                    {t('warnings.signal')}
                  </strong>
                  {w.level && (
                    <span className="warning-chip__level">{t(`warnings.levels.${w.level}`)}</span>
                  )}
                  {w.drill && <span className="warning-chip__drill">{t('warnings.drill')}</span>}
                  <span className="warning-chip__area">{area(w)}</span>
                  <span className="warning-chip__time">
                    {left === null ? (
                      t('warnings.noExpiry')
                    ) : (
                      <time dateTime={w.expires ?? undefined} title={formatTime(w.expires ?? 0)}>
                        {t('warnings.timeLeft', { left: formatDuration(Math.max(0, left)) })}
                      </time>
                    )}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {/* Read out by screen readers as warnings come in (the chips alone change silently). */}
      <p className="visually-hidden" aria-live="assertive" data-testid="warning-announcer">
        {fresh
          .map((w) =>
            t('warnings.announce', {
              signal: `${t(`warnings.hazards.${w.hazard}`, { defaultValue: w.hazard })}${w.colour ? t(`warnings.colours.${w.colour}`) : ''}${t('warnings.signal')}`,
              area: area(w),
            }),
          )
          .join(' ')}
      </p>
      {sound === 'blocked' && !muted && !replaying && (
        <button
          type="button"
          className="button button--small warning-banner__sound"
          onClick={enableSound}
          data-testid="sound-enable"
        >
          {t('warnings.enableSound')}
        </button>
      )}
      {!replaying && (
        <button
          type="button"
          className="button button--small warning-banner__mute"
          aria-pressed={muted}
          onClick={toggleMute}
          data-testid="chime-mute"
        >
          {muted ? t('warnings.unmute') : t('warnings.mute')}
        </button>
      )}
    </section>
  );
}
