import { useTranslation } from 'react-i18next';
import { useLiveState } from '../hooks/useLive';

/** Shows whether the screen is live; the duty room must never trust a stale screen. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status, lastSeq } = useLiveState();
  return (
    <div
      className={`live-indicator live-indicator--${status}`}
      data-testid="live-indicator"
      data-status={status}
      data-last-seq={lastSeq ?? ''}
      role="status"
      aria-live="polite"
    >
      <span className="live-indicator__dot" aria-hidden="true" />
      <span>{t(`live.status.${status}`)}</span>
    </div>
  );
}
