import { replayRoutes } from '@sanfang/shared';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';
import { callApi } from '../../api/call';
import { useSession } from '../../auth/state/useSession';
import {
  jumpTo,
  pause,
  play,
  seek,
  setSpeed,
  startClock,
  stepToNext,
  tick,
  type ReplayClock,
  type Speed,
} from '../state/replayClock';
import { ReplayTimeline, type ReplaySource, type ReplayView } from '../state/replayTimeline';
import { UrlMoment } from '../state/urlMoment';
import { AT_PARAM, formatInstant, type ReplayRange } from '../../../utils/replayParam';

/** While playing, the URL's `at` follows the clock this often (wall ms): reload keeps the place. */
const URL_EVERY_MS = 2_000;
/** Events are loaded this many wall seconds of play ahead of the clock. */
const AHEAD_WALL_S = 30;
/**
 * While playing, the replayed console is redrawn at most this often (wall ms); the slider and
 * the time every frame. At 600× a frame is 10 replayed seconds: nobody reads the board that
 * fast, and redrawing the whole console each frame would cost the machine the live console needs.
 */
export const REDRAW_EVERY_MS = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/** The replay routes as the signed-in user (the server shows what the role may see live). */
export function replaySource(token: string): ReplaySource {
  return {
    stateAt: (at, signal) => callApi(replayRoutes.state, { query: { at: iso(at) }, token, signal }),
    events: ({ fromSeq, toSeq, to, limit }, signal) =>
      callApi(replayRoutes.events, {
        query: { fromSeq, toSeq, to: to === undefined ? undefined : iso(to), limit },
        token,
        signal,
      }),
  };
}

export interface ReplayPlayer {
  clock: ReplayClock;
  /** The moment the replayed console is drawn at (the clock's, less often while playing). */
  shownAt: number;
  view: ReplayView | null;
  timeline: ReplayTimeline;
  /** The clock waits for events still loading. */
  buffering: boolean;
  play: () => void;
  pause: () => void;
  seek: (at: number) => void;
  step: () => void;
  jump: (at: number) => void;
  setSpeed: (speed: Speed) => void;
}

/**
 * The replay's clock driven by animation frames (`speed` replayed seconds per wall second, never
 * past what has loaded), the state at its moment, and the URL's `at` kept in step: a deep link
 * or a reload opens the same moment, a changed `at` (back, a link) moves the clock.
 */
export function useReplayPlayer(
  range: ReplayRange,
  initialAt: number,
  source?: ReplaySource,
): ReplayPlayer {
  const token = useSession().accessToken;
  const [timeline] = useState(
    () => new ReplayTimeline(source ?? replaySource(token), range, initialAt),
  );
  useEffect(() => {
    timeline.start();
    return () => timeline.stop();
  }, [timeline]);

  const [clock, setClock] = useState(() => startClock(range, initialAt));
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const playing = clock.playing;
  // The moment the replayed console shows: the clock's, but while playing at most every
  // REDRAW_EVERY_MS of wall time.
  const [drawnAt, setDrawnAt] = useState(clock.at);
  const lastDraw = useRef(0);
  const shownAt = playing ? drawnAt : clock.at;

  // Animation frames move the clock while playing; it waits at what has loaded.
  const [buffering, setBuffering] = useState(false);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const onFrame = (now: number) => {
      const wall = now - last;
      last = now;
      const c = clockRef.current;
      let next = tick(c, wall);
      if (timeline.covers(next.at)) {
        setBuffering(false);
      } else {
        // Waits where the loaded events end (and keeps playing once more have landed).
        setBuffering(true);
        const through = timeline.loadedThrough;
        next = through !== null && through > c.at ? { ...next, at: through, playing: true } : c;
      }
      if (next !== c) setClock(next);
      if (now - lastDraw.current >= REDRAW_EVERY_MS || !next.playing) {
        lastDraw.current = now;
        setDrawnAt(next.at);
      }
      frame = requestAnimationFrame(onFrame);
    };
    frame = requestAnimationFrame(onFrame);
    return () => {
      cancelAnimationFrame(frame);
      setBuffering(false);
    };
  }, [playing, timeline]);

  const version = useSyncExternalStore(timeline.subscribe, timeline.getVersion);
  useEffect(() => {
    timeline.want(clock.at, clock.speed * AHEAD_WALL_S * 1000);
  }, [timeline, clock.at, clock.speed, version]);
  const view = timeline.viewAt(shownAt);

  // The URL's `at`: written on every pause, seek and step, every few seconds while playing.
  const [params, setParams] = useSearchParams();
  const [moment] = useState(() => new UrlMoment(params.get(AT_PARAM)));
  const lastWrite = useRef(0);
  const urlAt = params.get(AT_PARAM);
  useEffect(() => {
    const value = formatInstant(clock.at);
    if (moment.shows(value)) return;
    const now = Date.now();
    if (clock.playing && now - lastWrite.current < URL_EVERY_MS) return;
    lastWrite.current = now;
    moment.write(value);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(AT_PARAM, value);
        return next;
      },
      { replace: true },
    );
  }, [moment, clock.at, clock.playing, setParams]);
  // Someone else changed `at` (back, forward, a link): the clock goes there.
  useEffect(() => {
    if (urlAt === null) return;
    const linked = moment.seen(urlAt);
    if (linked === null) return;
    const at = Date.parse(linked);
    if (Number.isFinite(at)) setClock((c) => jumpTo(c, at));
  }, [moment, urlAt]);

  return {
    clock,
    shownAt,
    view,
    timeline,
    buffering: playing && buffering,
    play: useCallback(() => setClock(play), []),
    pause: useCallback(() => setClock(pause), []),
    seek: useCallback((at: number) => setClock((c) => seek(c, at)), []),
    step: useCallback(() => {
      const from = clockRef.current.at;
      void timeline.nextEventAfter(from).then(
        (next) => setClock((c) => (c.at === from ? stepToNext(c, next === null ? [] : [next]) : c)),
        () => undefined,
      );
    }, [timeline]),
    jump: useCallback((at: number) => setClock((c) => jumpTo(c, at)), []),
    setSpeed: useCallback((speed: Speed) => setClock((c) => setSpeed(c, speed)), []),
  };
}
