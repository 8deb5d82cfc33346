/**
 * The diff page in a real browser: choose two releases on the releases page, filter the changes,
 * and download the CSV (compared byte for byte with the history layer's CSV of the same diff).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffReleases, diffToCsv } from '../src/history/index.js';
import { isolatedContext, useBrowserSuite } from './support/browser.js';

const web = useBrowserSuite();

describe('diff page', () => {
  it('open a diff from the releases page, filter it, and download its CSV', async () => {
    const { context, external } = await isolatedContext(web.browser, web.origin);
    const page = await context.newPage();
    await page.goto(`${web.origin}/releases`);
    await page.getByLabel('From release').selectOption('2020-07_v1');
    await page.getByLabel('To release').selectOption('2020-10_v1');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(`${web.origin}/diff?from=2020-07_v1&to=2020-10_v1`);
    expect(await page.locator('h1').innerText()).toBe('Changes from 2020-07_v1 to 2020-10_v1');

    const diff = diffReleases(web.store, '2020-07_v1', '2020-10_v1');
    const rows =
      diff.added.length +
      diff.removed.length +
      diff.terminated.length +
      diff.reactivated.length +
      diff.changed.length;
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('#changes-h').innerText()).toBe(`${rows.toLocaleString('en-US')} changes`);

    // Filter: only the added codes, each linked to its page in the newer release.
    await page.getByLabel('Kind of change').selectOption('added');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/change=added/);
    expect(diff.added.length).toBeGreaterThan(0);
    const added = await page.locator('#group-added + ul > li > a code').allInnerTexts();
    expect(added).toEqual(diff.added.slice(0, 100));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download all .* changes as CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('hcpcs-diff-2020-07_v1-2020-10_v1.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toBe(diffToCsv(web.store, diff));
    expect(csv.split('\n')[0]).toBe(
      'from,to,change,code,field,label,old_value,new_value,old_meaning,new_meaning,description',
    );
    expect(external).toEqual([]);
    await context.close();
  });

  it("lists CMS's corrections to either release, each code linked, and downloads them in the CSV", async () => {
    const { context, external } = await isolatedContext(web.browser, web.origin);
    const page = await context.newPage();
    await page.goto(`${web.origin}/diff?from=2019-01_v1&to=2020-01_v1`);
    expect(await page.locator('#corrections-h').innerText()).toBe("CMS's corrections to these releases");
    const table = page.locator('section[aria-labelledby="corrections-h"] table');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(14);
    // Code, release, CMS's words, effective, what it changes, where.
    expect(await rows.nth(3).locator('td').allInnerTexts()).toEqual([
      'C9034',
      '2019-01',
      'Discontinue',
      '2019-01-01',
      'Cross Reference Code (blank) -> J1095',
      'HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8',
    ]);
    // A code the 2019 file lacks links to its latest page; one it holds, to its page in 2019.
    expect(await rows.nth(2).locator('a').getAttribute('href')).toBe('/codes/C1890');
    await rows.nth(3).locator('a').click();
    await page.waitForURL(`${web.origin}/codes/C9034?release=2019-01_v1`);
    expect(await page.locator('.callout.corrections h3').innerText()).toBe(
      "CMS's corrections to this release",
    );
    // The file's status, and the status as the corrections leave it, each a badge.
    expect(await page.locator('.status-line').innerText()).toBe(
      "active as published; as corrected: terminated on 2018-12-31 by CMS's corrections",
    );
    expect(await page.locator('.status-line .badge').allInnerTexts()).toEqual([
      'active',
      "terminated on 2018-12-31 by CMS's corrections",
    ]);

    // A code the 2019 file lacks and the list adds: its 2019 page shows the record as the list
    // gives it, and says so.
    const added = await page.goto(`${web.origin}/codes/J1095?release=2019-01_v1`);
    expect(added?.status()).toBe(200);
    expect(await page.locator('.callout').first().innerText()).toBe(
      `Not in the file as published: the 2019-01_v1 file as published lacks J1095; CMS's corrections to 2019-01: "ADD CODE", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 10) adds it, so the record is as CMS's corrections give it: their values over the nearest file's record of the code.`,
    );
    expect(await page.locator('.status-line .badge').allInnerTexts()).toEqual(['active']);
    expect(await page.locator('.callout.corrections p').innerText()).toBe(
      'CMS published these corrections to the 2019-01 file after it; the values above are as they give them.',
    );

    await page.goto(`${web.origin}/diff?from=2019-01_v1&to=2020-01_v1`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download all .* changes as CSV/ }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\n').filter((l) => l.startsWith('2019-01_v1,2020-01_v1,corrected,'))).toHaveLength(14);
    expect(external).toEqual([]);
    await context.close();
  });
});
