/**
 * The pages over HTTP (app.request, no socket) on the sample releases: the code page against the
 * reference pages, release selection, 404s, browse, releases, dictionary, search, diff and CSV,
 * and the budgets (page weight, no external request).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import { seedFields } from '../../test/support/seeds.js';
import { diffReleases, diffToCsv } from '../history/index.js';
import { CODE_TABLES, RECORD_FIELDS } from '../layout/index.js';
import type { HcpcsStore } from '../store/store.js';
import { ASSET_VERSION } from './assets.js';
import { createPages } from './index.js';
import { ReleasePage } from './pages/release-pages.js';

let store: HcpcsStore;
let app: ReturnType<typeof createPages>;

beforeAll(() => {
  store = openSampleStore();
  app = createPages(store);
});
afterAll(() => store.close());

async function get(path: string): Promise<{ status: number; body: string; type: string }> {
  const res = await app.request(path);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/** The field table rows of a code page: [label, value, meaning]. */
function fieldRows(html: string): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const re =
    /<tr(?: id="field-[^"]+")?><th scope="row">(.*?)<\/th><td class="value">(.*?)<\/td><td class="meaning">(.*?)<\/td>/g;
  for (const m of html.matchAll(re)) rows.push([text(m[1] ?? ''), text(m[2] ?? ''), text(m[3] ?? '')]);
  return rows;
}

