import type { SubdistrictCollection, WarningDetailDto, WarningDto } from '@sanfang/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n/useLanguage';
import { useNow, useReplaying } from '../../../hooks/useNow';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import { useSession } from '../../auth/state/useSession';
import { ActionError } from '../../api/components/ActionError';
import { DetailsPanel } from '../../map/components/DetailsPanel';
import { SuggestionPrompt } from '../../responses/components/SuggestionPrompt';
import { useAreaLabel } from '../../responses/hooks/useAreaLabel';
import { useResponses } from '../../responses/state/ResponsesProvider';
import { useWarningDetail } from '../hooks/useWarningDetail';
import { hazardIcon, NO_SIGNAL_HEX, SIGNAL_HEX } from '../../../vocabulary/signal';
import { otherLanguages, pickText } from '../utils/pickText';
import { secondsLeft } from '../utils/warningAlerts';
import { WarningLineage } from './WarningLineage';

interface WarningDetailsPanelProps {
  warningId: string;
  /** The copy the banner and map have (live events), shown until the API's arrives. */
  known: WarningDto | undefined;
  subdistricts: SubdistrictCollection;
  onClose: () => void;
  /** The link to this warning's 叫应 board (the shell owns routing). */
  callsLink?: ReactNode;
}

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
const isSeverity = (s: string): s is (typeof SEVERITIES)[number] => SEVERITIES.some((k) => k === s);

/** The fetched detail unless a live event has already moved the warning to a newer message. */
function current(
  known: WarningDto | undefined,
  detail: WarningDetailDto | undefined,
): WarningDto | undefined {
  if (!detail) return known;
  if (!known || known.currentMessageId === detail.currentMessageId) return detail;
  // The live copy names a message the fetched chain does not have yet: the fetch is behind.
  return detail.chain.some((m) => m.id === known.currentMessageId) ? detail : known;
}

