import type { DispatchDto } from '@sanfang/shared';
import { isOverdue } from './urgency';

/** What the console last knew of a call-out: whether it was overdue, its escalation step. */
export type CalloutMarks = ReadonlyMap<string, { overdue: boolean; step: number }>;

/**
 * Call-outs that went overdue or up an escalation step since `before` (these are sounded and
 * announced). A call-out not in `before` is new to the console (the first snapshot, a new
 * response) and only marked: what was already overdue at sign-in is on the board, not alarmed.
 */
export function calloutsToAlert(
  before: CalloutMarks,
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
    const was = before.get(d.id);
    if (!was) continue;
    // Going overdue usually escalates at once too: both are said.
    if (mark.overdue && !was.overdue) overdue.push(d);
    if (mark.step > was.step) escalated.push(d);
  }
  return { marks, overdue, escalated };
}
