/** Injection token for the resolved JWT signing key (see resolveJwtSecret). */
export const JWT_KEY = Symbol('JWT_KEY');