describe('code page', () => {
  it('J1640 shows every field of the reference page, in its order, with value and meaning', async () => {
    const { status, body } = await get('/codes/J1640');
    expect(status).toBe(200);
    const ours = fieldRows(body);
    const seed = seedFields('000_a8d5ed219993a9e2.txt').map(
      (f) => [f.label, f.value, f.meaning ?? ''] as const,
    );
    expect(seed.map(([l]) => l)).toEqual([
      'HCPCS Code',
      'Code Description',
      'Short Description',
      'Pricing Indicator Code #1',
      'Multiple Pricing Indicator Code',
      'Medicare Carriers Manual Reference Section Number #1',
      'Coverage Code',
      'ASC Payment Group Code',
      'ASC Payment Group Effective Date',
      'Processing Note Number',
      'Berenson-Eggers Type Of Service Code',
      'Type Of Service Code #1',
      'Type Of Service Code #2',
      'Anesthesia Base Unit Quantity',
      'Code Added Date',
      'Action Effective Date',
      'Action Code',
      'Status',
      'Last Update Date',
    ]);
    expect(ours.map(([l]) => l)).toEqual(seed.map(([l]) => l));
    const digitsOrText = (s: string) => s.replace(/-/g, '').toLowerCase();
    for (const [i, [label, value, meaning]] of seed.entries()) {
      if (label === 'Status' || label === 'Last Update Date') continue;
      const [, ourValue, ourMeaning] = ours[i] as [string, string, string];
      expect(digitsOrText(ourValue), label).toBe(digitsOrText(value));
      if (meaning) expect(ourMeaning.startsWith(meaning), `${label}: ${ourMeaning}`).toBe(true);
    }
    const page = text(body);
    // The reference page's frame: title, fields, introduction, contact block, in that order.
    const order = [
      'J1640 INJECTION, HEMIN, 1 MG',
      // Values first: the field table, then history and neighbours, the introduction after them.
      'Every field of the record',
      'History across the imported releases',
      'Neighbouring codes',
      'Healthcare Common Procedure Coding System',
      'J1640 Injection, hemin, 1 mg',
      'Contact Information for HCPCS',
      'hcpcs@cms.hhs.gov',
      '(877) 735-1326',
    ].map((s) => page.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Definitions beside the values, processing note text, status badge.
    expect(page).toContain(
      'Code used to identify the appropriate methodology for developing unique pricing amounts',
    );
    expect(page).toContain('Processing note 0095: AS REQUIRED BY BBRA SECTION 201.');
    expect(body).toContain('<span class="badge badge-active">active</span>');
    expect(body).toMatch(/<a href="\/codes\/J1632"><code>J1632<\/code><\/a>/);
  });

  it('?release=2020-01 shows the code as that release had it, with the selector on it', async () => {
    const { status, body } = await get('/codes/J1640?release=2020-01');
    expect(status).toBe(200);
    expect(text(body)).toContain('This is J1640 as release 2020-01_v1 (effective 2020-01-01) had it.');
    expect(body).toContain('<option value="2020-01_v1" selected="">2020-01_v1</option>');
    expect(fieldRows(body).find(([l]) => l === 'Last Update Date')?.[1]).toBe('2020-01_v1');
    // C9041 was active in 2020-04 and terminated (replaced by J7169) from 2020-07.
    const before = await get('/codes/C9041?release=2020-04');
    expect(before.body).toContain('<span class="badge badge-active">active</span>');
    const after = await get('/codes/C9041?release=2020-07');
    expect(text(after.body)).toContain('terminated on 2020-06-30 Replaced by J7169');
    expect(after.body).toContain('<a href="/codes/J7169" rel="successor"><code>J7169</code></a>');
  });

  it('a code CMS corrected after publishing shows the corrections beside the record as published', async () => {
    const page = text((await get('/codes/B4105?release=2019-01')).body);
    expect(page).toContain(
      "CMS's corrections to this release CMS published these corrections to the 2019-01 file after it; the values above are the file as published.",
    );
    expect(page).toContain(
      'CMS\'s corrections to 2019-01: "Change Cov to C and Price to 39", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 6): Pricing Indicator Code 00 -&gt; 39; Coverage Code D -&gt; C',
    );
    // The 2020 record carries the correction already: no corrections box there.
    expect(text((await get('/codes/B4105?release=2020-01')).body)).not.toContain(
      "CMS's corrections to this release",
    );
  });

  it('the history timeline lists every event with its changes', async () => {
    const page = text((await get('/codes/C9041')).body);
    expect(page).toContain(
      '2020-07_v1 (effective 2020-07-01) terminated: last day of use 2020-06-30, replaced by J7169',
    );
    // Screen readers hear what changed: visually hidden "removed:" / "added:" in each change.
    expect(page).toContain('Cross Reference Code: removed: (blank) → added: J7169');
    expect(page).toContain(
      'ASC Payment Group Code: removed: YY (Approved to be performed in an ambulatory surgical center) → added: (blank)',
    );
  });

  it('an unknown code is a 404 with codes one keystroke away and the nearest codes', async () => {
    const { status, body } = await get('/codes/j1604');
    expect(status).toBe(404);
    const page = text(body);
    expect(page).toContain('J1604 is not in release 2026-01_v1');
    const didYouMean = body.slice(body.indexOf('id="dym-h"'), body.indexOf('id="near-h"'));
    // The swap J1604 -> J1640 comes first.
    expect(/<a href="\/codes\/([A-Z0-9]+)">/.exec(didYouMean)?.[1]).toBe('J1640');
    expect(body.slice(body.indexOf('id="near-h"'))).toMatch(/\/codes\/J16\d\d/);
    expect((await get('/codes/hemin')).status).toBe(404);
    expect(text((await get('/codes/hemin')).body)).toContain('“HEMIN” is not a HCPCS code');
  });

  it('an unknown release is a 404 naming the imported ones', async () => {
    const { status, body } = await get('/codes/J1640?release=1999-01');
    expect(status).toBe(404);
    expect(text(body)).toContain('Release “1999-01” is not imported');
    expect(body).toContain('/releases/2026-01_v1');
  });
});

describe('browse, releases, dictionary', () => {
  it('the home page names each section by its largest defined BETOS category', async () => {
    const latest = store.resolveRelease(undefined) as string;
    const counts = new Map<string, number>();
    for (const r of store.records(latest)) {
      if (r.kind === 'procedure' && r.code.startsWith('G') && r.betos && r.betos !== 'Z2')
        counts.set(r.betos, (counts.get(r.betos) ?? 0) + 1);
    }
    const [betos, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(betos).toBe('M5B');
    const page = text((await get('/')).body);
    const g = [...store.records(latest)].filter(
      (r) => r.kind === 'procedure' && r.code.startsWith('G'),
    ).length;
    expect(page).toContain(
      `G codes ${g} codes Largest BETOS category: Specialist - psychiatry (${n} of ${g})`,
    );
  });

  it('browse lists the letter sections with counts, and the Alpha-Numeric Index ranges', async () => {
    const { body } = await get('/browse');
    const latest = store.release('latest');
    expect(text(body)).toContain(
      `Release ${latest?.key}: ${latest?.counts.records.toLocaleString('en-US')} codes`,
    );
    expect(body).toContain('href="/browse/A/A0021-A0999"');
    const range = await get('/browse/A/A0021-A0999');
    expect(range.status).toBe(200);
    const codes = [...range.body.matchAll(/<a href="\/codes\/(A0\d{3})">/g)].map((m) => m[1]);
    const expected = [...store.records(latest!.key)]
      .map((r) => r.code)
      .filter((c) => c >= 'A0021' && c <= 'A0999')
      .sort();
    expect(codes).toEqual(expected);
    expect(codes).toContain('A0425');
    expect(text(range.body)).toContain(
      'Named after the entry “Transportation › service, including ambulance, A0021-A0999”',
    );
  });

  it('a long section is paged', async () => {
    const j = await get('/browse/J');
    const jCount = [...store.records(store.resolveRelease(undefined) as string)].filter(
      (r) => r.code.startsWith('J') && r.kind === 'procedure',
    ).length;
    expect(text(j.body)).toContain(`${jCount} codes in release`);
    expect(j.body).toContain('href="/browse/J?page=2"');
    const links = (b: string) => [...b.matchAll(/<li><a href="\/codes\/(J\d{4})">/g)].map((m) => m[1]);
    expect(links(j.body)).toHaveLength(200);
    const two = await get('/browse/J?page=2');
    expect(links(two.body)[0]! > links(j.body).at(-1)!).toBe(true);
  });

  it('releases list every release with its counts', async () => {
    const { body } = await get('/releases');
    for (const r of store.releases()) {
      expect(body).toContain(`<a href="/releases/${r.key}">${r.key}</a>`);
      expect(body).toContain(`<td class="num">${r.counts.records.toLocaleString('en-US')}</td>`);
    }
    const one = await get('/releases/2019-01');
    expect(one.status).toBe(200);
    expect(one.body).toContain('HCPC2019_CONTR_ANWEB.txt');
    expect(text(one.body)).not.toContain('was not compared');
  });

  it("a release page lists CMS's corrections to it, linking each code where it can be seen", async () => {
    const { status, body } = await get('/releases/2019-01_v1');
    expect(status).toBe(200);
    expect(text(body)).toContain('CMS published 14 corrections to the 2019-01 file after it.');
    // C9034 is in the 2019 file: its 2019 page; C1890 is not: its latest page, where its history is.
    expect(body).toContain('<a href="/codes/C9034?release=2019-01_v1"><code>C9034</code></a>');
    expect(body).toContain('<a href="/codes/C1890"><code>C1890</code></a>');
    expect(text(body)).toContain(
      'Q5111 ADD CODE “01/0/12019” (no date) HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 14',
    );
    expect(text((await get('/releases/2020-01_v1')).body)).not.toContain("CMS's corrections");
  });

  it('a release whose layout file was not read says so, with the reason, on its page', () => {
    const detail = store.release('2019-01');
    if (!detail) throw new Error('2019-01 is in the sample set');
    const page = String(
      ReleasePage({
        release: { ...detail, layoutNotCompared: 'no numbered field with its positions was found in it' },
        releases: store.releases(),
      }),
    );
    expect(text(page)).toContain(
      'Its record layout file was not compared with ours (a format this program does not read: no numbered field with its positions was found in it); the records were read with our layout.',
    );
  });

  it('the dictionary has every field and every code table entry', async () => {
    const { body } = await get('/dictionary');
    for (const f of RECORD_FIELDS) expect(body).toContain(`id="field-${f.key}"`);
    for (const t of CODE_TABLES) {
      expect(body).toContain(`id="table-${t.id}"`);
      for (const e of t.entries) expect(body).toContain(`<code>${e.code}</code>`);
    }
  });
});

describe('search', () => {
  it('ranks hits, marks the matched words and counts them', async () => {
    const { body } = await get('/search?q=hemin');
    expect(text(body)).toContain('1 code found in release 2026-01_v1');
    expect(body).toContain(
      '<a href="/codes/J1640" class="hit-link"><code>J1640</code></a> Injection, <mark>hemin</mark>, 1 mg',
    );
  });

  it('an exact code goes straight to its page (in the release asked for)', async () => {
    const res = await app.request('/search?q=+j1640+');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/codes/J1640');
    const old = await app.request('/search?q=C9041&release=2020-04');
    expect(old.headers.get('location')).toBe('/codes/C9041?release=2020-04');
    // With a filter, or a code the release does not hold, it is a search.
    expect((await app.request('/search?q=J1640&status=active')).status).toBe(200);
    expect((await app.request('/search?q=J1604')).status).toBe(200);
  });

  it('filters by status, section, BETOS and coverage, and pages', async () => {
    const all = await get('/search?q=wheelchair');
    const total = Number(/(\d[\d,]*) codes found/.exec(text(all.body))?.[1]?.replace(/,/g, ''));
    expect(total).toBeGreaterThan(20);
    expect(all.body).toContain('href="/search?q=wheelchair&amp;page=2"');
    const e = await get('/search?q=wheelchair&section=K&status=active');
    const codes = [...e.body.matchAll(/<a href="\/codes\/([A-Z0-9]+)" class="hit-link"><code>/g)].map(
      (m) => m[1] as string,
    );
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('K'))).toBe(true);
    const betos = await get('/search?q=injection&betos=O1D&coverage=D');
    expect(text(betos.body)).toMatch(/\d+ codes? found/);
  });

  it('/_suggest answers the autocomplete with the best few hits', async () => {
    const res = await app.request('/_suggest?q=hemi');
    expect(res.headers.get('content-type')).toContain('application/json');
    const json = (await res.json()) as { total: number; hits: { code: string; description: string }[] };
    expect(json.hits.length).toBeLessThanOrEqual(8);
    expect(json.hits.map((h) => h.code)).toContain('J1640');
    expect(await (await app.request('/_suggest?q=')).json()).toEqual({ total: 0, hits: [] });
  });
});

