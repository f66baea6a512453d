import { gradeRank, type IncidentGrade } from '@sanfang/shared';
import type { DutyRule } from './entities/duty-rule.entity';

/** Whether a configured rule applies to an incident of this grade. */
export function ruleApplies(r: DutyRule, grade: IncidentGrade): boolean {
  const g = gradeRank(grade);
  return (
    r.active && g >= gradeRank(r.minGrade) && (r.maxGrade === null || g <= gradeRank(r.maxGrade))
  );
}

/** Done exactly at the deadline is on time; a millisecond later is late. */
export const isOnTime = (doneAt: Date, dueAt: Date): boolean => doneAt.getTime() <= dueAt.getTime();
