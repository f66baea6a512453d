/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { useNow } from './useNow';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Clock({ id }: { id: string }) {
  return <span data-testid={id}>{useNow()}</span>;
}

const roots: Root[] = [];
function mount(id: string): Root {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<Clock id={id} />));
  roots.push(root);
  return root;
}
const shown = (id: string) => document.querySelector(`[data-testid=${id}]`)?.textContent;

describe('useNow (the shared clock)', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse('2026-06-11T07:00:00.000Z') }));
  afterEach(() => {
    act(() => roots.splice(0).forEach((r) => r.unmount()));
    document.body.innerHTML = '';
    jest.useRealTimers();
  });

  it('gives clocks mounted at different moments the same instant, ticking together', () => {
    mount('a');
    act(() => jest.advanceTimersByTime(400));
    mount('b');
    // The later one reads the clock's current tick, not its own moment of mounting.
    expect(shown('b')).toBe(shown('a'));
    act(() => jest.advanceTimersByTime(1_000));
    expect(shown('a')).toBe(String(Date.parse('2026-06-11T07:00:01.000Z')));
    expect(shown('b')).toBe(shown('a'));
  });

  it('runs one timer while anyone listens and none after', () => {
    const a = mount('a');
    const b = mount('b');
    expect(jest.getTimerCount()).toBe(1);
    act(() => a.unmount());
    expect(jest.getTimerCount()).toBe(1);
    act(() => b.unmount());
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a first reader after a quiet spell sees the time now, not when the clock last ran', () => {
    const a = mount('a');
    act(() => a.unmount());
    act(() => jest.advanceTimersByTime(60_000));
    mount('c');
    expect(shown('c')).toBe(String(Date.now()));
  });
});
