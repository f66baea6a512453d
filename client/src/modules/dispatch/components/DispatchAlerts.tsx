import type { DispatchDto } from '@sanfang/shared';
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { loadMuted, playChime } from '../../../utils/sound';
import { useDispatches } from '../state/DispatchesProvider';
import { calloutsToAlert, type CalloutMarks } from '../utils/calloutAlerts';

const NAMED = 3;

// Call-outs going overdue or escalating arrive one event at a time (a whole-district activation
// escalates hundreds): what changed meanwhile is sounded and said once per this many ms.
export const ANNOUNCE_MS = 1_000;

interface Pending {
  overdue: Map<string, DispatchDto>;
  escalated: Map<string, DispatchDto>;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Sounds and announces (aria-live) the call-outs that go overdue or are escalated, wherever the
 * duty officer is in the console: mounted beside the page, not in the (maybe hidden) board.
 * The effect only notes what changed; a timer says it (at most once per `ANNOUNCE_MS`), keeping
 * the latest overdue and escalation sentences side by side. A state
 * update from the effect itself, once per live event, chained React's commits during a burst of
 * escalations until it gave up (error #185, "Maximum update depth exceeded").
 */
export function DispatchAlerts() {
  const { t } = useTranslation();
  const { all, settled } = useDispatches();
  const now = useNow();
  // Null until the console's first settled view (sign-in): the baseline, not alarmed.
  const marks = useRef<CalloutMarks | null>(null);
  const pending = useRef<Pending>({ overdue: new Map(), escalated: new Map(), timer: null });
  const tRef = useRef(t);
  tRef.current = t;
  // The latest of each kind: a batch of escalations alone does not wipe the overdue just said.
  const [message, setMessage] = useState({ overdue: '', escalated: '' });

  useEffect(() => {
    if (!settled && !marks.current) return;
    const { marks: next, overdue, escalated } = calloutsToAlert(marks.current, all, now);
    marks.current = next;
    if (overdue.length === 0 && escalated.length === 0) return;
    const p = pending.current;
    for (const d of overdue) p.overdue.set(d.id, d);
    for (const d of escalated) p.escalated.set(d.id, d);
    if (p.timer) return;
    p.timer = setTimeout(() => {
      p.timer = null;
      const said = { overdue: [...p.overdue.values()], escalated: [...p.escalated.values()] };
      p.overdue.clear();
      p.escalated.clear();
      if (!loadMuted()) playChime('callout');
      const text = announcement(tRef.current, said.overdue, said.escalated);
      setMessage((m) => ({
        overdue: text.overdue || m.overdue,
        escalated: text.escalated || m.escalated,
      }));
    }, ANNOUNCE_MS);
  }, [all, settled, now]);
  useEffect(() => {
    const p = pending.current;
    return () => {
      if (p.timer) clearTimeout(p.timer);
      p.timer = null;
    };
  }, []);

  return (
    <p className="visually-hidden" aria-live="assertive" data-testid="callout-announcer">
      <span>{message.overdue}</span>
      {message.overdue && message.escalated ? ' ' : null}
      <span>{message.escalated}</span>
    </p>
  );
}

function announcement(
  t: TFunction,
  overdue: DispatchDto[],
  escalated: DispatchDto[],
): { overdue: string; escalated: string } {
  const names = (list: DispatchDto[]) =>
    list
      .slice(0, NAMED)
      .map((d) => `${d.pointName} ${t(`contactRoles.${d.role}`)}${d.contactName}`)
      .join('、');
  return {
    overdue:
      overdue.length > 0
        ? t('dispatchBoard.announce.overdue', {
            count: overdue.length,
            names: names(overdue),
            more: Math.max(0, overdue.length - NAMED),
          })
        : '',
    escalated:
      escalated.length > 0
        ? t('dispatchBoard.announce.escalated', {
            count: escalated.length,
            names: names(escalated),
            more: Math.max(0, escalated.length - NAMED),
          })
        : '',
  };
}
