import { z } from 'zod';
import { ConfigError } from '../config/config';

const schema = z.object({
  /** A 叫应 call must be answered within this (seconds) before it escalates. */
  CALL_ANSWER_WINDOW_S: z.coerce
    .number()
    .positive()
    .max(24 * 3600)
    .default(600),
  /** Time between escalation rungs (repeat → backup → unit leader → district duty officer). */
  CALL_ESCALATION_STEP_S: z.coerce
    .number()
    .positive()
    .max(24 * 3600)
    .default(300),
});

export const LASTMILE_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface LastMileConfig {
  answerWindowS: number;
  stepS: number;
}

export const LASTMILE_CONFIG = Symbol('LASTMILE_CONFIG');

export function loadLastMileConfig(source: NodeJS.ProcessEnv = process.env): LastMileConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => v !== undefined && v !== '' && k in schema.shape),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    answerWindowS: parsed.data.CALL_ANSWER_WINDOW_S,
    stepS: parsed.data.CALL_ESCALATION_STEP_S,
  };
}
