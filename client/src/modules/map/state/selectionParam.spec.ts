import { formatSelection, parseSelection, selectionHref } from './selectionParam';

describe('the selection deep link', () => {
  it('round-trips every kind and refuses what is not one', () => {
    const s = { kind: 'incident' as const, id: '6f1c0b8e-0000-4000-8000-000000000001' };
    expect(parseSelection(formatSelection(s))).toEqual(s);
    expect(parseSelection('waterlogging:p1')).toEqual({ kind: 'waterlogging', id: 'p1' });
    expect(parseSelection('dragon:1')).toBeNull();
    expect(parseSelection('incident:')).toBeNull();
    expect(parseSelection(null)).toBeNull();
    expect(selectionHref({ kind: 'warning', id: 'w1' })).toBe('/?select=warning%3Aw1');
  });
});
