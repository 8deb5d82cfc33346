/**
 * The pages a coder keeps open all day, in a real browser: "valid on [date]?" answering as
 * /api/check does, the reason a code is missing from a release, a code page that shows values first
 * (definitions behind a toggle, copy buttons, "/" to search), results checked on a date with the
 * whole row clickable, print, and the HTML hygiene (standards mode, unique ids, favicon, announced
 * word diffs). axe-core runs on every page visited.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { PHONE, useBrowserSuite, withSuitePage } from './support/browser.js';
import { REPO_ROOT } from './support/cms.js';

const web = useBrowserSuite();

function withPage(run: (page: Page) => Promise<void>, viewport?: { width: number; height: number }) {
  return withSuitePage(web, run, viewport);
}

/** The page's text with runs of white space made one space. */
async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
}

/** The pick list's rows as text. */
async function rowsOf(page: Page): Promise<string[]> {
  return (await page.locator('.pick-list tbody tr').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}

/** axe-core on the page as it is: light and dark colour schemes at its width, then on a phone. */
async function axeEverywhere(page: Page): Promise<void> {
  const size = page.viewportSize();
  expect(await axeViolations(page), 'light').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page), 'dark').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(PHONE);
  expect(await axeViolations(page), 'phone').toEqual([]);
  if (size) await page.setViewportSize(size);
}

