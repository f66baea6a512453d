import type { DispatchDto } from '@sanfang/shared';
import { isOverdue } from './urgency';

/** What the console last knew of a call-out: whether it was overdue, its escalation step. */
export type CalloutMarks = ReadonlyMap<string, { overdue: boolean; step: number }>;

/**
 * Call-outs that went overdue or up an escalation step since `before` (these are sounded and
 * announced). `before` null is the console's first settled view (sign-in): what was already
 * overdue then is on the board, not alarmed. After it, a call-out first seen already overdue
 * (a response whose call-outs reached the console late) is alarmed too.
 */
export function calloutsToAlert(
  before: CalloutMarks | null,
  dispatches: Iterable<DispatchDto>,
  now: number,
): { marks: CalloutMarks; overdue: DispatchDto[]; escalated: DispatchDto[] } {
  const marks = new Map<string, { overdue: boolean; step: number }>();
  const overdue: DispatchDto[] = [];
  const escalated: DispatchDto[] = [];
  for (const d of dispatches) {
    const mark = {
      overdue: isOverdue(d, now),
      step: Math.max(d.ackEscalationStep, d.arriveEscalationStep),
    };
    marks.set(d.id, mark);
    if (!before) continue;
    const was = before.get(d.id) ?? { overdue: false, step: 0 };
    // Going overdue usually escalates at once too: both are said.
    if (mark.overdue && !was.overdue) overdue.push(d);
    if (mark.step > was.step) escalated.push(d);
  }
  return { marks, overdue, escalated };
}
