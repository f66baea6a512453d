import type { Page } from 'playwright-core';
import { axeViolations, switchLanguage } from './pageChecks';

/**
 * The page as it is now is axe-clean; then in English (heading matched by `en`) it is again,
 * and the language is put back to Chinese.
 */
export async function checkBothLanguages(page: Page, testId: string, en: RegExp): Promise<void> {
  const root = page.locator(`[data-testid="${testId}"]`);
  await root.waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await switchLanguage(page, 'en');
  await root.locator('h2').filter({ hasText: en }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await switchLanguage(page, 'zh-CN');
  await root.waitFor();
}

/** Open a console page from the navigation. */
export async function openFromNav(page: Page, path: string, testId: string): Promise<void> {
  await page.locator(`[data-testid="nav-${path}"]`).click();
  await page.locator(`[data-testid="${testId}"]`).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/${path}`);
}
