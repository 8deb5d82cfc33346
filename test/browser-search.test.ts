/**
 * Search in a real browser (Chromium from the @sparticuz/chromium package, or HCPCS_CHROMIUM, via
 * playwright-core) against the pages served over HTTP: search as you type with the mouse and with the keyboard only, and the same search without JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { fromTopOfPage, useBrowserSuite } from './support/browser.js';

const web = useBrowserSuite();

async function newPage(options: { javaScript?: boolean } = {}) {
  const { page, close } = await web.openPage(undefined, options);
  return { page, done: close };
}

/** What the J1640 code page must show (as CMS's reference page for it does): pricing indicator 51, coverage D, note 0095. */
async function expectJ1640(page: import('playwright-core').Page) {
  await page.waitForURL(`${web.origin}/codes/J1640`);
  expect(await page.locator('h1').innerText()).toBe('J1640 INJECTION, HEMIN, 1 MG');
  const row = (key: string) => page.locator(`#field-${key}`);
  // The CMS definition sits behind its toggle (values first); it is in the page, one click away.
  expect(await row('pricingIndicators').locator('td').allInnerTexts()).toEqual([
    '51',
    'Drugs',
    expect.stringMatching(/^CMS definition/),
  ]);
  expect(await row('pricingIndicators').locator('td.definition').textContent()).toContain(
    'Code used to identify the appropriate methodology for developing unique pricing amounts',
  );
  expect((await row('coverage').locator('td').allInnerTexts()).slice(0, 2)).toEqual([
    'D',
    'Special coverage instructions apply',
  ]);
  expect(await row('processingNote').locator('td.value').innerText()).toBe('0095');
  expect(await page.locator('#processing-note').innerText()).toBe(
    'Processing note 0095: AS REQUIRED BY BBRA SECTION 201.',
  );
}

describe('search as you type', () => {
  it('type "hemin", choose J1640: the code page shows pricing 51, coverage D and note 0095', async () => {
    const { page, done } = await newPage();
    await page.goto(`${web.origin}/`);
    const box = page.getByRole('combobox', { name: 'Search HCPCS codes and descriptions' });
    await box.pressSequentially('hemin', { delay: 30 });
    const option = page.getByRole('option', { name: /J1640/ });
    await option.waitFor();
    expect(await page.getByRole('option').count()).toBeGreaterThanOrEqual(1);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await option.click();
    await expectJ1640(page);
    await done();
  });

  it('keyboard only: Tab to the search box, type, arrow down, Enter', async () => {
    const { page, done } = await newPage();
    await page.goto(`${web.origin}/`);
    // The home page opens in its search box; from the top of the page, the focus order is the
    // skip link, brand, the three navigation links, then the search box.
    // autofocus applies at the browser's next rendering step, which may come after load: poll.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('home-q');
    await fromTopOfPage(page);
    const focused: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(
          () => document.activeElement?.textContent?.trim() || document.activeElement?.id || '',
        ),
      );
    }
    expect(focused).toEqual([
      'Skip to content',
      'HCPCS Level II',
      'Browse',
      'Releases',
      'Dictionary',
      'home-q',
    ]);
    // The skip link moves focus past the header, to the main content.
    await page.keyboard.press('Shift+Tab');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('home-q');
    // Suggestions come per keystroke (a slow machine types slower than the 60 ms debounce), so the
    // list may first show the answer to "h", "he" or "hem" and be re-drawn: wait for the answer to
    // the whole word, then until the list shows exactly its hits, before choosing by position.
    const answer = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === 'hemi');
    await page.keyboard.type('hemi');
    const hits = ((await (await answer).json()) as { hits: { code: string }[] }).hits.map((h) => h.code);
    const shownCodes = () =>
      page.evaluate(() => [...document.querySelectorAll('[role=option] code')].map((c) => c.textContent));
    await expect.poll(shownCodes).toEqual(hits);
    const at = hits.indexOf('J1640');
    expect(at).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= at; i++) await page.keyboard.press('ArrowDown');
    const box = page.getByRole('combobox', { name: 'Search HCPCS codes and descriptions' });
    const active = await box.getAttribute('aria-activedescendant');
    expect(await page.locator(`#${active}`).innerText()).toMatch(/^J1640/);
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expectJ1640(page);
    await done();
  });

  it('Escape closes the suggestions and Enter then searches: the results page lists J1640 first', async () => {
    const { page, done } = await newPage();
    await page.goto(`${web.origin}/`);
    await page.locator('#home-q').focus();
    await page.keyboard.type('hemin');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('listbox').isHidden()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=hemin/);
    expect(await page.locator('#results-h').innerText()).toBe('1 code found in release 2026-01_v1');
    expect(await page.locator('.hits mark').allInnerTexts()).toEqual(['hemin']);
    await done();
  });

  it('without JavaScript the search form and the result links work', async () => {
    const { page, done } = await newPage({ javaScript: false });
    await page.goto(`${web.origin}/`);
    // Without the script the box is a plain search field, not a combobox that never opens.
    expect(await page.locator('#home-q').getAttribute('role')).toBeNull();
    await page.locator('#home-q').fill('hemin');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=hemin/);
    expect(await page.locator('ul.suggest').count()).toBe(0);
    await page.getByRole('link', { name: 'J1640' }).click();
    await expectJ1640(page);
    await done();
  });
});
