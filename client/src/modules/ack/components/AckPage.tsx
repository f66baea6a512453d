import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AckViewDto } from '@sanfang/shared';
import { errorMessageKey } from '../../api/errorMessageKey';
import { fetchAck, postAck } from '../api/ackApi';
import { currentPosition } from '../utils/position';

const shanghai = (iso: string): string =>
  new Date(iso).toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });

/** The contact's page behind an ack link: no password, two big buttons. */
export function AckPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<AckViewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'ack' | 'arrive' | null>(null);
  const [depth, setDepth] = useState('');
  const [noFix, setNoFix] = useState(false);

  const fail = (e: unknown): void => setError(t(errorMessageKey(e)));

  useEffect(() => {
    fetchAck(token).then(setView, (e: unknown) => setError(t(errorMessageKey(e))));
  }, [token, t]);

  const act = async (action: 'ack' | 'arrive'): Promise<void> => {
    setBusy(action);
    setError(null);
    try {
      const pos = action === 'arrive' ? await currentPosition() : null;
      setNoFix(action === 'arrive' && pos === null);
      const d = Number(depth);
      const body = {
        action,
        ...(pos ?? {}),
        ...(action === 'arrive' && depth.trim() !== '' && Number.isFinite(d) ? { depthM: d } : {}),
      };
      setView(await postAck(token, body));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  if (error && !view) {
    return (
      <main className="ack-page">
        <h1>{t('ack.title')}</h1>
        <p role="alert">{error}</p>
      </main>
    );
  }
  if (!view) {
    return (
      <main className="ack-page">
        <p>{t('ack.loading')}</p>
      </main>
    );
  }
  const closed = view.status === 'stood_down';
  if (view.call) {
    // A 叫应 call (a warning or a drill): one answer, no point, no arrival.
    return (
      <main className="ack-page">
        <h1>{t(view.call.drill ? 'ack.callDrillTitle' : 'ack.callTitle')}</h1>
        <dl>
          <dt>{t('ack.callAbout')}</dt>
          <dd>{view.call.title}</dd>
          <dt>{t('ack.callPerson')}</dt>
          <dd>
            {view.contactName}
            {view.call.unitName ? `（${view.call.unitName}）` : ''}
          </dd>
          <dt>{t('ack.code')}</dt>
          <dd>{view.code}</dd>
        </dl>
        {closed && <p role="status">{t('ack.standDown')}</p>}
        {!closed && view.acknowledgedAt === null && (
          <p>{t('ack.ackBy', { time: shanghai(view.ackDeadline) })}</p>
        )}
        {view.acknowledgedAt && (
          <p role="status">
            {t(view.ackLate ? 'ack.acknowledgedLate' : 'ack.acknowledged', {
              time: shanghai(view.acknowledgedAt),
            })}
          </p>
        )}
        {error && <p role="alert">{error}</p>}
        {!closed && view.acknowledgedAt === null && (
          <button
            type="button"
            className="ack-button"
            disabled={busy !== null}
            onClick={() => void act('ack')}
          >
            {busy === 'ack' ? t('ack.sending') : t('ack.callAnswer')}
          </button>
        )}
      </main>
    );
  }
  return (
    <main className="ack-page">
      <h1>{t('ack.title')}</h1>
      <dl>
        <dt>{t('ack.response')}</dt>
        <dd>
          {t(`ackHazards.${view.hazard}`)} {t(`ackLevels.${view.level}`)}
        </dd>
        <dt>{t('ack.point')}</dt>
        <dd>
          {view.pointName}（{view.pointCode}）
        </dd>
        <dt>{t('ack.role')}</dt>
        <dd>{t(`ackRoles.${view.role}`)}</dd>
        <dt>{t('ack.code')}</dt>
        <dd>{view.code}</dd>
      </dl>
      {closed && <p role="status">{t('ack.standDown')}</p>}
      {!closed && view.acknowledgedAt === null && (
        <p>{t('ack.ackBy', { time: shanghai(view.ackDeadline) })}</p>
      )}
      {!closed && view.arriveDeadline && view.arrivedAt === null && (
        <p>{t('ack.arriveBy', { time: shanghai(view.arriveDeadline) })}</p>
      )}
      {view.acknowledgedAt && (
        <p role="status">
          {t(view.ackLate ? 'ack.acknowledgedLate' : 'ack.acknowledged', {
            time: shanghai(view.acknowledgedAt),
          })}
        </p>
      )}
      {view.arrivedAt && (
        <p role="status">
          {t(view.arriveLate ? 'ack.arrivedLate' : 'ack.arrived', {
            time: shanghai(view.arrivedAt),
          })}
        </p>
      )}
      {view.arrivalFar && <p role="status">{t('ack.far')}</p>}
      {noFix && view.arrivedAt && <p>{t('ack.noLocation')}</p>}
      {error && <p role="alert">{error}</p>}
      {!closed && view.acknowledgedAt === null && (
        <button
          type="button"
          className="ack-button"
          disabled={busy !== null}
          onClick={() => void act('ack')}
        >
          {busy === 'ack' ? t('ack.sending') : t('ack.acknowledge')}
        </button>
      )}
      {!closed && view.arrivedAt === null && (
        <>
          <label className="ack-depth">
            {t('ack.depth')}
            <input inputMode="decimal" value={depth} onChange={(e) => setDepth(e.target.value)} />
          </label>
          <button
            type="button"
            className="ack-button ack-arrive"
            disabled={busy !== null}
            onClick={() => void act('arrive')}
          >
            {busy === 'arrive' ? t('ack.locating') : t('ack.arrive')}
          </button>
        </>
      )}
    </main>
  );
}
