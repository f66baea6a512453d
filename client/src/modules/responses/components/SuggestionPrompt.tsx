import type { SuggestionDto } from '@sanfang/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/state/useSession';
import { decideSuggestion } from '../api/responsesApi';
import { suggestionText } from '../utils/suggestionText';
import { FormError, useSubmit } from './ResponseForms';

/** One pending suggestion; commanders accept or dismiss it (with an optional reason). */
export function SuggestionPrompt({
  s,
  canCommand,
  area,
}: {
  s: SuggestionDto;
  canCommand: boolean;
  area: (codes: string[]) => string;
}) {
  const { t } = useTranslation();
  const token = useSession().accessToken;
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(() => undefined);
  return (
    <li className="suggestion" data-suggestion-id={s.id}>
      <p className="suggestion__what">
        <strong>
          {t(`responsesPanel.actions.${s.action}`)} {t(`ackHazards.${s.hazard}`)}
          {s.level ? ` ${t(`ackLevels.${s.level}`)}` : ''}
        </strong>{' '}
        · {area(s.subdistrictCodes)}
      </p>
      <p className="suggestion__reason">{suggestionText(t, s)}</p>
      {canCommand && (
        <div className="suggestion__form">
          <input
            type="text"
            value={reason}
            placeholder={t('responsesPanel.decisionReason')}
            aria-label={t('responsesPanel.decisionReason')}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={submit(() => decideSuggestion(token, s.id, 'accept', reason.trim()))}
          >
            {t('responsesPanel.accept')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={submit(() => decideSuggestion(token, s.id, 'dismiss', reason.trim()))}
          >
            {t('responsesPanel.dismiss')}
          </button>
          <FormError error={error} />
        </div>
      )}
    </li>
  );
}