describe('diff', () => {
  it('groups the changes with counts and links the CSV', async () => {
    const diff = diffReleases(store, '2025-10_v1', '2025-10_v4');
    const { status, body } = await get('/diff?from=2025-10_v1&to=2025-10_v4');
    expect(status).toBe(200);
    expect(diff.changed.length).toBe(1);
    const change = diff.changed[0]!;
    expect(text(body)).toContain(`1 change`);
    expect(body).toContain(
      `<a href="/codes/${change.code}?release=2025-10_v4"><code>${change.code}</code></a>`,
    );
    expect(body).toContain('href="/diff.csv?from=2025-10_v1&amp;to=2025-10_v4"');
    const csv = await get('/diff.csv?from=2025-10_v1&to=2025-10_v4');
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(diffToCsv(store, diff));
    // Each row names the code's description.
    expect(csv.body.split('\n')[1]).toContain(store.record(diff.to, change.code)?.longDescription);
  });

  it('shows text changes word by word, rewrites whole, and space-only changes as such', async () => {
    const { body } = await get('/diff?from=2020-01&to=2020-04&change=changed&section=C');
    expect(body).toContain(
      'Short Description:</span> <span class="text-diff"><del><span class="visually-hidden">removed: </span>Gulf oil 2010 spill related</del> → <ins><span class="visually-hidden">added: </span>Covid-19 testing related svc</ins></span>',
    );
    expect(text(body)).toContain('C9754 Code Description: Creation of arteriovenous fistula, percutaneous;');
    expect(text(body)).toMatch(/C9754 Code Description: [^<]*when performed\) \(only spaces changed\)/);
  });

  it('a diff between two years is filtered and paged', async () => {
    const diff = diffReleases(store, '2020-01', '2026-01');
    const added = await get('/diff?from=2020-01&to=2026-01&change=added');
    expect(text(added.body)).toContain(`${diff.added.length.toLocaleString('en-US')} changes (filtered)`);
    expect(added.body).toContain('change=added&amp;page=2');
    const coverage = await get('/diff?from=2020-01&to=2026-01&change=changed&field=coverage');
    const n = diff.changed.filter((c) => c.field === 'coverage').length;
    expect(text(coverage.body)).toContain(`${n} changes (filtered)`);
    expect((await get('/diff?from=1990-01&to=2026-01')).status).toBe(404);
  });
});

