import { z } from 'zod';
import { ConfigError } from '../config/config';

const schema = z.object({
  /** When the duty day's shifts start, Asia/Shanghai local time (the bureau: 08:00). */
  DUTY_SHIFT_START: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .default('08:00'),
  /** Length of one shift in hours; a divisor of 24 (24 = one shift a day, 08:00–08:00). */
  DUTY_SHIFT_HOURS: z.coerce
    .number()
    .int()
    .refine((h) => [1, 2, 3, 4, 6, 8, 12, 24].includes(h), 'must divide 24 (e.g. 8, 12, 24)')
    .default(24),
  /** How far ahead a shift with no leader on duty or no officer is warned about. */
  ROTA_GAP_WARN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(48),
  /** How often each instance looks for rota gaps (the warning itself is sent once). */
  ROTA_GAP_CHECK_S: z.coerce.number().positive().max(86_400).default(300),
});

/** Every variable loadDutyDeskConfig reads. */
export const DUTY_DESK_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface DutyDeskConfig {
  shiftStart: string;
  shiftHours: number;
  gapWarnHours: number;
  gapCheckS: number;
}

export const DUTY_DESK_CONFIG = Symbol('DUTY_DESK_CONFIG');

export function loadDutyDeskConfig(env: NodeJS.ProcessEnv = process.env): DutyDeskConfig {
  const r = schema.safeParse(env);
  if (!r.success)
    throw new ConfigError(
      r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return {
    shiftStart: r.data.DUTY_SHIFT_START,
    shiftHours: r.data.DUTY_SHIFT_HOURS,
    gapWarnHours: r.data.ROTA_GAP_WARN_HOURS,
    gapCheckS: r.data.ROTA_GAP_CHECK_S,
  };
}
