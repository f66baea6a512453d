/** Injection token for the resolved JWT signing key (see resolveStoredSecret). */
export const JWT_KEY = Symbol('JWT_KEY');
