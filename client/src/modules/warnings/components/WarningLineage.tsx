import type { CapMessageDto } from '@sanfang/shared';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../utils/formatTime';

interface WarningLineageProps {
  /** The CAP messages of the chain, oldest sent first (as the API gives them). */
  chain: readonly CapMessageDto[];
  currentMessageId: string;
}

/** Issued → updated → cancelled: every CAP message of the warning, when sent and what it said. */
export function WarningLineage({ chain, currentMessageId }: WarningLineageProps) {
  const { t } = useTranslation();
  if (chain.length === 0) return null;
  return (
    <>
      <h3>{t('warningDetails.lineage')}</h3>
      <ol className="lineage" data-testid="warning-lineage">
        {chain.map((m) => (
          <li key={m.id} data-msg-type={m.msgType} data-colour={m.colour ?? 'none'}>
            <time dateTime={m.sent}>{formatTime(m.sent)}</time>{' '}
            <strong>{t(`warningDetails.msgTypes.${m.msgType}`)}</strong>
            {m.colour && ` · ${t(`warnings.colours.${m.colour}`)}`}
            {m.id === currentMessageId && (
              <span className="lineage__current"> ({t('warningDetails.current')})</span>
            )}
            {m.headline && <div className="lineage__headline">{m.headline}</div>}
            <div className="lineage__identity" data-testid="lineage-identity">
              {m.sender} · {m.identifier}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
