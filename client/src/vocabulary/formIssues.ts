/** The zod issue kinds a form shows in the console's words (others: "invalid"). */
export const FORM_ISSUES = [
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'custom',
  'invalid',
] as const;
export type FormIssue = (typeof FORM_ISSUES)[number];
