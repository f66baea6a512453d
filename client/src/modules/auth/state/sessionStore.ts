import { ROLES, type LoginResponse } from '@sanfang/shared';

// sessionStorage: the session dies with the tab, and a shared duty PC does not keep it.
export const SESSION_STORAGE_KEY = 'sanfang.session';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Guards against stale or hand-edited storage; anything odd means "signed out". */
export function isStoredSession(value: unknown): value is LoginResponse {
  if (!isRecord(value) || typeof value.accessToken !== 'string' || !isRecord(value.user)) {
    return false;
  }
  const { user } = value;
  return (
    typeof user.id === 'string' &&
    typeof user.username === 'string' &&
    typeof user.displayName === 'string' &&
    ROLES.some((role) => role === user.role) &&
    (user.subdistrictCode === null || typeof user.subdistrictCode === 'string')
  );
}

export function loadSession(storage: Storage): LoginResponse | null {
  const raw = storage.getItem(SESSION_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, session: LoginResponse): void {
  storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(SESSION_STORAGE_KEY);
}
