/** DI token of the AckTokens signer (its key is resolved from env or app_settings at boot). */
export const ACK_TOKENS = Symbol('ACK_TOKENS');