describe('valid on a date of service', () => {
  it('the code page answers for ?date= exactly as /api/check does', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1412?date=2023-12-15`);
      const api = (await (await fetch(`${web.origin}/api/check?code=J1412&date=2023-12-15`)).json()) as {
        status: string;
        reasons: string[];
        releaseInEffect: string;
      };
      expect(api.status).toBe('not-yet-effective');
      const answer = await textOf(page, '#date-answer');
      expect(answer).toContain('J1412 on 2023-12-15: Not yet effective release in effect 2023-01_v3');
      expect(answer).toContain(api.reasons[0]);
      expect(answer).toContain('not yet effective on 2023-12-15: added 2024-01-01');
      expect(await page.getByLabel('Valid on', { exact: true }).inputValue()).toBe('2023-12-15');
      expect(await axeViolations(page)).toEqual([]);

      // Choosing another date answers for it (a GET form: the URL is the answer's link).
      await page.getByLabel('Valid on', { exact: true }).fill('2024-02-01');
      await page.getByRole('button', { name: 'Check' }).click();
      await page.waitForURL(`${web.origin}/codes/J1412?date=2024-02-01`);
      expect(await textOf(page, '#date-answer .badge')).toBe('Valid');
    });
  });

  it('a terminated code on a later date says terminated, with its successor', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/C9041?date=2020-08-01`);
      expect(await textOf(page, '#date-answer .badge')).toBe('Terminated');
      expect(await textOf(page, '#date-answer')).toContain('terminated on 2020-06-30 (last day of use)');
      expect(await textOf(page, '#date-answer')).toContain('Replaced by J7169');
    });
  });

  it('an ended code CMS names no successor for: suggested current codes, with their source', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J0800?date=2026-02-01`);
      expect(await textOf(page, '#date-answer .badge')).toBe('Terminated');
      expect(await textOf(page, '.date-check .suggested')).toBe(
        'suggestion CMS names no successor; current codes for “Corticotropin” (CMS Table of Drugs, 2019-01_v1): J0801 Injection, corticotropin (acthar gel), up to 40 units, J0802 Injection, corticotropin (ani), up to 40 units',
      );
      await page.goto(`${web.origin}/codes/J1030?date=2026-02-01`);
      expect(await textOf(page, '.date-check .suggested')).toBe(
        'suggestion CMS names no successor; current codes with the same description: J1010 Injection, methylprednisolone acetate, 1 mg',
      );
      await axeEverywhere(page);
      // A code CMS names a successor for gets that, not a suggestion.
      await page.goto(`${web.origin}/codes/C9041?date=2020-08-01`);
      expect(await page.locator('.date-check .suggested').count()).toBe(0);
    });
  });

  it('a date that is not a date is named, not a failure', async () => {
    await withPage(async (page) => {
      const res = await page.goto(`${web.origin}/codes/J1412?date=someday`);
      expect(res?.status()).toBe(200);
      expect(await textOf(page, '#date-answer')).toBe(
        'date "someday" is not a date: use YYYY-MM-DD (also accepted: YYYYMMDD, MM/DD/YYYY)',
      );
    });
  });

  it('search results: each hit checked on the date, valid codes first, suggestions marked', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/search?q=methylprednisolone+40+mg&date=2025-01-01`);
      // The date filter is on screen, not in the collapsed filter panel.
      expect(await page.getByLabel('Valid on', { exact: true }).isVisible()).toBe(true);
      expect(await page.getByLabel('Valid on', { exact: true }).inputValue()).toBe('2025-01-01');
      const rows = page.locator('.hits > li');
      const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      const at = (code: string) => texts.findIndex((t) => t.startsWith(code));
      // The current methylprednisolone codes come before the ended 40 mg ones.
      expect(at('J1010')).toBeGreaterThanOrEqual(0);
      expect(at('J1010')).toBeLessThan(at('J1030'));
      expect(at('J2919')).toBeLessThan(at('J2920'));
      expect(texts[at('J1010')]).toContain('Valid on 2025-01-01');
      const j1030 = texts[at('J1030')];
      expect(j1030).toContain('Terminated on 2025-01-01: ended 2024-03-31');
      expect(j1030).toContain(
        'suggestion CMS names no successor; current codes with the same description: J1010 Injection, methylprednisolone acetate, 1 mg',
      );
      expect(texts[at('J2920')]).toContain('same description: J2919');
      expect(await axeViolations(page)).toEqual([]);
      // The whole row opens the code, with the date carried over.
      const row = rows.filter({ hasText: 'J1030' }).first();
      const box = (await row.boundingBox())!;
      await page.mouse.click(box.x + box.width - 20, box.y + 10);
      await page.waitForURL(`${web.origin}/codes/J1030?date=2025-01-01`);
      expect(await textOf(page, '#date-answer .badge')).toBe('Terminated');
    });
  });

  it('codes in effect on the date lead the whole ranking, not only a page', async () => {
    await withPage(async (page) => {
      const verdicts = async () =>
        (await page.locator('.hits > li .hit-check .badge').allInnerTexts()).map((t) => t.trim());
      await page.goto(`${web.origin}/search?q=stent&date=2026-02-01`);
      expect(await textOf(page, '#results-h + p')).toBe(
        'Codes in effect on 2026-02-01 are listed first (on every page), most relevant first within each group.',
      );
      const first = await verdicts();
      expect(first).toHaveLength(20);
      expect(new Set(first)).toEqual(new Set(['Valid']));
      await axeEverywhere(page);
      await page.getByRole('link', { name: /Next/ }).click();
      await page.waitForURL(/page=2/);
      const second = await verdicts();
      // On page 2 the valid codes (if any are left) come before every ended one.
      const firstEnded = second.findIndex((v) => v !== 'Valid');
      expect(firstEnded).toBeGreaterThanOrEqual(0);
      expect(second.slice(firstEnded).includes('Valid')).toBe(false);
    });
  });

  it('where CMS names no successor, the Table of Drugs suggests current codes for the drug', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/search?q=corticotropin&date=2026-02-01`);
      const texts = (await page.locator('.hits > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      const j0800 = texts.find((t) => t.startsWith('J0800')) ?? '';
      expect(j0800).toContain('Terminated on 2026-02-01: ended 2023-09-30');
      expect(j0800).toContain(
        'suggestion CMS names no successor; current codes for “Corticotropin” (CMS Table of Drugs, 2019-01_v1): J0801 Injection, corticotropin (acthar gel), up to 40 units, J0802 Injection, corticotropin (ani), up to 40 units',
      );
      await axeEverywhere(page);
    });
  });

  it('before the new codes were added, the search says so', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/search?q=methylprednisolone&date=2023-12-15`);
      const texts = (await page.locator('.hits > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      expect(texts.find((t) => t.startsWith('J1010'))).toContain(
        'Not yet effective on 2023-12-15: added 2024-04-01',
      );
      expect(texts.find((t) => t.startsWith('J1030'))).toContain('Valid on 2023-12-15');
    });
  });
});

