import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { initI18n } from '../i18n';

/** Lets pending fetches and the renders they cause settle. */
export async function flush(rounds = 8): Promise<void> {
  await act(async () => {
    for (let i = 0; i < rounds; i++) await Promise.resolve();
  });
}

/**
 * A React root in a fresh container for each test of the enclosing `describe`, with i18n
 * ready; unmounted and removed after each test.
 */
export function mountEachTest(): { readonly root: Root; readonly container: HTMLDivElement } {
  const view = {} as { root: Root; container: HTMLDivElement };
  beforeAll(async () => {
    await initI18n();
  });
  beforeEach(() => {
    view.container = document.createElement('div');
    document.body.append(view.container);
    view.root = createRoot(view.container);
  });
  afterEach(() => {
    act(() => view.root.unmount());
    view.container.remove();
  });
  return view;
}
