import type { CapText } from '@sanfang/shared';
import { otherLanguages, pickText } from './pickText';

const text = (language: string): CapText => ({
  language,
  event: `event ${language}`,
  senderName: '',
  headline: `headline ${language}`,
  description: '',
  instruction: '',
  areaDescs: [],
});

describe(pickText.name, () => {
  const enFr = [text('en-CA'), text('fr-CA')];
  const zhEn = [text('en-US'), text('zh-CN')];

  it("shows the console's language first", () => {
    expect(pickText(zhEn, 'zh-CN')?.language).toBe('zh-CN');
    expect(pickText(zhEn, 'en')?.language).toBe('en-US');
  });

  it('falls back to Chinese, then English, then the first block', () => {
    expect(pickText([text('es-US'), text('zh-TW')], 'en')?.language).toBe('zh-TW');
    expect(pickText([text('fr-CA'), text('en-CA')], 'zh-CN')?.language).toBe('en-CA');
    expect(pickText([text('is-IS'), text('de-DE')], 'zh-CN')?.language).toBe('is-IS');
    expect(pickText([], 'zh-CN')).toBeUndefined();
  });

  it('shows a language the user picked, and lists the others once', () => {
    expect(pickText(enFr, 'zh-CN', 'fr-CA')?.language).toBe('fr-CA');
    expect(pickText(enFr, 'zh-CN', 'de-DE')?.language).toBe('en-CA');
    const twoEach = [...enFr, ...enFr];
    expect(otherLanguages(twoEach, pickText(twoEach, 'en'))).toEqual(['fr-CA']);
  });
});