describe('why a code is missing from a release', () => {
  it('a code added later says "not yet added" with its added date', async () => {
    await withPage(async (page) => {
      const res = await page.goto(`${web.origin}/codes/J1412?release=2020-10`);
      expect(res?.status()).toBe(404);
      const callout = await textOf(page, '.callout');
      expect(callout).toContain('It is missing from 2020-10_v1: not yet added; added 2024-01-01.');
      expect(callout).not.toContain('dropped');
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('a code terminated and dropped says so with its last day of use', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/A4365?release=2019-01`);
      expect(await textOf(page, '.callout')).toContain(
        'It is missing from 2019-01_v1: terminated on 2009-12-31 (last day of use), then CMS dropped it from the file',
      );
      await page.goto(`${web.origin}/codes/C1879?release=2019-01`);
      expect(await textOf(page, '.callout')).toContain(
        'It is missing from 2019-01_v1: CMS dropped it from the file without a termination date.',
      );
    });
  });
});

describe('a code page to scan', () => {
  it('shows values first: CMS definitions behind a toggle, the table on the first phone screen', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1640`);
      const definition = page.locator('#field-longDescription td.definition');
      expect(await definition.locator('details').getAttribute('open')).toBeNull();
      expect(await definition.locator('p').first().isVisible()).toBe(false);
      await definition.getByText('CMS definition').click();
      expect(await definition.locator('p').first().isVisible()).toBe(true);
      // The field table starts within the first two screens of a phone (it started on screen 2+ before).
      const table = (await page.locator('table.fields').boundingBox())!;
      expect(table.y).toBeLessThan(PHONE.height * 2);
      expect(await axeViolations(page)).toEqual([]);
    }, PHONE);
  });

  it('copies the code and "code + description"', async () => {
    const { page, context, close } = await web.openPage();
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
      await page.goto(`${web.origin}/codes/J1640`);
      await page.getByRole('button', { name: 'Copy code', exact: true }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('J1640');
      await page.getByRole('button', { name: 'Copy code + description' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('J1640 Injection, hemin, 1 mg');
      expect(await page.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('"/" focuses the search box; the home page starts in it', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/`);
      // autofocus applies at the browser's next rendering step, which may come after load: poll.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('home-q');
      await page.goto(`${web.origin}/codes/J1640`);
      await page.locator('h1').click();
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('header-q');
      // Typing "/" inside a field stays typing.
      await page.keyboard.type('a/b');
      expect(await page.locator('#header-q').inputValue()).toBe('a/b');
    });
  });

  it('prints compact: no definitions or forms, a footer with the URL, print date and release', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1640`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#field-longDescription td.definition').isHidden()).toBe(true);
      expect(await page.locator('.date-check form').isHidden()).toBe(true);
      const footer = await textOf(page, '.print-footer');
      const today = new Date().toISOString().slice(0, 10);
      expect(footer).toBe(`${web.origin}/codes/J1640 · printed ${today} · release 2026-01_v1`);
      // Dates are not broken across lines.
      expect(
        await page.locator('#field-addedDate td.value').evaluate((e) => getComputedStyle(e).whiteSpace),
      ).toBe('nowrap');
      // The first printed page is not blank: the heading sits at its top.
      const h1 = (await page.locator('h1').boundingBox())!;
      expect(h1.y).toBeLessThan(100);
      if (process.env.HCPCS_SCREENSHOTS === '1') {
        await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/print-preview.png') });
      }
    });
  });
});

describe('HTML hygiene', () => {
  it('standards mode, unique ids, a favicon, processing-note link text', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1640`);
      expect(await page.evaluate(() => document.compatMode)).toBe('CSS1Compat');
      const duplicates = await page.evaluate(() => {
        const seen = new Map<string, number>();
        for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      });
      expect(duplicates).toEqual([]);
      expect(await page.locator('tr[id="field-typesOfService"]').count()).toBe(1);
      const icon = await page.locator('link[rel=icon]').getAttribute('href');
      for (const path of [icon!, '/favicon.ico']) {
        const res = await fetch(`${web.origin}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/svg+xml');
      }
    });
  });

  it('the processing-note link says what it opens', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1640`);
      const link = page.locator('.facts a[href="#processing-note"]');
      if ((await link.count()) > 0) expect(await link.innerText()).toMatch(/^Read note \d+$/);
      expect(await page.getByRole('link', { name: 'text', exact: true }).count()).toBe(0);
    });
  });

  it('word diffs are announced: visually hidden "removed:" and "added:"', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/diff?from=2020-01_v1&to=2020-04_v1`);
      const del = page.locator('del').first();
      expect(await del.locator('.visually-hidden').innerText()).toBe('removed:');
      expect(await page.locator('ins .visually-hidden').first().innerText()).toBe('added:');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

describe("what's new", () => {
  it('the home page links to the latest quarter’s changes; the CSV names each code', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/`);
      await page
        .getByRole('link', { name: 'What’s new in 2026-01_v1: the changes since 2025-10_v4' })
        .click();
      await page.waitForURL(`${web.origin}/diff?from=2025-10_v4&to=2026-01_v1`);
      expect(await axeViolations(page)).toEqual([]);
      const csv = await (await fetch(`${web.origin}/diff.csv?from=2025-10_v4&to=2026-01_v1`)).text();
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe(
        'from,to,change,code,field,label,old_value,new_value,old_meaning,new_meaning,description',
      );
      const added = lines.filter((l) => l.includes(',added,'));
      expect(added.length).toBeGreaterThan(0);
      // Every added row carries its description (the last column is not empty).
      expect(added.filter((l) => l.endsWith(','))).toEqual([]);
    });
  });

  it('one change is "the 1 change", not "all 1 changes"', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/diff?from=2025-10_v1&to=2025-10_v4`);
      expect(await page.getByRole('link', { name: 'Download the 1 change as CSV' }).count()).toBe(1);
    });
  });
});

