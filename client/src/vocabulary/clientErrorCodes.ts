/** Failures that happen before a server error body exists; client-only, never sent by the API. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'BAD_RESPONSE', 'CONTACT_USE_LINK'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
