/**
 * Code pages in a real browser: a terminated code leads to its successor, the release selector shows
 * the code as an older release had it, unknown codes offer the nearest ones, and the page prints
 * without navigation and forms.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, useBrowserSuite, withSuitePage } from './support/browser.js';

const web = useBrowserSuite();

function withPage(run: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  return withSuitePage(web, run, viewport);
}

describe('code pages', () => {
  it('a terminated code shows its successor; following it opens the active successor', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/C9041`);
      expect(await page.locator('.status-line').innerText()).toBe(
        'terminated on 2020-06-30 Replaced by J7169',
      );
      await page.getByRole('link', { name: 'J7169' }).first().click();
      await page.waitForURL(`${web.origin}/codes/J7169`);
      expect(await page.locator('h1 .code-id').innerText()).toBe('J7169');
      expect(await page.locator('.status-line .badge').innerText()).toBe('active');
      // The successor's history names the code it replaces.
      expect(await page.locator('#history-h + p').innerText()).toContain('Replaces C9041.');
    });
  });

  it('the release selector shows the code as an older release had it', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/C9041`);
      await page.getByLabel('Release', { exact: true }).selectOption('2020-04_v1');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`${web.origin}/codes/C9041?release=2020-04_v1`);
      expect(await page.locator('.status-line .badge').innerText()).toBe('active');
      expect(await page.locator('#field-release td.value').innerText()).toBe('2020-04_v1');
      expect(await page.locator('.callout').first().innerText()).toContain(
        'This is C9041 as release 2020-04_v1 (effective 2020-04-01) had it.',
      );
    });
  });

  it('an unknown code offers the codes one keystroke away', async () => {
    await withPage(async (page) => {
      const res = await page.goto(`${web.origin}/codes/J1604`);
      expect(res?.status()).toBe(404);
      await page.locator('section[aria-labelledby="dym-h"]').getByRole('link', { name: 'J1640' }).click();
      await page.waitForURL(`${web.origin}/codes/J1640`);
    });
  });

  it('fits a phone width and prints without header, forms and neighbours', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1640`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      // The field table turns into stacked rows: a label above its value.
      const label = await page.locator('#field-coverage th').boundingBox();
      const value = await page.locator('#field-coverage td.value').boundingBox();
      expect(value!.y).toBeGreaterThan(label!.y);
      // ... and each cell takes the whole width, not a table column's share of it.
      for (const cell of ['th', 'td.value', 'td.meaning', 'td.definition']) {
        const box = await page.locator(`#field-longDescription ${cell}`).boundingBox();
        expect(box!.width, cell).toBeGreaterThan(PHONE.width * 0.8);
      }
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.site-header', '.release-selector', '.neighbours', '.site-footer']) {
        expect(await page.locator(hidden).isHidden(), hidden).toBe(true);
      }
      expect(await page.locator('.fields').isVisible()).toBe(true);
      expect(await page.locator('.contact').isVisible()).toBe(true);
      const pdf = await page.pdf({ format: 'Letter' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }, PHONE);
  });
});