describe('compare codes', () => {
  it('from a search for two codes: fields, status and history side by side', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/search?q=J1640+J1412&date=2023-12-15`);
      await page.getByRole('link', { name: 'Compare J1640, J1412 side by side' }).click();
      await page.waitForURL(`${web.origin}/compare?codes=J1640%20J1412&date=2023-12-15`);
      expect(await page.locator('table.compare thead th').allInnerTexts()).toEqual([
        'Field',
        'J1640',
        'J1412',
      ]);
      const valid = await page.locator('#compare-valid td').allInnerTexts();
      expect(valid[0]).toMatch(/^Valid /);
      expect(valid[1]).toContain('Not yet effective not yet effective on 2023-12-15: added 2024-01-01');
      expect(
        (await page.locator('#compare-history td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')),
      ).toEqual([
        'in releases 2013-01_v1 to 2026-01_v1 timeline of J1640',
        'in releases 2025-10_v1 to 2026-01_v1 timeline of J1412',
      ]);
      const added = page.locator('tr', { has: page.locator('th', { hasText: /^Code Added Date/ }) });
      expect(await added.locator('td').allInnerTexts()).toEqual(['2006-01-01', '2024-01-01']);
      expect(await added.getAttribute('class')).toBe('differs');
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('from a code page: "Compare with" another code', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/codes/J1030`);
      await page.getByLabel('Compare with').fill('J1010');
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await page.waitForURL(/\/compare\?codes=J1030&codes=J1010/);
      expect(await page.locator('table.compare thead th').allInnerTexts()).toEqual([
        'Field',
        'J1030',
        'J1010',
      ]);
    });
  });

  it('each code’s timeline side by side: added, fields changed, terminated, with releases', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/compare?codes=J1640+J1412+J1030&date=2025-01-01`);
      const cells = (await page.locator('#compare-timeline td').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
      expect(cells).toEqual([
        '2013-01_v1 in the earliest imported release; CMS gives added date 2006-01-01',
        '2025-10_v1 added; CMS gives added date 2024-01-01 (releases between 2023-01_v3 and 2025-10_v1 are not imported)',
        '2013-01_v1 in the earliest imported release; CMS gives added date 1982-01-01 2019-01_v1 short description changed (changed: Short Description) 2025-10_v1 terminated: last day of use 2024-03-31',
      ]);
      // Each event opens the code as that release has it.
      await page.locator('#compare-timeline td').nth(2).getByRole('link', { name: '2019-01_v1' }).click();
      await page.waitForURL(`${web.origin}/codes/J1030?release=2019-01_v1`);
      await page.goBack();
      await axeEverywhere(page);
    });
  });
});

describe('recent codes and favourites (this browser only)', () => {
  it('code pages visited are listed on the home page; a favourite leads to a pick list', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/`);
      expect(await page.locator('[data-memory]').isHidden()).toBe(true);
      await page.goto(`${web.origin}/codes/J1640`);
      await page.goto(`${web.origin}/codes/J1412`);
      const star = page.getByRole('button', { name: '☆ Add to favourites' });
      await star.click();
      expect(await page.getByRole('button', { name: '★ Favourite' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      await page.goto(`${web.origin}/`);
      expect(await page.locator('#favourites-h + ul code').allInnerTexts()).toEqual(['J1412']);
      expect(await page.locator('#recent-h + ul code').allInnerTexts()).toEqual(['J1412', 'J1640']);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Compare the favourites' }).click();
      await page.waitForURL(`${web.origin}/compare?codes=J1412`);
      expect(await page.locator('table.compare thead th').allInnerTexts()).toEqual(['Field', 'J1412']);
    });
  });
});

