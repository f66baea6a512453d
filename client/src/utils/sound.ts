const MUTE_KEY = 'sanfang.chimeMuted';

export function loadMuted(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  return storage.getItem(MUTE_KEY) === '1';
}

export function saveMuted(muted: boolean, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(MUTE_KEY, muted ? '1' : '0');
}

/**
 * Whether the console can make a sound now: `blocked` while the browser holds audio until the
 * page has had a click (autoplay policy): the console shows a control to enable it.
 */
export type SoundState = 'ready' | 'blocked' | 'unavailable';

let context: AudioContext | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

function audio(): AudioContext | null {
  if (context) return context;
  if (typeof AudioContext === 'undefined') return null;
  try {
    context = new AudioContext();
    context.addEventListener('statechange', notify);
  } catch {
    // No audio device (headless, locked-down kiosk): the visual alert is all there is.
    return null;
  }
  return context;
}

export function soundState(): SoundState {
  const ctx = audio();
  if (!ctx) return 'unavailable';
  return ctx.state === 'running' ? 'ready' : 'blocked';
}

export function subscribeSound(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** From a click (a user gesture): lets the browser play the alerts from now on. */
export function enableSound(): void {
  void audio()
    ?.resume()
    .then(notify, () => undefined);
}

/** What is sounding: a new or upgraded warning, or a call-out gone overdue or escalated. */
export type Alert = 'warning' | 'callout';

// Warning: three falling tones. Call-out: two short low beeps, so the ear tells them apart.
const TONES: Readonly<Record<Alert, { hz: number[]; step: number; length: number }>> = {
  warning: { hz: [880, 660, 880], step: 0.28, length: 0.25 },
  callout: { hz: [520, 520], step: 0.2, length: 0.14 },
};

/**
 * A WebAudio oscillator: no audio file to ship or fetch. Browsers may hold audio until the page
 * has had a click; a blocked sound is silently skipped (the flash and the announcement still
 * happen, and the console offers the control to enable sound).
 */
export function playChime(alert: Alert = 'warning'): void {
  const ctx = audio();
  if (!ctx) return;
  try {
    void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime;
    const { hz, step, length } = TONES[alert];
    hz.forEach((f, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = f;
      const t = start + i * step;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + length + 0.01);
    });
  } catch {
    // No audio device: the visual alert is the alert.
  }
}
