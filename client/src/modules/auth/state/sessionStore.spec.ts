/**
 * @jest-environment jsdom
 */
import type { LoginResponse } from '@sanfang/shared';
import { clearSession, loadSession, saveSession, SESSION_STORAGE_KEY } from './sessionStore';

const session: LoginResponse = {
  accessToken: 'header.payload.signature',
  user: {
    id: 'u1',
    username: 'duty',
    displayName: '值班员甲',
    role: 'duty_officer',
    subdistrictCode: null,
  },
};

describe('sessionStore', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('round-trips a session through sessionStorage', () => {
    saveSession(window.sessionStorage, session);
    expect(loadSession(window.sessionStorage)).toEqual(session);
  });

  it('forgets the session on sign-out', () => {
    saveSession(window.sessionStorage, session);
    clearSession(window.sessionStorage);
    expect(loadSession(window.sessionStorage)).toBeNull();
  });

  it.each([
    ['not JSON', '{oops'],
    ['no token', JSON.stringify({ user: session.user })],
    ['unknown role', JSON.stringify({ ...session, user: { ...session.user, role: 'root' } })],
  ])('treats stored data with %s as signed out', (_why, raw) => {
    window.sessionStorage.setItem(SESSION_STORAGE_KEY, raw);
    expect(loadSession(window.sessionStorage)).toBeNull();
  });
});
