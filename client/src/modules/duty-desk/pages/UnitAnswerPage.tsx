import type { AnswerViewDto } from '@sanfang/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';
import { ActionError } from '../../api/components/ActionError';
import { fetchAnswerView, postAnswer } from '../api/answerLinkApi';

/** A unit's page behind its signed link: the instruction, its deadline, one answer form. */
export function UnitAnswerPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<AnswerViewDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [f, setF] = useState({ text: '', answeredBy: '' });

  useEffect(() => {
    const ctl = new AbortController();
    fetchAnswerView(token, ctl.signal).then(setView, (e: unknown) => {
      if (!ctl.signal.aborted) setError(e);
    });
    return () => ctl.abort();
  }, [token]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    postAnswer(token, f).then(
      (v) => {
        setView(v);
        setBusy(false);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };

  return (
    <main className="answer-page" data-testid="answer-page">
      <h1>{t('dutyDesk.answer.title')}</h1>
      {!view && !error && <p>{t('dutyDesk.answer.loading')}</p>}
      {view && (
        <dl>
          <dt>{t('dutyDesk.answer.unit')}</dt>
          <dd>{view.unitName}</dd>
          <dt>{t('dutyDesk.answer.from')}</dt>
          <dd>
            {view.fromTitle} {view.fromName}：{view.text}
          </dd>
          <dt>{t('dutyDesk.answer.deadline')}</dt>
          <dd>{formatTime(view.deadline)}</dd>
        </dl>
      )}
      {view?.closed && <p role="status">{t('dutyDesk.answer.closed')}</p>}
      {view?.answeredAt && (
        <p role="status" data-testid="answer-done">
          {t('dutyDesk.answer.done', { at: formatTime(view.answeredAt) })}
          <br />
          {view.answerText}
        </p>
      )}
      {view && !view.closed && !view.answeredAt && (
        <form onSubmit={submit} className="answer-page__form">
          <label>
            {t('dutyDesk.answer.text')}
            <textarea
              name="text"
              required
              rows={5}
              value={f.text}
              onChange={(e) => setF({ ...f, text: e.target.value })}
            />
          </label>
          <label>
            {t('dutyDesk.answer.answeredBy')}
            <input
              name="answeredBy"
              required
              value={f.answeredBy}
              onChange={(e) => setF({ ...f, answeredBy: e.target.value })}
            />
          </label>
          <button className="button button--primary" type="submit" disabled={busy}>
            {t('dutyDesk.answer.submit')}
          </button>
        </form>
      )}
      <ActionError error={error} />
    </main>
  );
}
