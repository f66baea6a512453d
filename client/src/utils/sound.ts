const MUTE_KEY = 'sanfang.chimeMuted';

export function loadMuted(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  return storage.getItem(MUTE_KEY) === '1';
}

export function saveMuted(muted: boolean, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(MUTE_KEY, muted ? '1' : '0');
}

let context: AudioContext | null = null;

/**
 * Three falling tones from a WebAudio oscillator: no audio file to ship or fetch. Browsers may
 * hold audio until the page has had a click; a blocked chime is silently skipped (the flash
 * still shows).
 */
export function playChime(): void {
  if (typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    const ctx = context;
    void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime;
    [880, 660, 880].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = hz;
      const t = start + i * 0.28;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + 0.26);
    });
  } catch {
    // No audio device (headless, locked-down kiosk): the visual flash is the alert.
  }
}
