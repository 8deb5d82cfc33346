/**
 * One freshness scheme: every reader (search, FHIR, pages, history, the answer cache) reads the
 * store's release catalog, so a release re-imported (or a new one imported) into the store of a
 * running server is seen by the very next request of each, with no waiting and no restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { HcpcsStore } from '../src/store/store.js';
import { tempDbPath } from './support/cms.js';
import { testRecord, testRelease } from './support/fixtures.js';
import { useTestServer } from './support/http.js';

const HEMIN = testRecord('J1640', 'Injection, hemin, 1 mg', { shortDescription: 'Hemin, 1 mg' });
const SALINE = testRecord('J7050', 'Infusion, normal saline solution, 250 cc', {
  shortDescription: 'Normal saline solution infus',
});
const HEMIN_RENAMED = testRecord('J1640', 'Injection, panhematin (hemin), 1 mg', {
  shortDescription: 'Panhematin, 1 mg',
});

beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-search-cache-'));
});

const server = useTestServer(() => {
  const store = HcpcsStore.open(tempDbPath());
  store.importRelease(testRelease('2025-01', [HEMIN, SALINE]));
  return store;
});

/** Which description of J1640 a page shows. */
function wording(html: string): 'first' | 'renamed' | 'neither' {
  if (html.includes('Injection, panhematin (hemin), 1 mg')) return 'renamed';
  return html.includes('Injection, hemin, 1 mg') ? 'first' : 'neither';
}

/** What each reader says about J1640 now: one request each. */
async function readers() {
  const search = await server.getJson<{ hits: { code: string; longDescription: string }[] }>(
    '/api/search?q=panhematin',
  );
  const lookup = await server.getJson<{ parameter: { name: string; valueString?: string }[] }>(
    '/fhir/CodeSystem/$lookup?system=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=J1640',
  );
  const page = await (await fetch(`${server.url}/codes/J1640`)).text();
  const history = await server.getJson('/api/codes/J1640/history');
  const browse = await (await fetch(`${server.url}/browse/J`)).text();
  return {
    search: search.body.hits.map((h) => `${h.code} ${h.longDescription}`),
    fhir: {
      version: lookup.body.parameter.find((p) => p.name === 'version')?.valueString,
      display: lookup.body.parameter.find((p) => p.name === 'display')?.valueString,
    },
    page: wording(page),
    browse: wording(browse),
    history: history.body,
  };
}

it('a re-import and a new release are seen by search, FHIR, pages and history on their next request', async () => {
  const first = await readers();
  expect(first.search).toEqual([]);
  expect(first.fhir).toEqual({ version: '2025-01', display: 'Injection, hemin, 1 mg' });
  expect(first.page).toBe('first');
  expect(first.browse).toBe('first');
  // The same again comes from what each reader keeps (the answer cache, the indexes).
  expect(await readers()).toEqual(first);

  server.store.importRelease(testRelease('2025-01', [HEMIN_RENAMED, SALINE]), { replace: true });
  const replaced = await readers();
  expect(replaced.search).toEqual(['J1640 Injection, panhematin (hemin), 1 mg']);
  expect(replaced.fhir).toEqual({ version: '2025-01', display: 'Injection, panhematin (hemin), 1 mg' });
  expect(replaced.page).toBe('renamed');
  expect(replaced.browse).toBe('renamed');
  expect(JSON.stringify(replaced.history)).toContain('Injection, panhematin (hemin), 1 mg');
  expect(JSON.stringify(replaced.history)).not.toContain('Injection, hemin, 1 mg');

  server.store.importRelease(testRelease('2025-04', [HEMIN, SALINE]));
  const added = await readers();
  // The latest release (2025-04) has the first wording again: search and FHIR default to it.
  expect(added.search).toEqual([]);
  expect(added.fhir).toEqual({ version: '2025-04', display: 'Injection, hemin, 1 mg' });
  expect(added.page).toBe('first');
  expect(added.browse).toBe('first');
  expect(JSON.stringify(added.history)).toContain('2025-04');
});
