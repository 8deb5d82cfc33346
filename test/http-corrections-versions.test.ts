/**
 * A release whose corrections zip holds several versions of one list (as CMS's 2018 zip holds V1_
 * to V4_): the API and the release page name the superseded versions, and nothing of theirs is
 * applied; and a code the file adds that its corrections delete (2018's G9890), in check's and
 * FHIR's words. Fixtures written here (never CMS files).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HcpcsStore } from '../src/store/store.js';
import { tempDbPath } from './support/cms.js';
import { correctionsFile, correctionsWorkbook, testRecord, testRelease } from './support/fixtures.js';
import { useTestServer } from './support/http.js';

beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-search-cache-'));
});

const server = useTestServer(() => {
  const store = HcpcsStore.open(tempDbPath());
  // V2 repeats V1's row for X1001 with another value and drops V1's add of X5005.
  const v1 = correctionsWorkbook([
    ['X1001', 'Change Cov', '1/1/40', null, null, null, null, 'I'],
    ['X5005', 'ADD CODE', '1/1/40', 'Gizmo, each', 'Gizmo of any kind, each', '1', null, 'C', '46'],
  ]);
  const v2 = correctionsWorkbook([['X1001', 'Change Cov', '1/1/40', null, null, null, null, 'M']]);
  store.importRelease({
    ...testRelease('2040-01', [testRecord('X1001', 'Gadget, each', { addedDate: '2020-01-01' })]),
    files: [
      correctionsFile('V1_HCPC2040_Corrections_ANWEB.xlsx', v1),
      correctionsFile('V2_HCPC2040_Corrections_ANWEB.xlsx', v2),
    ],
  });
  // As 2018's G9890: added by the file, deleted by its corrections with no date.
  store.importRelease({
    ...testRelease('2041-01', [
      testRecord('G9890', 'Dilated macular exam performed', { addedDate: '2041-01-01' }),
    ]),
    files: [
      correctionsFile('HCPC2041_Corrections_ALPHA.xlsx', correctionsWorkbook([['G9890', 'DELETE', null]])),
    ],
  });
  return store;
});

describe('versions of one corrections list over HTTP', () => {
  it('GET /api/releases/{id}: the lists as read, the superseded one naming its replacement; its rows not in corrections', async () => {
    const { res, body } = await server.getJson<{
      corrections: { code: string; action: string }[];
      correctionsLists: unknown[];
    }>('/api/releases/2040-01');
    expect(res.status).toBe(200);
    expect(body.correctionsLists).toEqual([
      {
        release: '2040-01_v1',
        file: 'V1_HCPC2040_Corrections_ANWEB.xlsx',
        entries: 2,
        error: null,
        supersededBy: 'V2_HCPC2040_Corrections_ANWEB.xlsx',
      },
      { release: '2040-01_v1', file: 'V2_HCPC2040_Corrections_ANWEB.xlsx', entries: 1, error: null },
    ]);
    expect(body.corrections.map((c) => [c.code, c.action])).toEqual([['X1001', 'Change Cov']]);
    expect((await server.getJson('/api/codes/X5005?release=2040-01')).res.status).toBe(404);
    const x1001 = await server.getJson<{ coverage: string; corrections: { values: unknown[] }[] }>(
      '/api/codes/X1001?release=2040-01',
    );
    expect(x1001.body.corrections.map((c) => c.values)).toEqual([[{ field: 'coverage', value: 'M' }]]);
  });

  it('the release page names the superseded list beside the corrections table', async () => {
    const html = await (await fetch(`${server.url}/releases/2040-01_v1`)).text();
    expect(html).toContain(
      'Not applied, each replaced by a later version of its list that repeats at least half of its rows: <code>V1_HCPC2040_Corrections_ANWEB.xlsx</code> (2 rows, replaced by <code>V2_HCPC2040_Corrections_ANWEB.xlsx</code>).',
    );
  });

  it("a code the file adds and its corrections delete: never in effect, in check's and FHIR's words", async () => {
    const check = await server.getJson<{ valid: boolean; reasons: string[] }>(
      '/api/check?code=G9890&date=2041-02-01',
    );
    expect([check.body.valid, check.body.reasons[0]?.slice(0, 45)]).toEqual([
      false,
      "never in effect: CMS's corrections to 2041-01",
    ]);
    const fhir = await server.getJson<{
      parameter: { name: string; valueBoolean?: boolean; valueString?: string }[];
    }>(
      '/fhir/CodeSystem/$validate-code?url=http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&code=G9890&date=2041-02-01',
    );
    expect(fhir.body.parameter.find((p) => p.name === 'result')?.valueBoolean).toBe(false);
    expect(fhir.body.parameter.find((p) => p.name === 'message')?.valueString).toBe(
      "G9890 is not valid on 2041-02-01: never in effect: CMS's corrections end it before its added date 2041-01-01 (HCPCS release 2041-01)",
    );
  });
});
