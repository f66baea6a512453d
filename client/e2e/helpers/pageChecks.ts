import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Axe's serious and critical violations on the page as it is now (WCAG 2.1 A/AA rules), as
 * `rule: target` lines, so a failing test names what to fix. The map canvas is excluded: it is a
 * picture whose features are reachable from the lists beside it.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('.maplibregl-canvas')
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Collects the page's console errors and uncaught exceptions from now on. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Switch the console's language through its own control (persists in localStorage). */
export async function switchLanguage(page: Page, language: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate((l) => window.localStorage.setItem('sanfang.language', l), language);
  await page.reload();
}
