import { AckTokens } from '../dispatch/ack-token';

/**
 * A unit's answer link: the assignment id signed with the ack-link key under its own label
 * (dispatch/ack-token.ts), so a call-out link is never an answer link. Nothing is stored;
 * whether it still works is the assignment's state.
 */
export const INSTRUCTION_TOKENS = Symbol('INSTRUCTION_TOKENS');

export class InstructionTokens extends AckTokens {
  constructor(secret: string, previous: string | null = null) {
    super(secret, previous, 'sanfang-instruction');
  }
}
