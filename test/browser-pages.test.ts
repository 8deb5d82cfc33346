/**
 * Every main page in a real browser at desktop and phone widths: landmarks, one h1, labelled form
 * controls, text contrast (WCAG AA, computed from the rendered colours), a visible focus ring, no
 * horizontal scrolling on a phone, and no request outside the server. Screenshots of each page are
 * taken; with HCPCS_SCREENSHOTS=1 they are written to docs/screenshots (the README shows them).
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { DESKTOP, fromTopOfPage, isolatedContext, PHONE, useBrowserSuite } from './support/browser.js';
import { REPO_ROOT } from './support/cms.js';

const SHOTS_DIR =
  process.env.HCPCS_SCREENSHOTS === '1'
    ? join(REPO_ROOT, 'docs/screenshots')
    : mkdtempSync(join(tmpdir(), 'hcpcs-shots-'));

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/search?q=wheelchair' },
  { name: 'search-date', path: '/search?q=methylprednisolone+40+mg&date=2025-01-01' },
  { name: 'code', path: '/codes/J1640' },
  { name: 'code-terminated', path: '/codes/C9041' },
  { name: 'not-found', path: '/codes/J1604' },
  { name: 'browse', path: '/browse' },
  { name: 'browse-range', path: '/browse/A/A0021-A0999' },
  { name: 'releases', path: '/releases' },
  { name: 'release-corrected', path: '/releases/2019-01_v1' },
  { name: 'diff', path: '/diff?from=2020-01_v1&to=2020-04_v1' },
  { name: 'diff-corrected', path: '/diff?from=2019-01_v1&to=2020-01_v1' },
  { name: 'dictionary', path: '/dictionary' },
  { name: 'compare', path: '/compare?codes=J1640+J1412+J1030&date=2025-01-01' },
  { name: 'picklist', path: '/picklist?codes=J1640+J1412+J1030+J0800&date=2025-01-01' },
] as const;

/** Screenshots kept in the README: page, viewport. */
const README_SHOTS = new Set([
  'home-desktop',
  'home-phone',
  'search-desktop',
  'search-phone',
  'search-date-desktop',
  'code-desktop',
  'code-phone',
  'code-terminated-desktop',
  'browse-desktop',
  'diff-desktop',
  'compare-desktop',
]);

const web = useBrowserSuite();

beforeAll(() => {
  mkdirSync(SHOTS_DIR, { recursive: true });
});

/** Text elements whose contrast with their background is under 4.5:1 (3:1 for large text). */
function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (s: string) => {
      const m = /rgba?\(([^)]+)\)/.exec(s);
      const [r, g, b, a] = (m?.[1] ?? '0,0,0,0').split(',').map((x) => Number.parseFloat(x));
      return { r: r ?? 0, g: g ?? 0, b: b ?? 0, a: a ?? 1 };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const bad: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim()) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
      const fg = lum(rgba(style.color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        bad.push(`${el.tagName}.${el.className} "${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('main pages at %s width', (label, viewport) => {
  it.each(PAGES)('$name', async ({ name, path }) => {
    const { context, external } = await isolatedContext(web.browser, web.origin, viewport);
    const page = await context.newPage();
    const res = await page.goto(`${web.origin}${path}`);
    expect(res?.status()).toBe(name === 'not-found' ? 404 : 200);

    // Landmarks and headings.
    for (const role of ['banner', 'main', 'contentinfo'] as const)
      expect(await page.getByRole(role).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Every form control has a label.
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);

    expect(await lowContrast(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    // Standards mode (the doctype), and every id once.
    expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');

    // The home page starts in its search box (typing is what a visitor does first); from the
    // top of any page, the first Tab lands on the skip link, which is visible when focused and ringed.
    if (name === 'home') {
      // autofocus applies at the browser's next rendering step, which may come after load: poll.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('home-q');
      await fromTopOfPage(page);
    }
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { text: el.textContent, outline: s.outlineStyle, top: el.getBoundingClientRect().top };
    });
    expect(focus).toMatchObject({ text: 'Skip to content', outline: 'solid' });
    expect(focus.top).toBeGreaterThanOrEqual(0);

    // No horizontal scrolling: wide tables scroll inside their own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );

    await page.keyboard.press('Shift+Tab');
    if (name === 'home' && label === 'desktop') {
      // Show the autocomplete in the screenshot.
      await page.locator('#home-q').pressSequentially('wheelch');
      await page.getByRole('option').first().waitFor();
    }
    if (name === 'code-terminated') {
      // Show the history timeline, the part the reference pages do not have.
      await page.locator('#history-h').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    }
    const file = join(SHOTS_DIR, `${name}-${label}.png`);
    if (process.env.HCPCS_SCREENSHOTS !== '1' || README_SHOTS.has(`${name}-${label}`)) {
      await page.screenshot({ path: file });
      expect(statSync(file).size).toBeLessThan(250 * 1024);
    }
    expect(external).toEqual([]);
    await context.close();
  });
});

describe('dark colour scheme (following the system setting)', () => {
  it.each(PAGES)('$name', async ({ path }) => {
    const { context } = await isolatedContext(web.browser, web.origin, DESKTOP);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${web.origin}${path}`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 20, 25)');
    expect(await lowContrast(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
