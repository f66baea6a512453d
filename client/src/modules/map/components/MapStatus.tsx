import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { errorMessageKey } from '../../api/errorMessageKey';
import type { ReferenceDataState } from '../state/referenceDataState';

interface MapStatusProps {
  state: ReferenceDataState;
  onRetry: () => void;
}

export function MapStatus({ state, onRetry }: MapStatusProps) {
  const { t } = useTranslation();
  switch (state.status) {
    case 'loading':
      return (
        <div className="map-status" role="status">
          {t('map.loading')}
        </div>
      );
    case 'error':
      return (
        <div className="map-status map-status--error" role="alert">
          {t('map.loadFailed', { reason: t(errorMessageKey(state.error)) })}{' '}
          <button className="button" type="button" onClick={onRetry}>
            {t('map.retry')}
          </button>
        </div>
      );
    case 'ready':
      return (
        <div className="map-status map-status--quiet">
          {t('map.loadedAt', { time: formatTime(state.loadedAt) })}
        </div>
      );
  }
}
