/**
 * The console's own CJK font (Noto Sans SC, see styles.css) is split by unicode-range into about
 * a hundred files, and the browser fetches a file only when text on screen needs one of its
 * characters. A long list (the dispatch board's 2,436 call-outs) then fetches new files while a
 * duty officer scrolls it, and each arrival relays out the text in view: long frames mid-scroll.
 *
 * `preloadGlyphs(texts)` asks for the files that these texts' characters need, once the browser is
 * idle (`document.fonts.load` with the text: only the subsets whose range holds one of its
 * characters), so they are there before the text is shown. Each character is asked for once per
 * page; text with nothing new costs a set lookup a character.
 */

/** The console's text font (the `--font-ui` family), at any size: one file serves all weights. */
const FONT = "1em 'Noto Sans SC Variable'";

const requested = new Set<string>();
let pending: string[] = [];
let scheduled = false;

type Idle = (run: () => void) => void;
const whenIdle: Idle = (run) => {
  if (typeof window.requestIdleCallback === 'function')
    window.requestIdleCallback(run, { timeout: 2_000 });
  else setTimeout(run, 200);
};

function flush(): void {
  scheduled = false;
  let fresh = '';
  for (const text of pending)
    for (const ch of text)
      if (!requested.has(ch)) {
        requested.add(ch);
        fresh += ch;
      }
  pending = [];
  // Loading failures (offline, a blocked file) leave the fallback font: nothing to report.
  if (fresh) document.fonts.load(FONT, fresh).catch(() => undefined);
}

export function preloadGlyphs(texts: readonly string[]): void {
  if (texts.length === 0 || typeof document === 'undefined' || !document.fonts) return;
  for (const text of texts) pending.push(text);
  if (scheduled) return;
  scheduled = true;
  whenIdle(flush);
}

/** Every string under a catalogue entry (a section's labels), for `preloadGlyphs`. */
export function catalogueTexts(entry: unknown): string[] {
  if (typeof entry === 'string') return [entry];
  if (entry && typeof entry === 'object') return Object.values(entry).flatMap(catalogueTexts);
  return [];
}

/** Tests only: forgets what was asked for. */
export function resetPreloadedGlyphs(): void {
  requested.clear();
  pending = [];
  scheduled = false;
}
