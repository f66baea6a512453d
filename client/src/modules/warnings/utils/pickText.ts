import type { CapText } from '@sanfang/shared';

const primary = (tag: string): string => tag.toLowerCase().split('-')[0] ?? '';

/**
 * The info block to show first: the console's language, then Chinese (zh-CN before other
 * zh), then English, then the first. `chosen` (a language the user picked) wins when present.
 */
export function pickText(
  texts: readonly CapText[],
  consoleLanguage: string,
  chosen: string | null = null,
): CapText | undefined {
  const exact = (tag: string) => texts.find((t) => t.language.toLowerCase() === tag.toLowerCase());
  const family = (tag: string) => texts.find((t) => primary(t.language) === primary(tag));
  return (
    (chosen ? exact(chosen) : undefined) ??
    exact(consoleLanguage) ??
    family(consoleLanguage) ??
    exact('zh-CN') ??
    family('zh') ??
    family('en') ??
    texts[0]
  );
}

/** The other languages the message was sent in, once each, in the message's order. */
export function otherLanguages(texts: readonly CapText[], shown: CapText | undefined): string[] {
  const out: string[] = [];
  for (const t of texts) {
    if (t.language !== shown?.language && !out.includes(t.language)) out.push(t.language);
  }
  return out;
}
