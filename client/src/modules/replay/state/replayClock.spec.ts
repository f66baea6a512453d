import {
  jumpTo,
  nextAfter,
  pause,
  play,
  previousBefore,
  seek,
  setSpeed,
  SPEEDS,
  startClock,
  stepToNext,
  tick,
} from './replayClock';

const from = Date.parse('2026-07-14T06:00:00Z');
const range = { from, to: from + 24 * 3_600_000 };

describe('replay clock', () => {
  it('stands still until played, then moves speed × the wall time passed', () => {
    const clock = startClock(range, from);
    expect(tick(clock, 1_000)).toBe(clock);
    const moved = SPEEDS.map((speed) => tick(play(setSpeed(clock, speed)), 1_000).at - from);
    expect(moved).toEqual([1_000, 10_000, 60_000, 600_000]);
  });

  it('at 600× a storm day passes in 144 wall seconds of frames, and stops at its end', () => {
    let clock = play(setSpeed(startClock(range, from), 600));
    let frames = 0;
    while (clock.playing) {
      clock = tick(clock, 1000 / 60);
      frames += 1;
    }
    expect(clock.at).toBe(range.to);
    // 86,400 s / 600 = 144 s of frames at 60 a second.
    expect(frames).toBeGreaterThanOrEqual(144 * 60);
    expect(frames).toBeLessThanOrEqual(144 * 60 + 1);
    // Play again at the end: from the start.
    expect(play(clock).at).toBe(range.from);
  });

  it('pauses where it is; seeks and jumps stay inside the range', () => {
    const playing = tick(play(startClock(range, from)), 5_000);
    const paused = pause(playing);
    expect(paused.playing).toBe(false);
    expect(tick(paused, 10_000).at).toBe(paused.at);
    expect(seek(paused, from - 1).at).toBe(from);
    expect(seek(paused, range.to + 1).at).toBe(range.to);
    // A jump (to a mark) pauses there; a seek while playing keeps playing.
    expect(jumpTo(playing, from + 3_600_000)).toMatchObject({
      at: from + 3_600_000,
      playing: false,
    });
    expect(seek(playing, from + 60_000).playing).toBe(true);
  });

  it('steps to the next event strictly after the moment, then to the end', () => {
    const times = [from + 1_000, from + 1_000, from + 5_000, from + 9_000];
    let clock = play(startClock(range, from));
    clock = stepToNext(clock, times);
    expect(clock).toMatchObject({ at: from + 1_000, playing: false });
    clock = stepToNext(clock, times);
    expect(clock.at).toBe(from + 5_000);
    clock = stepToNext(clock, times);
    expect(clock.at).toBe(from + 9_000);
    expect(stepToNext(clock, times).at).toBe(range.to);
  });

  it('finds neighbours in sorted moments', () => {
    const times = [10, 20, 20, 30];
    expect(nextAfter(times, 0)).toBe(10);
    expect(nextAfter(times, 10)).toBe(20);
    expect(nextAfter(times, 20)).toBe(30);
    expect(nextAfter(times, 30)).toBeNull();
    expect(previousBefore(times, 30)).toBe(20);
    expect(previousBefore(times, 10)).toBeNull();
  });
});
