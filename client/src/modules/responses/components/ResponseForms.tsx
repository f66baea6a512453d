import {
  RESPONSE_HAZARDS,
  RESPONSE_LEVELS,
  type ResponseDto,
  type ResponseHazard,
  type ResponseLevel,
} from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../api/errorMessageKey';

/** Runs a request, keeps the form open and shows the API's reason when it is refused. */
export function useSubmit(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (run: () => Promise<unknown>) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    run().then(
      () => {
        setBusy(false);
        onDone();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return { busy, error, submit };
}

export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {t(errorMessageKey(error))}
    </p>
  );
}

interface StartFormProps {
  onStart: (hazard: ResponseHazard, level: ResponseLevel, reason: string) => Promise<unknown>;
  onClose: () => void;
}

export function StartResponseForm({ onStart, onClose }: StartFormProps) {
  const { t } = useTranslation();
  const [hazard, setHazard] = useState<ResponseHazard>('flood');
  const [level, setLevel] = useState<ResponseLevel>('IV');
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(onClose);
  return (
    <form
      className="response-form"
      onSubmit={submit(() => onStart(hazard, level, reason))}
      data-testid="start-response-form"
    >
      <label>
        {t('responsesPanel.hazard')}
        <select
          name="hazard"
          value={hazard}
          onChange={(e) => setHazard(e.target.value as ResponseHazard)}
        >
          {RESPONSE_HAZARDS.map((h) => (
            <option key={h} value={h}>
              {t(`ackHazards.${h}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('responsesPanel.level')}
        <select
          name="level"
          value={level}
          onChange={(e) => setLevel(e.target.value as ResponseLevel)}
        >
          {RESPONSE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`ackLevels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="response-form__hint">{t('responsesPanel.wholeDistrict')}</p>
      <label>
        {t('responsesPanel.reason')}
        <textarea
          name="reason"
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <FormError error={error} />
      <div className="response-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || !reason.trim()}>
          {t('responsesPanel.start')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('responsesPanel.cancel')}
        </button>
      </div>
    </form>
  );
}

interface ChangeFormProps {
  response: ResponseDto;
  onChange: (level: ResponseLevel, reason: string) => Promise<unknown>;
  onEnd: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

/** Raise, lower or end one response; every change needs a reason (it goes into the history). */
export function ChangeResponseForm({ response, onChange, onEnd, onClose }: ChangeFormProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'level' | 'end'>('level');
  const [level, setLevel] = useState<ResponseLevel>(response.level);
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(onClose);
  const run = () => (mode === 'end' ? onEnd(reason) : onChange(level, reason));
  return (
    <form className="response-form" onSubmit={submit(run)} data-testid="change-response-form">
      <div className="response-form__modes" role="radiogroup">
        <label>
          <input type="radio" checked={mode === 'level'} onChange={() => setMode('level')} />
          {t('responsesPanel.changeLevel')}
        </label>
        <label>
          <input type="radio" checked={mode === 'end'} onChange={() => setMode('end')} />
          {t('responsesPanel.end')}
        </label>
      </div>
      {mode === 'level' && (
        <label>
          {t('responsesPanel.level')}
          <select value={level} onChange={(e) => setLevel(e.target.value as ResponseLevel)}>
            {RESPONSE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`ackLevels.${l}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('responsesPanel.reason')}
        <textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <FormError error={error} />
      <div className="response-form__actions">
        <button
          type="submit"
          className={`button ${mode === 'end' ? 'button--danger' : 'button--primary'}`}
          disabled={busy || !reason.trim() || (mode === 'level' && level === response.level)}
        >
          {mode === 'end' ? t('responsesPanel.end') : t('responsesPanel.apply')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('responsesPanel.cancel')}
        </button>
      </div>
    </form>
  );
}
