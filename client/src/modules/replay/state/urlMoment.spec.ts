import { formatInstant } from '../../../utils/replayParam';
import { UrlMoment } from './urlMoment';

const t0 = Date.parse('2026-07-14T06:00:00Z');
const at = (s: number) => formatInstant(t0 + s * 1000);

describe("the URL's moment: the player's own writes and someone else's", () => {
  it('opens on the deep link without moving the clock, and writes only a new moment', () => {
    const m = new UrlMoment(at(0));
    expect(m.shows(at(0))).toBe(true);
    expect(m.seen(at(0))).toBeNull();
    expect(m.shows(at(20))).toBe(false);
    m.write(at(20));
    expect(m.shows(at(20))).toBe(true);
  });

  it('takes an earlier write landing after a later one was made for its own, not a link', () => {
    // At 600× the player writes every 2 wall seconds (20 replayed minutes); on a busy main
    // thread the URL shows the first while the second is already written.
    const m = new UrlMoment(at(0));
    m.write(at(1_200));
    m.write(at(2_400));
    expect(m.seen(at(1_200))).toBeNull();
    expect(m.seen(at(2_400))).toBeNull();
    // Passed over: the later write lands first; the earlier never shows.
    m.write(at(3_600));
    m.write(at(4_800));
    expect(m.seen(at(4_800))).toBeNull();
    expect(m.shows(at(4_800))).toBe(true);
  });

  it('moves the clock for a moment someone else put in the URL: back, forward, a link', () => {
    const m = new UrlMoment(at(0));
    m.write(at(1_200));
    expect(m.seen(at(1_200))).toBeNull();
    expect(m.seen(at(300))).toBe(at(300));
    // Now the URL says 300 s: writing it again is nothing; the same link again moves nothing.
    expect(m.shows(at(300))).toBe(true);
    expect(m.seen(at(300))).toBeNull();
    // A moment the player wrote and saw land, shown again later (back), is a link.
    expect(m.seen(at(1_200))).toBe(at(1_200));
  });

  it('plays a 6 h storm at 600× through URL writes that land late without a single jump', () => {
    const m = new UrlMoment(at(0));
    const inFlight: string[] = [];
    const jumps: string[] = [];
    // A write every 2 wall seconds is 1,200 replayed seconds; each lands up to three writes late.
    for (let s = 1_200; s <= 6 * 3_600; s += 1_200) {
      m.write(at(s));
      inFlight.push(at(s));
      if (inFlight.length > (s / 1_200) % 4) {
        const landed = m.seen(inFlight.shift()!);
        if (landed !== null) jumps.push(landed);
      }
    }
    for (const v of inFlight) {
      const landed = m.seen(v);
      if (landed !== null) jumps.push(landed);
    }
    expect(jumps).toEqual([]);
  });
});
