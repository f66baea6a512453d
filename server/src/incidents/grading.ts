import type { Casualties, IncidentGrade } from '@sanfang/shared';

/** One row of State Council Order 493: any criterion at or above its bound gives the grade. */
export interface GradeCriteria {
  grade: IncidentGrade;
  deaths: number;
  seriousInjuries: number;
  directLossCny: number;
}

/** Highest grade first; lower bounds inclusive; below every row is 一般 (general). */
export const ORDER_493: readonly GradeCriteria[] = [
  { grade: 'especially_major', deaths: 30, seriousInjuries: 100, directLossCny: 100_000_000 },
  { grade: 'major', deaths: 10, seriousInjuries: 50, directLossCny: 50_000_000 },
  { grade: 'larger', deaths: 3, seriousInjuries: 10, directLossCny: 10_000_000 },
];

/**
 * Grades an incident from its figures: the first (highest) row any criterion reaches wins.
 * Missing persons are not counted as deaths (Order 493 counts deaths; local rules that fold
 * missing into deaths would add them here).
 */
export function gradeIncident(
  c: Pick<Casualties, 'deaths' | 'seriousInjuries'>,
  directLossCny: number,
  table: readonly GradeCriteria[] = ORDER_493,
): IncidentGrade {
  for (const row of table) {
    if (
      c.deaths >= row.deaths ||
      c.seriousInjuries >= row.seriousInjuries ||
      directLossCny >= row.directLossCny
    )
      return row.grade;
  }
  return 'general';
}

export const GRADE_NAMES: Record<IncidentGrade, string> = {
  general: '一般',
  larger: '较大',
  major: '重大',
  especially_major: '特别重大',
};
