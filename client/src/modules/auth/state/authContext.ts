import { createContext } from 'react';
import type { LoginRequest, LoginResponse } from '@sanfang/shared';

/** Why the user is looking at the sign-in page, when it is not their own choice. */
export type SignedOutReason = 'sessionExpired';

export interface AuthContextValue {
  session: LoginResponse | null;
  signedOutReason: SignedOutReason | null;
  /** Rejects with ApiRequestError; the caller shows the mapped message. */
  signIn: (request: LoginRequest) => Promise<void>;
  signOut: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);
