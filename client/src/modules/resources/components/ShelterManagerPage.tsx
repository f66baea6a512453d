import type { ShelterLinkView, ShelterPeriod } from '@sanfang/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../api/errorMessageKey';
import { formatTime } from '../../../utils/formatTime';
import { fetchShelterLink, postShelterOccupancy } from '../api/shelterLinkApi';

interface ShelterManagerPageProps {
  token: string;
}

/** A shelter manager's phone page: one number, the period, and an override when over capacity. */
export function ShelterManagerPage({ token }: ShelterManagerPageProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<ShelterLinkView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [period, setPeriod] = useState<ShelterPeriod>('day');
  const [headcount, setHeadcount] = useState('');
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [sentAt, setSentAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const c = new AbortController();
    fetchShelterLink(token, c.signal).then(setView, (e: unknown) => {
      if (!c.signal.aborted) setError(e);
    });
    return () => c.abort();
  }, [token]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    postShelterOccupancy(token, {
      period,
      occupancy: Number(headcount),
      override,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    })
      .then((p) => {
        setView((v) =>
          v
            ? {
                ...v,
                occupancy: p.occupancy,
                occupancyDay: p.occupancyDay ?? v.occupancyDay,
                occupancyNight: p.occupancyNight ?? v.occupancyNight,
              }
            : v,
        );
        setSentAt(new Date());
        setOverride(false);
        setReason('');
      }, setError)
      .finally(() => setBusy(false));
  };

  if (!view) {
    return (
      <main className="shelter-link">
        <h1>{t('shelterLink.title')}</h1>
        <p role={error ? 'alert' : undefined}>
          {error ? t(errorMessageKey(error)) : t('shelterLink.loading')}
        </p>
      </main>
    );
  }
  const over = Number(headcount) > view.capacity;
  return (
    <main className="shelter-link">
      <h1>{view.name}</h1>
      <p>{t('shelterLink.capacity', { capacity: view.capacity })}</p>
      <p>{t('shelterLink.current', { day: view.occupancyDay, night: view.occupancyNight })}</p>
      {view.status !== 'open' ? (
        <p role="alert">{t('shelterLink.closed')}</p>
      ) : (
        <form onSubmit={submit}>
          <fieldset>
            <legend>{t('shelterLink.period')}</legend>
            {(['day', 'night'] as const).map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name="period"
                  checked={period === p}
                  onChange={() => setPeriod(p)}
                />
                {t(`shelterLink.${p}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('shelterLink.headcount')}
            <input
              type="number"
              inputMode="numeric"
              min={0}
              required
              value={headcount}
              onChange={(e) => setHeadcount(e.target.value)}
            />
          </label>
          {over && (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={override}
                  onChange={(e) => setOverride(e.target.checked)}
                />
                {t('shelterLink.override')}
              </label>
              <label>
                {t('shelterLink.reason')}
                <input
                  value={reason}
                  required={override}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>
            </>
          )}
          <button type="submit" disabled={busy || headcount === ''}>
            {t('shelterLink.submit')}
          </button>
          {error !== null && <p role="alert">{t(errorMessageKey(error))}</p>}
          {sentAt && <p>{t('shelterLink.sent', { time: formatTime(sentAt, { date: false }) })}</p>}
        </form>
      )}
      <p className="shelter-link__expires">
        {t('shelterLink.expires', { time: formatTime(view.expiresAt) })}
      </p>
    </main>
  );
}
