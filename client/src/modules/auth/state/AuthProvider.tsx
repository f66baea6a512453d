import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { CONSOLE_ROLES, type LoginRequest, type LoginResponse } from '@sanfang/shared';
import { ApiRequestError } from '../../api/apiRequestError';
import { onAuthFailure } from '../../api/http';
import { login, logout } from '../api/login';
import { AuthContext, type AuthContextValue, type SignedOutReason } from './authContext';
import { clearSession, loadSession, saveSession } from './sessionStore';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<LoginResponse | null>(() =>
    loadSession(window.sessionStorage),
  );
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason | null>(null);

  const signOut = useCallback(() => {
    // Revoke the token on the server too; signing out locally does not wait for it.
    const token = loadSession(window.sessionStorage)?.accessToken;
    if (token) void logout(token).catch(() => undefined);
    clearSession(window.sessionStorage);
    setSession(null);
    setSignedOutReason(null);
  }, []);

  // Any 401 on an authenticated call means the token is gone: back to sign-in.
  useEffect(
    () =>
      onAuthFailure(() => {
        clearSession(window.sessionStorage);
        setSession(null);
        setSignedOutReason('sessionExpired');
      }),
    [],
  );

  const signIn = useCallback(async (request: LoginRequest) => {
    const response = await login(request);
    // Contacts only ever use their ack page (the link in their call-out); the console is not
    // theirs, and the sign-in page tells them where to go instead.
    if (response.user.role === 'contact')
      throw new ApiRequestError(403, 'CONTACT_USE_LINK', 'Contacts answer by their ack link');
    if (!CONSOLE_ROLES.includes(response.user.role)) {
      throw new ApiRequestError(403, 'AUTH_FORBIDDEN', 'Role may not use the console');
    }
    saveSession(window.sessionStorage, response);
    setSession(response);
    setSignedOutReason(null);
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({ session, signedOutReason, signIn, signOut }),
    [session, signedOutReason, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
