import { isApiRequestError, type RequestErrorCode } from './apiRequestError';

export type ErrorMessageKey = `errors.${RequestErrorCode}`;

/** The i18n key of the message a user should see for any thrown value. */
export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (isApiRequestError(error)) return `errors.${error.code}`;
  return 'errors.BAD_RESPONSE';
}