/** A clicked warning area: the signal, where and until when, its CAP lineage, and the response. */
export function WarningDetailsPanel({
  warningId,
  known,
  subdistricts,
  onClose,
  callsLink,
}: WarningDetailsPanelProps) {
  const { t } = useTranslation();
  const { accessToken: token, user } = useSession();
  // Commanders accept or dismiss the suggestion made for this warning.
  // A replayed console shows and never acts.
  const replaying = useReplaying();
  const canCommand = user.role === 'commander' && !replaying;
  const responses = useResponses().state;
  const language = useLanguage();
  const [chosen, setChosen] = useState<string | null>(null);
  const now = useNow();
  const area = useAreaLabel(subdistricts);
  const detail = useWarningDetail(token, warningId);
  const fetched = detail.status === 'ready' ? detail.value : undefined;
  const w = current(known, fetched);
  if (!w)
    return (
      <DetailsPanel kind="warning" title={t('warningDetails.loading')} onClose={onClose}>
        {detail.status === 'failed' && <ActionError error={detail.error} />}
      </DetailsPanel>
    );

  const hex = w.colour ? SIGNAL_HEX[w.colour] : NO_SIGNAL_HEX;
  const left = secondsLeft(w.expires, now);
  // A multilingual message: the console's language first, the others on request.
  const text = pickText(w.texts, language, chosen);
  const others = otherLanguages(w.texts, text);
  const headline = text?.headline || w.headline;
  const description = text ? text.description : w.description;
  const instruction = text ? text.instruction : w.instruction;
  const eventName = text?.event || w.event;
  const translated = text ? w.texts.filter((x) => x.language === text.language) : [];
  const shownAreaDescs = translated.flatMap((x) => x.areaDescs);
  const areaDescs = [
    ...new Set(
      shownAreaDescs.length ? shownAreaDescs : w.areas.map((a) => a.areaDesc).filter(Boolean),
    ),
  ];
  const suggestions = [...responses.suggestions.values()].filter((s) => s.warningId === w.id);
  const started = [...responses.responses.values()].filter((r) => r.warningId === w.id);

  return (
    <DetailsPanel kind="warning" title={headline} onClose={onClose}>
      {w.missingEarlier && (
        <p className="details-panel__notice" data-testid="warning-missing-earlier">
          {t('warningDetails.missingEarlier')}
        </p>
      )}
      {others.length > 0 && (
        <p className="details-panel__languages" data-testid="warning-languages">
          {t('warningDetails.language')}: {text?.language}{' '}
          {others.map((l) => (
            <button key={l} type="button" className="link-button" onClick={() => setChosen(l)}>
              {t('warningDetails.showLanguage', { language: l })}
            </button>
          ))}
        </p>
      )}
      <dl className="details-list" data-testid="warning-facts">
        <dt>{t('warningDetails.signal')}</dt>
        <dd data-testid="warning-signal" data-colour={w.colour ?? 'none'}>
          <span className="warning-chip__icon" style={{ background: hex }} aria-hidden>
            {hazardIcon(w.hazard)}
          </span>{' '}
          {t(`warnings.hazards.${w.hazard}`, { defaultValue: w.hazard })}
          {w.colour ? t(`warnings.colours.${w.colour}`) : ''}
          {t('warnings.signal')}
          {w.drill && <span className="warning-chip__drill"> {t('warnings.drill')}</span>}
        </dd>
        {eventName && (
          <>
            <dt>{t('warningDetails.event')}</dt>
            <dd>{eventName}</dd>
          </>
        )}
        {w.level && (
          <>
            <dt>{t('warningDetails.level')}</dt>
            <dd>{t(`warnings.levels.${w.level}`)}</dd>
          </>
        )}
        {isSeverity(w.severity) && (
          <>
            <dt>{t('warningDetails.severity')}</dt>
            <dd>{t(`warningDetails.severities.${w.severity}`)}</dd>
          </>
        )}
        <dt>{t('warningDetails.state')}</dt>
        <dd data-testid="warning-state" data-state={w.state}>
          {t(`warningDetails.states.${w.state}`)}
        </dd>
        <dt>{t('warningDetails.area')}</dt>
        <dd data-testid="warning-area">{area(w.districtWide ? [] : w.subdistrictCodes)}</dd>
        {areaDescs.length > 0 && (
          <>
            <dt>{t('warningDetails.areaDescs')}</dt>
            <dd>{areaDescs.join('；')}</dd>
          </>
        )}
        <dt>{t('warningDetails.issuedAt')}</dt>
        <dd>
          <time dateTime={w.issuedAt}>{formatTime(w.issuedAt)}</time>
        </dd>
        {w.updatedAt !== w.issuedAt && (
          <>
            <dt>{t('warningDetails.updatedAt')}</dt>
            <dd>
              <time dateTime={w.updatedAt}>{formatTime(w.updatedAt)}</time>
            </dd>
          </>
        )}
        {w.effective && (
          <>
            <dt>{t('warningDetails.effective')}</dt>
            <dd>
              <time dateTime={w.effective}>{formatTime(w.effective)}</time>
            </dd>
          </>
        )}
        <dt>{t('warningDetails.expires')}</dt>
        <dd data-testid="warning-expires">
          {w.expires === null || left === null ? (
            t('warnings.noExpiry')
          ) : (
            <>
              <time dateTime={w.expires}>{formatTime(w.expires)}</time>{' '}
              {left > 0
                ? t('warnings.timeLeft', { left: formatDuration(left) })
                : t('warningDetails.states.expired')}
              {w.expiresAssumed && (
                <span data-testid="warning-expires-assumed">
                  {' '}
                  ({t('warningDetails.expiresAssumed')})
                </span>
              )}
            </>
          )}
        </dd>
        {w.current.identifier && (
          <>
            <dt>{t('warningDetails.identity')}</dt>
            <dd data-testid="warning-identity">
              {t('warningDetails.identityLine', {
                sender: w.current.sender,
                identifier: w.current.identifier,
                sent: formatTime(w.current.sent),
              })}
            </dd>
            <dt>{t('warningDetails.signature')}</dt>
            <dd data-testid="warning-signature" data-state={w.signature.state}>
              {t(`warningDetails.signatures.${w.signature.state}`, { by: w.signature.by ?? '' })}
            </dd>
          </>
        )}
      </dl>
      {callsLink && <p>{callsLink}</p>}
      {description && (
        <>
          <h3>{t('warningDetails.description')}</h3>
          <p className="details-panel__text">{description}</p>
        </>
      )}
      {instruction && (
        <>
          <h3>{t('warningDetails.instruction')}</h3>
          <p className="details-panel__text">{instruction}</p>
        </>
      )}
      {suggestions.length > 0 && (
        <>
          <h3>{t('warningDetails.suggestions')}</h3>
          <ul className="suggestions" data-testid="warning-suggestions">
            {suggestions.map((s) => (
              <SuggestionPrompt key={s.id} s={s} canCommand={canCommand} area={area} />
            ))}
          </ul>
        </>
      )}
      {started.length > 0 && (
        <>
          <h3>{t('warningDetails.responses')}</h3>
          <ul className="team-list" data-testid="warning-responses">
            {started.map((r) => (
              <li key={r.id} data-response-id={r.id}>
                {t('warningDetails.responseLine', {
                  hazard: t(`ackHazards.${r.hazard}`),
                  level: t(`ackLevels.${r.level}`),
                  time: formatTime(r.startedAt),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {fetched && <WarningLineage chain={fetched.chain} currentMessageId={w.currentMessageId} />}
    </DetailsPanel>
  );
}
