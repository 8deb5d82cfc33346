/**
 * NLM's own autocompleter, autocomplete-lhc (from npm, bundled here with esbuild), pointed at our
 * NLM-compatible endpoint in a real Chromium: what it lists for "he", "J1", "wheelch" and "hemin"
 * must be what NLM's documented rules give (./support/nlm-reference.ts), its "N of M total" must
 * be the rule's total, and its nonMatchSuggestions (the `suggest=1&field_val=...` request) must
 * offer suggestions for a word that matched nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSuite } from './support/browser.js';
import { type ReferenceRecord, referenceRecords, referenceSearch } from './support/nlm-reference.js';

const web = useBrowserSuite();
const widgetDir = dirname(createRequire(import.meta.url).resolve('autocomplete-lhc/package.json'));
let bundle = '';
let records: ReferenceRecord[] = [];

beforeAll(async () => {
  const result = await build({
    entryPoints: [join(widgetDir, 'source/index.js')],
    bundle: true,
    format: 'iife',
    globalName: 'Def',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  records = referenceRecords(web.store);
});

/** The widget as NLM's HCPCS demo sets it up, on a page of the server's origin (no CORS needed). */
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>NLM widget</title>
<link rel="stylesheet" href="/__nlm-widget/autocomplete-lhc.css"></head>
<body><label for="hcpcs">HCPCS</label> <input type="text" id="hcpcs">
<script src="/__nlm-widget/autocomplete-lhc.js"></script>
<script>
  window.suggestions = null;
  new Def.Autocompleter.Search('hcpcs', '/api/hcpcs/v3/search', { nonMatchSuggestions: true });
  Def.Autocompleter.Event.observeSuggestions('hcpcs', (data) => { window.suggestions = data.suggestion_list; });
</script></body></html>`;

async function widgetPage() {
  const opened = await web.openPage();
  const requests: string[] = [];
  opened.page.on('request', (r) => {
    if (r.url().includes('/api/hcpcs/v3/search')) requests.push(decodeURIComponent(new URL(r.url()).search));
  });
  await opened.context.route(`${web.origin}/__nlm-widget/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('.js')) return route.fulfill({ contentType: 'text/javascript', body: bundle });
    if (path.endsWith('.css'))
      return route.fulfill({
        contentType: 'text/css',
        body: readFileSync(join(widgetDir, 'source/auto_completion.css'), 'utf8'),
      });
    return route.fulfill({ contentType: 'text/html', body: PAGE });
  });
  await opened.page.goto(`${web.origin}/__nlm-widget/index.html`);
  return { ...opened, requests };
}

async function typeAndRead(page: Page, text: string) {
  const box = page.locator('#hcpcs');
  await box.fill('');
  await box.pressSequentially(text, { delay: 40 });
  const count = page.locator('#lhc-tools-searchCount');
  // The list and its count belong to the whole text once the count names the rule's total.
  const total = referenceSearch(records, { terms: text }).length;
  await expect
    .poll(async () => (await count.isVisible()) && (await count.innerText()), { timeout: 15_000 })
    .toMatch(new RegExp(`^\\d+ of ${total} total`));
  const items = await page.locator('#completionOptions li').allInnerTexts();
  return { items, count: (await count.innerText()).replace(/;.*$/s, '').trim() };
}

describe("NLM's autocomplete-lhc widget against /api/hcpcs/v3/search", () => {
  it('lists for "he", "J1", "wheelch" and "hemin" what NLM\'s rules give', async () => {
    const { page, close, requests } = await widgetPage();
    const seen: Record<string, { items: string[]; count: string }> = {};
    for (const text of ['he', 'J1', 'wheelch', 'hemin']) {
      const expected = referenceSearch(records, { terms: text });
      const { items, count } = await typeAndRead(page, text);
      seen[text] = { items, count };
      // The widget sorts what it is given (its `sort` option); the set is the rule's first 7.
      expect([...items].sort(), text).toEqual(
        expected
          .slice(0, 7)
          .map((r) => `${r.code} - ${r.display}`)
          .sort(),
      );
      expect(count, text).toMatch(new RegExp(`^${Math.min(7, expected.length)} of ${expected.length} total`));
    }
    expect(seen.he?.count).toMatch(/^7 of \d{3} total/);
    expect(seen.hemin?.items).toEqual(['J1640 - Injection, hemin, 1 mg']);
    expect(requests.some((r) => r.includes('terms=he'))).toBe(true);
    await close();
  });

  it('nonMatchSuggestions: a word that matches nothing gets suggestions from suggest=1', async () => {
    const { page, close, requests } = await widgetPage();
    const box = page.locator('#hcpcs');
    await box.pressSequentially('whelchair', { delay: 40 });
    await expect.poll(() => page.locator('#completionOptions li').count(), { timeout: 15_000 }).toBe(0);
    await box.press('Tab');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { suggestions: string[] | null }).suggestions), {
        timeout: 15_000,
      })
      .not.toBeNull();
    const suggestions = await page.evaluate(
      () => (window as unknown as { suggestions: string[] }).suggestions,
    );
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => /wheelchair/i.test(s))).toBe(true);
    expect(requests.some((r) => r.includes('suggest=1') && r.includes('field_val=whelchair'))).toBe(true);
    await close();
  });
});