describe('a printable pick list of chosen codes', () => {
  it('picked from favourites and recent codes on the home page', async () => {
    await withPage(async (page) => {
      for (const code of ['J1640', 'J1030', 'J1412']) await page.goto(`${web.origin}/codes/${code}`);
      await page.getByRole('button', { name: '☆ Add to favourites' }).click();
      await page.goto(`${web.origin}/`);
      const form = page.getByRole('group', { name: 'Choose codes for a printable pick list' });
      // Favourites come checked; the recent codes are there to tick.
      expect(await form.getByRole('checkbox', { name: 'J1412' }).isChecked()).toBe(true);
      expect(await form.getByRole('checkbox', { name: 'J1030' }).isChecked()).toBe(false);
      await form.getByRole('checkbox', { name: 'J1030' }).check();
      await axeEverywhere(page);
      await form.getByRole('button', { name: 'Make a pick list' }).click();
      await page.waitForURL(`${web.origin}/picklist?codes=J1412&codes=J1030`);
      const today = new Date().toISOString().slice(0, 10);
      expect(await rowsOf(page)).toEqual([
        'J1412 Inj roctavian ml 2x10^13vc g Valid 2026-01_v1',
        `J1030 Methylprednisolone 40 mg inj Terminated ended 2024-03-31 2026-01_v1`,
      ]);
      expect(await textOf(page, '.pick-list thead')).toBe(
        `Code Short description Status on ${today} Release`,
      );
    });
  });

  it('from a comparison, on its date; prints compact on one page with the footer', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/compare?codes=J1640+J1412+J1030+J0800&date=2023-12-15`);
      await page.getByRole('link', { name: 'Print these codes as a pick list' }).click();
      await page.waitForURL(`${web.origin}/picklist?codes=J1640%20J1412%20J1030%20J0800&date=2023-12-15`);
      expect(await rowsOf(page)).toEqual([
        'J1640 Hemin, 1 mg Valid 2023-01_v3',
        'J1412 Inj roctavian ml 2x10^13vc g Not yet effective from 2024-01-01 2025-10_v4',
        'J1030 Methylprednisolone 40 mg inj Valid 2023-01_v3',
        'J0800 Corticotropin injection Terminated ended 2023-09-30 2025-10_v4',
      ]);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
      await axeEverywhere(page);
      if (process.env.HCPCS_SCREENSHOTS === '1') {
        await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/picklist-desktop.png') });
      }

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('form').first().isHidden()).toBe(true);
      expect(await page.locator('.site-header').isHidden()).toBe(true);
      const today = new Date().toISOString().slice(0, 10);
      expect(await textOf(page, '.print-footer')).toBe(
        `${web.origin}/picklist?codes=J1640%20J1412%20J1030%20J0800&date=2023-12-15 · printed ${today} · release 2023-01_v3`,
      );
      // Dates and statuses stay on one line; the heading opens the first page.
      for (const cell of ['.pick-status', '.pick-release', 'tbody th'])
        expect(
          await page
            .locator(`.pick-list ${cell}`)
            .first()
            .evaluate((e) => getComputedStyle(e).whiteSpace),
        ).toBe('nowrap');
      expect((await page.locator('h1').boundingBox())!.y).toBeLessThan(60);
      if (process.env.HCPCS_SCREENSHOTS === '1') {
        await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/picklist-print.png') });
      }
      // Chromium's own print: one A4 page (no blank first page) that holds the list and the footer.
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    });
  });

  it('a typed list; a bad date or too many codes is named', async () => {
    await withPage(async (page) => {
      await page.goto(`${web.origin}/picklist`);
      expect(await textOf(page, 'main p')).toContain('Type codes separated by spaces or commas');
      await page.getByLabel('Codes', { exact: true }).fill('e0100, j1640');
      await page.getByLabel('Status on').fill('2026-02-01');
      await page.getByRole('button', { name: 'Make list' }).click();
      await page.waitForURL(`${web.origin}/picklist?codes=e0100%2C+j1640&date=2026-02-01`);
      expect((await rowsOf(page)).map((r) => r.split(' ')[0])).toEqual(['E0100', 'J1640']);
      const res = await page.goto(`${web.origin}/picklist?codes=J1640&date=someday`);
      expect(res?.status()).toBe(400);
      expect(await textOf(page, '[role=alert]')).toBe('date "someday" is not a date: use YYYY-MM-DD');
      const many = Array.from({ length: 201 }, (_, i) => `A${String(i).padStart(4, '0')}`).join('+');
      expect((await page.goto(`${web.origin}/picklist?codes=${many}`))?.status()).toBe(400);
      expect(await textOf(page, '[role=alert]')).toBe('at most 200 codes in one pick list (201 given)');
    });
  });
});

describe('page weight', () => {
  it('the code page, its stylesheet and script stay under 60 kB (uncompressed, no images or fonts)', async () => {
    await withPage(async (page) => {
      const sizes = new Map<string, number>();
      page.on('response', async (res) => {
        sizes.set(new URL(res.url()).pathname, (await res.body()).length);
      });
      await page.goto(`${web.origin}/codes/J1640`, { waitUntil: 'networkidle' });
      const total = [...sizes.values()].reduce((a, b) => a + b, 0);
      expect([...sizes.keys()].sort()).toEqual(['/codes/J1640', '/static/hcpcs.css', '/static/hcpcs.js']);
      expect(total).toBeLessThan(60_000);
    });
  });

  it.each([
    '/compare?codes=J1640+J1412+J1030&date=2025-01-01',
    '/picklist?codes=J1640+J1412+J1030+J0800&date=2025-01-01',
    '/search?q=stent&date=2026-02-01',
  ])('%s with its stylesheet and script stays under the same 60 kB', async (path) => {
    await withPage(async (page) => {
      const sizes = new Map<string, number>();
      page.on('response', async (res) => {
        sizes.set(new URL(res.url()).pathname, (await res.body()).length);
      });
      await page.goto(`${web.origin}${path}`, { waitUntil: 'networkidle' });
      expect(sizes.size).toBe(3);
      expect([...sizes.values()].reduce((a, b) => a + b, 0)).toBeLessThan(60_000);
    });
  });
});
