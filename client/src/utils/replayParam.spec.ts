import {
  formatInstant,
  formatRange,
  fromLocalInput,
  parseAt,
  parseRange,
  replayHref,
  toLocalInput,
} from './replayParam';

const from = Date.parse('2026-07-14T06:00:00Z');
const to = Date.parse('2026-07-14T13:00:00Z');

describe('replay deep link', () => {
  it('writes a range and a moment the way it reads them back', () => {
    const href = replayHref({ from, to }, Date.parse('2026-07-14T08:30:15.700Z'));
    const params = new URL(href, 'http://x').searchParams;
    expect(new URL(href, 'http://x').pathname).toBe('/replay');
    expect(params.get('replay')).toBe('2026-07-14T06:00:00Z..2026-07-14T13:00:00Z');
    const range = parseRange(params.get('replay'));
    expect(range).toEqual({ from, to });
    // Whole seconds in the link.
    expect(parseAt(params.get('at'), range!)).toBe(Date.parse('2026-07-14T08:30:15Z'));
    expect(formatRange(range!)).toBe(params.get('replay'));
  });

  it('refuses a range that is empty, backwards, half-given or not times', () => {
    for (const bad of [
      null,
      '',
      '2026-07-14T06:00:00Z',
      '2026-07-14T13:00:00Z..2026-07-14T06:00:00Z',
      '2026-07-14T06:00:00Z..2026-07-14T06:00:00Z',
      'yesterday..today',
      '2026-07-14T06:00:00Z..2026-07-14T07:00:00Z..2026-07-14T08:00:00Z',
      '2025-01-01T00:00:00Z..2026-01-01T00:00:00Z',
    ]) {
      expect(parseRange(bad)).toBeNull();
    }
  });

  it('keeps the moment inside the range; no moment opens at its start', () => {
    const range = { from, to };
    expect(parseAt(null, range)).toBe(from);
    expect(parseAt('nonsense', range)).toBe(from);
    expect(parseAt('2026-07-13T00:00:00Z', range)).toBe(from);
    expect(parseAt('2026-07-15T00:00:00Z', range)).toBe(to);
    expect(parseAt(String(from + 60_000), range)).toBe(from + 60_000);
  });

  it('reads and writes the range inputs in Beijing time whatever the browser zone', () => {
    expect(toLocalInput(from)).toBe('2026-07-14T14:00');
    expect(fromLocalInput('2026-07-14T14:00')).toBe(from);
    expect(fromLocalInput('2026-07-14T14:00:30')).toBe(from + 30_000);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-07-14')).toBeNull();
    expect(formatInstant(from + 999)).toBe('2026-07-14T06:00:00Z');
  });
});
