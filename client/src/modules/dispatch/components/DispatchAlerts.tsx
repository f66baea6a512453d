import type { DispatchDto } from '@sanfang/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { loadMuted, playChime } from '../../../utils/sound';
import { useDispatches } from '../state/DispatchesProvider';
import { calloutsToAlert, type CalloutMarks } from '../utils/calloutAlerts';

const NAMED = 3;

/**
 * Sounds and announces (aria-live) the call-outs that go overdue or are escalated, wherever the
 * duty officer is in the console: mounted beside the page, not in the (maybe hidden) board.
 */
export function DispatchAlerts() {
  const { t } = useTranslation();
  const { all, settled } = useDispatches();
  const now = useNow();
  // Null until the console's first settled view (sign-in): the baseline, not alarmed.
  const marks = useRef<CalloutMarks | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!settled && !marks.current) return;
    const { marks: next, overdue, escalated } = calloutsToAlert(marks.current, all, now);
    marks.current = next;
    if (overdue.length === 0 && escalated.length === 0) return;
    if (!loadMuted()) playChime('callout');
    const names = (list: DispatchDto[]) =>
      list
        .slice(0, NAMED)
        .map((d) => `${d.pointName} ${t(`contactRoles.${d.role}`)}${d.contactName}`)
        .join('、');
    const parts = [];
    if (overdue.length > 0)
      parts.push(
        t('dispatchBoard.announce.overdue', {
          count: overdue.length,
          names: names(overdue),
          more: Math.max(0, overdue.length - NAMED),
        }),
      );
    if (escalated.length > 0)
      parts.push(
        t('dispatchBoard.announce.escalated', {
          count: escalated.length,
          names: names(escalated),
          more: Math.max(0, escalated.length - NAMED),
        }),
      );
    setMessage(parts.join(' '));
  }, [all, settled, now, t]);

  return (
    <p className="visually-hidden" aria-live="assertive" data-testid="callout-announcer">
      {message}
    </p>
  );
}