describe('budgets', () => {
  const pages = [
    '/',
    '/codes/J1640',
    '/codes/C9041',
    '/codes/G0503?release=2019-01',
    '/search?q=wheelchair',
    '/browse',
    '/browse/J',
    '/browse/G?page=2',
    '/browse/modifiers',
    '/diff?from=2019-01&to=2026-01&change=changed&field=longDescription&page=2',
    '/releases',
    '/releases/2019-01',
    '/dictionary',
    '/diff?from=2020-01&to=2026-01',
    '/codes/ZZ999',
  ];

  it('every page with its stylesheet and script weighs under 100 KB and asks for nothing outside', async () => {
    const css = (await get(`/static/hcpcs.css?v=${ASSET_VERSION}`)).body.length;
    const js = (await get(`/static/hcpcs.js?v=${ASSET_VERSION}`)).body.length;
    const weights: string[] = [];
    for (const path of pages) {
      const { body } = await get(path);
      const total = Buffer.byteLength(body) + css + js;
      weights.push(`${path} ${(total / 1024).toFixed(1)} KB`);
      expect(total, path).toBeLessThan(100 * 1024);
      // No external request: every src/href of a resource is local.
      const resources = [...body.matchAll(/<(?:link|script|img|iframe)[^>]+(?:src|href)="([^"]+)"/g)].map(
        (m) => m[1],
      );
      expect(
        resources.every((u) => u?.startsWith('/')),
        path,
      ).toBe(true);
    }
    console.log(`page weights (HTML + CSS ${css} B + JS ${js} B):\n  ${weights.join('\n  ')}`);
  });

  it('serves the assets with a long cache only for the current version', async () => {
    const res = await app.request(`/static/hcpcs.css?v=${ASSET_VERSION}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await app.request('/static/hcpcs.js')).headers.get('cache-control')).toBe('public, max-age=300');
  });
});
