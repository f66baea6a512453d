import { instructionLinkRoutes, type AnswerInput } from '@sanfang/shared';
import { callApi } from '../../api/call';

/** A unit's answer link: no session, the token is the credential. */
export const fetchAnswerView = (token: string, signal?: AbortSignal) =>
  callApi(instructionLinkRoutes.view, { params: { token }, signal });

export const postAnswer = (token: string, body: AnswerInput) =>
  callApi(instructionLinkRoutes.answer, { params: { token }, body });

/** `/answer/<token>` → the token, else null. */
export function answerTokenFromPath(pathname: string): string | null {
  const m = /^\/answer\/([A-Za-z0-9_-]{20,64})\/?$/.exec(pathname);
  return m ? m[1]! : null;
}
