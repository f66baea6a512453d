import type { ResponseDto } from '@sanfang/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReplaying } from '../../../hooks/useNow';
import { formatTime } from '../../../utils/formatTime';
import { replayHref } from '../../../utils/replayParam';
import { useSession } from '../../auth/state/useSession';
import { useSubdistricts } from '../../map/state/referenceDataContext';
import { changeResponseLevel, endResponse, startResponse } from '../api/responsesApi';
import { useAreaLabel } from '../hooks/useAreaLabel';
import { activeResponses } from '../state/applyResponseEvents';
import { useResponses } from '../state/ResponsesProvider';
import { ChangeResponseForm, StartResponseForm } from './ResponseForms';
import { SuggestionPrompt } from './SuggestionPrompt';

/** What other features hold about a response, composed by the shell (e.g. leader instructions). */
export type ResponseRelated = (responseId: string) => ReactNode;

/** A response's replay starts this long before it (the warning that led to it). */
const REPLAY_MARGIN_MS = 30 * 60_000;

function ResponseCard({
  r,
  canCommand,
  area,
  related,
}: {
  r: ResponseDto;
  canCommand: boolean;
  area: (codes: string[]) => string;
  related?: ResponseRelated;
}) {
  const { t } = useTranslation();
  const token = useSession().accessToken;
  const [editing, setEditing] = useState(false);
  const replaying = useReplaying();
  return (
    <li className="response-card" data-response-id={r.id} data-level={r.level}>
      <header className="response-card__head">
        <span className={`level-badge level-badge--${r.level}`}>{t(`ackLevels.${r.level}`)}</span>
        <strong>
          {t(`ackHazards.${r.hazard}`)}
          {t('responsesPanel.response')}
        </strong>
        {r.preemptive && (
          <span className="response-card__tag">{t('responsesPanel.preemptive')}</span>
        )}
        <span className="response-card__area">{area(r.subdistrictCodes)}</span>
        {canCommand && !editing && (
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            {t('responsesPanel.adjust')}
          </button>
        )}
      </header>
      <p className="response-card__since">
        {t('responsesPanel.since', { time: formatTime(r.startedAt) })}
        {/* After-action review (复盘) of this response so far: from a little before it started. */}
        {!replaying && (
          <Link
            className="response-card__replay"
            to={replayHref({ from: Date.parse(r.startedAt) - REPLAY_MARGIN_MS, to: Date.now() })}
            data-testid="response-replay"
          >
            {t('responsesPanel.replay')}
          </Link>
        )}
      </p>
      {editing && (
        <ChangeResponseForm
          response={r}
          onChange={(level, reason) => changeResponseLevel(token, r.id, { level, reason })}
          onEnd={(reason) => endResponse(token, r.id, { reason })}
          onClose={() => setEditing(false)}
        />
      )}
      <details className="response-card__history">
        <summary data-testid="response-history">
          {t('responsesPanel.history', { count: r.history.length })}
        </summary>
        <ol>
          {r.history.map((h, i) => (
            <li key={`${h.at}-${i}`}>
              <time dateTime={h.at}>{formatTime(h.at, { seconds: true })}</time>{' '}
              {t(`responsesPanel.historyActions.${h.action}`)}{' '}
              {h.previousLevel && h.previousLevel !== h.level
                ? `${t(`ackLevels.${h.previousLevel}`)} → `
                : ''}
              {t(`ackLevels.${h.level}`)}
              {h.actor && ` · ${h.actor}`}
              <span className="response-card__reason">{h.reason}</span>
            </li>
          ))}
        </ol>
      </details>
      {related?.(r.id)}
    </li>
  );
}

/** Active responses and pending suggestions; the controls only for commanders (the rest read). */
export function ResponsesPanel({ related }: { related?: ResponseRelated } = {}) {
  const { t } = useTranslation();
  const { accessToken: token, user } = useSession();
  // A replayed console shows and never acts.
  const replaying = useReplaying();
  const canCommand = user.role === 'commander' && !replaying;
  const { state } = useResponses();
  const subdistricts = useSubdistricts();
  const [starting, setStarting] = useState(false);
  const area = useAreaLabel(subdistricts);
  const responses = activeResponses(state);
  const suggestions = [...state.suggestions.values()].sort((a, b) =>
    b.receivedAt.localeCompare(a.receivedAt),
  );
  return (
    <section
      className="responses-panel"
      aria-labelledby="responses-title"
      data-testid="responses-panel"
    >
      <header className="panel__head">
        <h2 id="responses-title">{t('responsesPanel.title')}</h2>
        {canCommand && !starting && (
          <button
            type="button"
            className="button button--small"
            onClick={() => setStarting(true)}
            data-testid="start-response"
          >
            {t('responsesPanel.startNew')}
          </button>
        )}
      </header>
      {starting && (
        <StartResponseForm
          onStart={(hazard, level, reason) =>
            startResponse(token, { hazard, level, reason, subdistrictCodes: [], preemptive: false })
          }
          onClose={() => setStarting(false)}
        />
      )}
      {suggestions.length > 0 && (
        <ul className="suggestions" aria-label={t('responsesPanel.suggestions')}>
          {suggestions.map((s) => (
            <SuggestionPrompt key={s.id} s={s} canCommand={canCommand} area={area} />
          ))}
        </ul>
      )}
      {responses.length === 0 ? (
        <p className="panel__empty">{t('responsesPanel.none')}</p>
      ) : (
        <ul className="responses-panel__list">
          {responses.map((r) => (
            <ResponseCard key={r.id} r={r} canCommand={canCommand} area={area} related={related} />
          ))}
        </ul>
      )}
    </section>
  );
}
