import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';

/** The duty room's wall clock, always Beijing time. */
export function DutyClock() {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span className="duty-clock">
      <span className="duty-clock__label">{t('header.clock')}</span>{' '}
      <time dateTime={now.toISOString()}>{formatTime(now, { seconds: true })}</time>
    </span>
  );
}
