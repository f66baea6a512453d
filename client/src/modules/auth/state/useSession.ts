import type { LoginResponse } from '@sanfang/shared';
import { useAuth } from './useAuth';

/**
 * The signed-in session, for panels inside the console (the console only renders signed in):
 * the token for their calls and the role for what they offer.
 */
export function useSession(): LoginResponse {
  const { session } = useAuth();
  if (!session) throw new Error('useSession must be used inside the signed-in console');
  return session;
}
