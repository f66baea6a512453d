/**
 * @jest-environment jsdom
 */
import { catalogueTexts, preloadGlyphs, resetPreloadedGlyphs } from './preloadGlyphs';

describe(preloadGlyphs.name, () => {
  const load = jest.fn((_font: string, _text?: string) => Promise.resolve([] as FontFace[]));
  let idle: (() => void)[] = [];

  beforeEach(() => {
    resetPreloadedGlyphs();
    load.mockClear();
    idle = [];
    Object.defineProperty(document, 'fonts', { value: { load }, configurable: true });
    window.requestIdleCallback = (run: IdleRequestCallback) => {
      idle.push(() => run({ didTimeout: false, timeRemaining: () => 50 }));
      return idle.length;
    };
  });
  const runIdle = () => {
    const queued = idle;
    idle = [];
    for (const run of queued) run();
  };

  it('asks for the console font with every character once, when the browser is idle', () => {
    preloadGlyphs(['东湖路积水点', '张三']);
    preloadGlyphs(['湖东']);
    expect(load).not.toHaveBeenCalled();
    expect(idle).toHaveLength(1);
    runIdle();
    expect(load).toHaveBeenCalledTimes(1);
    const [font, text] = load.mock.calls[0]!;
    expect(font).toContain('Noto Sans SC Variable');
    expect([...(text ?? '')].sort()).toEqual([...'东湖路积水点张三'].sort());
  });

  it('does not ask again for characters already asked for', () => {
    preloadGlyphs(['东湖路']);
    runIdle();
    preloadGlyphs(['湖路', '东']);
    runIdle();
    expect(load).toHaveBeenCalledTimes(1);
    preloadGlyphs(['东湖北路']);
    runIdle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(load.mock.calls[1]![1]).toBe('北');
  });

  it('collects every string of a catalogue section', () => {
    expect(catalogueTexts({ a: '已通知', b: { c: '已到场', d: 3 } })).toEqual(['已通知', '已到场']);
  });
});
