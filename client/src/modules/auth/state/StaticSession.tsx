import type { LoginResponse } from '@sanfang/shared';
import { useMemo, type ReactNode } from 'react';
import { AuthContext, type AuthContextValue } from './authContext';

/** A fixed session without sign-in (unit specs and benches mount panels inside one). */
export function StaticSession({
  session,
  children,
}: {
  session: LoginResponse;
  children: ReactNode;
}) {
  const value = useMemo<AuthContextValue>(
    () => ({
      session,
      signedOutReason: null,
      signIn: () => Promise.resolve(),
      signOut: () => undefined,
    }),
    [session],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
