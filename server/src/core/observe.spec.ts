import { observe, onObserved, provideReading, read } from './observe';

describe('observe', () => {
  it('tells each subscriber, and stops after unsubscribe', () => {
    let n = 0;
    const off = onObserved('loginFailed', () => n++);
    observe('loginFailed');
    observe('liveSlowClientCut');
    expect(n).toBe(1);
    off();
    observe('loginFailed');
    expect(n).toBe(1);
  });

  it('reads 0 until a reading is provided', () => {
    expect(read('liveConnections')).toBe(0);
    provideReading('liveConnections', () => 3);
    expect(read('liveConnections')).toBe(3);
  });
});
