/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { LoginResponse, Role } from '@sanfang/shared';
import { initI18n } from '../../../i18n';
import { fakeResponse, mockFetch } from '../../../test/fakeResponse';
import { AuthProvider } from '../state/AuthProvider';
import { SESSION_STORAGE_KEY } from '../state/sessionStore';
import { SignInPage } from './SignInPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function loginResponse(role: Role): LoginResponse {
  return {
    accessToken: 'jwt-token',
    user: { id: 'u1', username: 'duty', displayName: '值班员甲', role, subdistrictCode: null },
  };
}

function typeInto(input: HTMLInputElement, value: string): void {
  // React tracks the value through the native setter; assigning .value alone fires no onChange.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe(SignInPage.name, () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeAll(async () => {
    await initI18n();
  });

  beforeEach(() => {
    window.sessionStorage.clear();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() => {
      root.render(
        <AuthProvider>
          <SignInPage />
        </AuthProvider>,
      );
    });
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  async function submit(username: string, password: string): Promise<void> {
    const [user, pass] = Array.from(container.querySelectorAll('input'));
    act(() => {
      typeInto(user!, username);
      typeInto(pass!, password);
    });
    await act(async () => {
      container.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }

  const shownError = () => container.querySelector('[role=alert]')?.textContent;

  it('asks for both fields without calling the server', async () => {
    const fetch = mockFetch();
    await submit('duty', '');
    expect(shownError()).toBe('请输入用户名和密码');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows a clear Chinese message for wrong credentials', async () => {
    mockFetch(fakeResponse(401, { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong' }));
    await submit('duty', 'nope');
    expect(shownError()).toBe('用户名或密码错误');
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('tells the user to wait when rate limited', async () => {
    mockFetch(fakeResponse(429, { code: 'RATE_LIMITED' }));
    await submit('duty', 'demo');
    expect(shownError()).toBe('尝试次数过多，请稍后再试');
  });

  it('keeps the token in sessionStorage after a successful sign-in', async () => {
    const fetch = mockFetch(fakeResponse(200, loginResponse('duty_officer')));
    await submit('duty', 'demo');
    expect(fetch.mock.calls[0]![0]).toBe('/api/auth/login');
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toContain('jwt-token');
    expect(shownError()).toBeUndefined();
  });

  it('refuses a contact account, which has no console', async () => {
    mockFetch(fakeResponse(200, loginResponse('contact')));
    await submit('someone', 'demo');
    expect(shownError()).toBe('联系人不使用值班指挥台：请打开叫应短信中的确认链接答复');
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
