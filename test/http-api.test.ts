/**
 * The JSON API over a real HTTP server on the sample releases: lookups, batches, releases,
 * dictionary, search, history, diff, check (single and streamed batch), caching, gzip, CORS,
 * security headers, limits and the OpenAPI document.
 */
import { get, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_FIELDS } from '../src/layout/index.js';
import { type RunningServer, startServer } from '../src/server/http/serve.js';
import { useTestServer } from './support/http.js';

const server = useTestServer();
let restricted: RunningServer;

beforeAll(async () => {
  restricted = await startServer(server.store, {
    port: 0,
    hostname: '127.0.0.1',
    cors: ['https://claims.example'],
    limits: { maxBodyBytes: 2_000, maxBatchBytes: 5_000, maxUrlLength: 1_000 },
    pages: false,
  });
});

afterAll(async () => {
  await restricted.close();
});

const url = (path: string) => `${server.url}${path}`;

/** A GET through node:http, which shows the bytes as sent (fetch would undo the compression). */
function rawGet(
  path: string,
  acceptEncoding: string,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const getJson = (path: string, init?: RequestInit) => server.getJson<Record<string, unknown>>(path, init);

describe('codes', () => {
  it('GET /api/codes/{code}: the record with decoded meanings, definitions, status and processing note', async () => {
    const { res, body } = await getJson('/api/codes/j1640');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const record = server.store.record('2026-01_v1', 'J1640');
    const {
      decoded,
      definitions,
      status,
      releaseKey,
      processingNoteText,
      corrections,
      correctedStatus,
      ...values
    } = body;
    expect([corrections, correctedStatus]).toEqual([[], null]);
    expect(values).toEqual(record);
    expect(releaseKey).toBe('2026-01_v1');
    expect(status).toEqual({ status: 'active', terminationDate: null, text: 'active' });
    expect(decoded).toMatchObject({
      coverage: 'Special coverage instructions apply',
      pricingIndicators: ['Drugs'],
      actionCode: 'No maintenance for this code',
    });
    expect(Object.keys(definitions as object)).toContain('betos');
    expect(processingNoteText).toMatchObject({ text: expect.any(String) });
  });

  it("GET /api/codes/{code} lists CMS's corrections to the release's quarter beside the record as published", async () => {
    const corrected = await getJson('/api/codes/C9034?release=2019-01');
    expect(corrected.res.status).toBe(200);
    const corrections = corrected.body.corrections as {
      kind: string;
      source: string;
      changes: { field: string }[];
    }[];
    expect(corrections.map((c) => [c.kind, c.source, c.changes.map((f) => f.field)])).toEqual([
      [
        'discontinue',
        'HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8',
        ['crossReferences'],
      ],
    ]);
    // The record's status is the file's; the status as corrected stands beside it.
    expect([corrected.body.status, corrected.body.correctedStatus]).toEqual([
      { status: 'active', terminationDate: null, text: 'active' },
      {
        status: 'terminated',
        terminationDate: '2018-12-31',
        text: "terminated on 2018-12-31 by CMS's corrections",
      },
    ]);
    expect((await getJson('/api/codes/C9034?release=2020-01')).body.corrections).toEqual([]);
  });

  it('GET /api/codes/{code}?release= picks a release, and 404 says where else the code is', async () => {
    const old = await getJson('/api/codes/C9053?release=2020-04');
    expect(old.res.status).toBe(200);
    expect(old.body.releaseKey).toBe('2020-04_v1');
    const missing = await getJson('/api/codes/C9053?release=2020-01');
    expect(missing.res.status).toBe(404);
    expect(missing.body).toEqual({
      code: 'HCPCS_E_NOT_FOUND',
      message: expect.stringMatching(/^C9053 is not in release 2020-01_v1 \(it is in 2020-04_v1, 2020-07_v1/),
    });
    // A code the 2019 file lacks and its corrections list adds: the record as the corrections give
    // it (their values over the 2020 file's record), marked notInFile, as check answers it.
    const added = await getJson('/api/codes/J1095?release=2019-01');
    expect(added.res.status).toBe(200);
    expect(added.body).toMatchObject({
      code: 'J1095',
      releaseKey: '2019-01_v1',
      longDescription: 'Injection, dexamethasone 9 percent, intraocular, 1 microgram',
      coverage: 'D',
      ascGroup: 'YY',
      status: { status: 'active' },
      correctedStatus: null,
      notInFile:
        "the 2019-01_v1 file as published lacks J1095; CMS's corrections to 2019-01: \"ADD CODE\", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 10) adds it, so the record is as CMS's corrections give it: their values over the nearest file's record of the code",
    });
    const corrections = added.body.corrections as { kind: string; changes: unknown }[];
    expect(corrections.map((c) => [c.kind, c.changes])).toEqual([['add', null]]);
    // A code the file holds has no notInFile.
    expect(old.body.notInFile).toBeUndefined();
    const bad = await getJson('/api/codes/NOT-A-CODE');
    expect(bad.res.status).toBe(404);
    expect(bad.body.message).toBe(
      '"NOT-A-CODE" is not a HCPCS code: a letter and four digits (J1640) or a two-character modifier (LT)',
    );
    const release = await getJson('/api/codes/J1640?release=1999-01');
    expect(release.res.status).toBe(404);
    expect(release.body.code).toBe('HCPCS_E_NOT_FOUND');
    const garbage = await getJson('/api/codes/J1640?release=latest-ish');
    expect(garbage.res.status).toBe(400);
    expect(garbage.body.code).toBe('HCPCS_E_USAGE');
  });

  it('GET /api/codes?codes= and POST /api/codes/lookup answer many codes at once', async () => {
    const { body } = await getJson('/api/codes?codes=J1640,lt, E0100,ZZZZZ,J1640');
    expect(body.release).toBe('2026-01_v1');
    expect((body.records as { code: string }[]).map((r) => r.code)).toEqual(['J1640', 'LT', 'E0100']);
    expect(body.notFound).toEqual([{ code: 'ZZZZZ', message: 'ZZZZZ is not in release 2026-01_v1' }]);
    expect(Object.keys(body.definitions as object)).toEqual(RECORD_FIELDS.map((f) => f.key));

    const all = [...server.store.records('2026-01_v1')].slice(0, 1000).map((r) => r.code);
    const posted = await getJson('/api/codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ codes: all, release: '2026-01' }),
    });
    expect(posted.res.status).toBe(200);
    expect((posted.body.records as { code: string }[]).map((r) => r.code)).toEqual(all);

    const tooMany = await getJson('/api/codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ codes: [...all, all[0], ...Array.from({ length: 10 }, (_, i) => `Y000${i}`)] }),
    });
    expect(tooMany.res.status).toBe(400);
    expect(tooMany.body.message).toBe('codes: 1010 codes in one call, at most 1000: split the list');
  });
});

describe('releases, dictionary, search, history, diff, check', () => {
  it('lists releases and shows one', async () => {
    const list = (await (await fetch(url('/api/releases'))).json()) as {
      key: string;
      counts: { records: number };
    }[];
    expect(list.map((r) => `${r.key}:${r.counts.records}`)).toEqual([
      '2013-01_v1:5951',
      '2019-01_v1:6800',
      '2020-01_v1:7079',
      '2020-04_v1:7097',
      '2020-07_v1:7158',
      '2020-10_v1:7196',
      '2023-01_v3:7785',
      '2025-10_v1:8846',
      '2025-10_v4:8846',
      '2026-01_v1:9006',
    ]);
    const one = await getJson('/api/releases/2025-10');
    expect(one.body).toMatchObject({
      key: '2025-10_v4',
      revision: 4,
      superseded: false,
      effectiveDate: '2025-10-01',
    });
    expect((await fetch(url('/api/releases/2024-01'))).status).toBe(404);
    expect((one.body as { corrections: unknown[] }).corrections).toEqual([]);
    const corrected = (await getJson('/api/releases/2019-01')).body as {
      corrections: { code: string; kind: string; effectiveDate: string | null; source: string }[];
      correctionsLists: unknown[];
    };
    expect(corrected.corrections).toHaveLength(14);
    // Both 2019 lists in force: _v2 adds rows to the first list, it repeats none of them.
    expect(corrected.correctionsLists).toEqual([
      { release: '2019-01_v1', file: 'HCPC2019_Corrections_ALPHA.xlsx', entries: 11, error: null },
      { release: '2019-01_v1', file: 'HCPC2019_Corrections_ALPHA_v2.xlsx', entries: 3, error: null },
    ]);
    expect(corrected.corrections[3]).toEqual({
      code: 'C9034',
      kind: 'discontinue',
      action: 'Discontinue',
      effectiveDate: '2019-01-01',
      effectiveDateAsWritten: null,
      values: [{ field: 'crossReferences', value: ['J1095'] }],
      comments: null,
      source: 'HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8',
    });
  });

  it('serves the dictionary: every field with definition and code table', async () => {
    const { body } = await getJson('/api/dictionary');
    const fields = body.fields as { key: string; number: number; table: string | null; definition: string }[];
    expect(fields[0]).toMatchObject({ key: 'code', number: 1, start: 1, length: 5 });
    expect(fields.map((f) => f.number)).toEqual([...fields.map((f) => f.number)].sort((a, b) => a - b));
    expect(fields.find((f) => f.key === 'coverage')).toMatchObject({ table: 'coverage' });
    const tables = body.tables as { id: string; entries: { code: string; label: string }[] }[];
    expect(tables.find((t) => t.id === 'coverage')?.entries.find((e) => e.code === 'D')?.label).toBe(
      'Special coverage instructions apply',
    );
  });

  it('searches with filters', async () => {
    const { body } = await getJson('/api/search?q=hemin');
    expect(body).toMatchObject({
      total: 1,
      release: '2026-01_v1',
      hits: [{ code: 'J1640', matched: ['hemin'] }],
    });
    const range = await getJson('/api/search?q=injection&range=J1000-J1099&status=active&limit=5&offset=1');
    expect((range.body.hits as { code: string }[]).every((h) => /^J10\d\d$/.test(h.code))).toBe(true);
    const bad = await getJson('/api/search?q=x&limit=0');
    expect(bad.res.status).toBe(400);
    expect(bad.body.message).toMatch(/^parameter limit: /);
    const noQ = await getJson('/api/search');
    expect(noQ.res.status).toBe(400);
    expect(noQ.body.message).toMatch(/^parameter q: /);
  });

  it('searches with a date: the codes in effect on it first (order=relevance keeps the ranking)', async () => {
    const codesOf = async (query: string) =>
      ((await getJson(`/api/search?${query}`)).body.hits as { code: string }[]).map((h) => h.code);
    const plain = await codesOf('q=methylprednisolone+40+mg&limit=20');
    // Without a date the API's order is the ranking's, as before.
    expect(plain.indexOf('J1030')).toBeLessThan(plain.indexOf('J1010'));
    const dated = await codesOf('q=methylprednisolone+40+mg&limit=20&date=2026-02-01');
    expect(dated.slice(0, 3).sort()).toEqual(['J1010', 'J2919', 'J7509']);
    expect(dated.slice(3).sort()).toEqual(['J1020', 'J1030', 'J1040', 'J2920', 'J2930']);
    expect(await codesOf('q=methylprednisolone+40+mg&limit=20&date=2026-02-01&order=relevance')).toEqual(
      plain,
    );
    const bad = await getJson('/api/search?q=stent&order=newest');
    expect(bad.res.status).toBe(400);
    expect(bad.body.message).toMatch(/^parameter order: /);
  });

  it('tells the history of a code', async () => {
    const { body } = await getJson('/api/codes/C9053/history');
    expect(body.code).toBe('C9053');
    const events = body.events as { release: string; type: string; replacedBy?: string[] }[];
    expect(events.slice(0, 2).map((e) => [e.release, e.type])).toEqual([
      ['2020-04_v1', 'added'],
      ['2020-07_v1', 'terminated'],
    ]);
    expect(events[1]?.replacedBy).toEqual(['J0791']);
  });

  it('diffs two releases as JSON and CSV', async () => {
    const { body } = await getJson('/api/diff?from=2025-10_v1&to=2025-10_v4');
    expect(body).toMatchObject({
      from: '2025-10_v1',
      to: '2025-10_v4',
      added: [],
      removed: [],
      terminated: [],
      reactivated: [],
    });
    expect((body.changed as { code: string; field: string }[]).map((c) => `${c.code}.${c.field}`)).toEqual([
      'L6034.longDescription',
    ]);
    const csv = await fetch(url('/api/diff?from=2025-10_v1&to=2025-10_v4&format=csv'));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2025-10_v1,2025-10_v4,changed,L6034,longDescription,/);
    // Added and terminated codes carry their descriptions, as hcpcs diff --csv and /diff.csv do.
    const quarter = (await (await fetch(url('/api/diff?from=2020-04&to=2020-07&format=csv'))).text()).split(
      '\n',
    );
    expect(quarter).toContain('2020-04_v1,2020-07_v1,added,C9059,,,,,,,"Injection, meloxicam, 1 mg"');
    expect(quarter).toContain(
      '2020-04_v1,2020-07_v1,terminated,C9054,terminationDate,Termination Date,,2020-06-30,,,"Injection, lefamulin (xenleta), 1 mg"',
    );
    expect((await fetch(url('/api/diff?from=2025-10_v1'))).status).toBe(400);
  });

  it('checks a code on a date of service', async () => {
    const { body } = await getJson('/api/check?code=J1412&date=2023-12-15');
    expect(body).toMatchObject({
      code: 'J1412',
      date: '2023-12-15',
      valid: false,
      status: 'not-yet-effective',
      replacedBy: [],
    });
    const withModifiers = await getJson('/api/check?code=E0100&date=2026-02-01&modifier=LT&modifier=RT');
    expect(withModifiers.body).toMatchObject({ valid: true });
    expect((withModifiers.body.modifiers as { code: string }[]).map((m) => m.code)).toEqual(['LT', 'RT']);
    const today = await fetch(url('/api/check?code=E0100'));
    expect(today.headers.get('cache-control')).toBe('no-cache');
  });

  it('streams a batch check: CSV in, CSV out; NDJSON in, NDJSON out', async () => {
    const csv = await fetch(url('/api/check'), {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'code,date,modifier\nJ1412,2023-12-15,\nE0100,2026-02-01,LT\n,2026-01-01,\nJ1640,not a date,\n',
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = (await csv.text()).trim().split('\n');
    expect(rows[0]).toBe(
      'line,code,date,modifiers,valid,status,release,replaced_by,coverage,payable_by_medicare,reasons,warnings,error',
    );
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 6).join(','))).toEqual([
      '2,J1412,2023-12-15,,false,not-yet-effective',
      '3,E0100,2026-02-01,LT,true,valid',
      '4,,2026-01-01,,false,error',
      '5,J1640,not a date,,false,error',
    ]);
    const nd = await fetch(url('/api/check'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"code":"J1412","date":"2023-12-15"}\nnot json\n{"code":"E0100","date":"2026-02-01","modifiers":["LT"]}',
    });
    const results = (await nd.text())
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { line: number; code: string; valid: boolean; status: string; error?: string },
      );
    expect(results.map((r) => [r.line, r.code, r.valid, r.status])).toEqual([
      [1, 'J1412', false, 'not-yet-effective'],
      [2, '', false, 'error'],
      [3, 'E0100', true, 'valid'],
    ]);
    expect(results[1]?.error).toBe('line 2: not a JSON object');
    const asCsv = await fetch(url('/api/check?format=csv'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{"code":"J1640","date":"2026-02-01"}\n',
    });
    expect((await asCsv.text()).split('\n')[1]).toMatch(/^1,J1640,2026-02-01,,true,valid,/);
  });

  it('streams a large batch (20,000 lines) in order', async () => {
    const codes = [...server.store.records('2026-01_v1')].slice(0, 100).map((r) => r.code);
    const lines = Array.from({ length: 20_000 }, (_, i) => `${codes[i % 100]},2026-02-01`);
    const res = await fetch(url('/api/check'), {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: `code,date\n${lines.join('\n')}\n`,
    });
    const out = (await res.text()).trim().split('\n');
    expect(out).toHaveLength(20_001);
    expect(out[20_000]?.startsWith(`20001,${codes[99]},2026-02-01,`)).toBe(true);
  });
});

describe('HTTP behaviour', () => {
  it('sends ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const first = await fetch(url('/api/codes/J1640'));
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const again = await fetch(url('/api/codes/J1640'), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Cross-origin revalidation keeps its CORS headers.
    await fetch(url('/api/codes/J1640'), { headers: { origin: 'https://a.example' } });
    const cross = await fetch(url('/api/codes/J1640'), {
      headers: { origin: 'https://a.example', 'if-none-match': etag },
    });
    expect(cross.status).toBe(304);
    expect(cross.headers.get('access-control-allow-origin')).toBe('*');
    const other = await fetch(url('/api/codes/J1641'), { headers: { 'if-none-match': etag } });
    expect(other.status).not.toBe(304);
    const error = await fetch(url('/api/codes/Q0000'));
    expect(error.headers.get('etag')).toBeNull();
    expect(error.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a repeated request from the kept answers with the same headers and body', async () => {
    const headersOf = (res: Response) =>
      Object.fromEntries(
        [...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
      );
    const inits: RequestInit[] = [
      {},
      { headers: { origin: 'https://x.example' } },
      { headers: { accept: 'application/fhir+json' } },
    ];
    for (const init of inits) {
      const path = '/fhir/CodeSystem/$lookup?code=E0100&property=coverage';
      const first = await fetch(url(path), init);
      const firstBody = await first.text();
      const second = await fetch(url(path), init);
      expect(await second.text()).toBe(firstBody);
      expect(headersOf(second)).toEqual(headersOf(first));
      expect(headersOf(second)['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('gzips large answers for clients that accept it', async () => {
    const gzipGet = () => rawGet('/api/dictionary', 'gzip');
    const raw = await gzipGet();
    expect(raw.headers['content-encoding']).toBe('gzip');
    const json = JSON.parse(gunzipSync(raw.body).toString('utf8')) as { fields: unknown[] };
    expect(json.fields.length).toBeGreaterThan(20);
    // The second time the kept (gzipped) answer is sent as it was.
    const again = await gzipGet();
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(again.body).toString('utf8'))).toEqual(json);
    const plain = (await (
      await fetch(url('/api/dictionary'), { headers: { 'accept-encoding': 'identity' } })
    ).json()) as unknown;
    expect(plain).toEqual(json);
  });

  it('negotiates the coding by q-values, and sends one kept answer to every wording of it', async () => {
    const path = '/api/codes/E0100';
    const deflate = await rawGet(path, 'gzip;q=0, deflate');
    expect(deflate.headers['content-encoding']).toBe('deflate');
    const record = JSON.parse(inflateSync(deflate.body).toString('utf8')) as { code: string };
    expect(record.code).toBe('E0100');
    const none = await rawGet(path, 'gzip;q=0');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(none.body.toString('utf8'))).toEqual(record);
    // A browser's wording first, a script's second: the second gets the very bytes kept.
    const browser = await rawGet(path, 'gzip, deflate, br, zstd');
    const script = await rawGet(path, 'gzip');
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(script.body.equals(browser.body)).toBe(true);
    expect(JSON.parse(gunzipSync(script.body).toString('utf8'))).toEqual(record);
    expect(script.headers.vary).toBe('Accept-Encoding');
  });

  it('sets security headers on answers and errors: a page policy on pages, load-nothing elsewhere', async () => {
    const policies = {
      '/api/codes/J1640': "default-src 'none'; frame-ancestors 'none'",
      '/api/nope': "default-src 'none'; frame-ancestors 'none'",
      '/fhir/metadata': "default-src 'none'; frame-ancestors 'none'",
      '/api/diff?from=2025-10&to=2026-01&format=csv': "default-src 'none'; frame-ancestors 'none'",
      '/': "default-src 'self'; script-src 'self'",
      '/no-such-page': "default-src 'self'; script-src 'self'",
    };
    for (const [path, policy] of Object.entries(policies)) {
      const res = await fetch(url(path), { headers: { accept: 'text/html,*/*' } });
      expect(res.headers.get('content-security-policy'), path).toContain(policy);
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe(
        policy.includes("'self'") ? 'same-origin' : null,
      );
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('answers CORS from any origin by default, only listed origins when configured', async () => {
    const open = await fetch(url('/api/codes/J1640'), { headers: { origin: 'https://anywhere.example' } });
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${restricted.url}/fhir/ValueSet/$expand`, {
      method: 'OPTIONS',
      headers: { origin: 'https://claims.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://claims.example');
    const other = await fetch(`${restricted.url}/api/codes/J1640`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses wrong methods, content types, large bodies and long URLs with clear 4xx', async () => {
    const put = await getJson('/api/releases', { method: 'PUT' });
    expect(put.res.status).toBe(405);
    expect(put.res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(put.body).toEqual({ code: 'HCPCS_E_USAGE', message: 'PUT /api/releases: this path answers GET' });
    const getLookup = await getJson('/api/codes/lookup');
    expect(getLookup.res.status).toBe(405);
    const text = await getJson('/api/codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'J1640',
    });
    expect(text.res.status).toBe(415);
    expect(text.body.message).toBe('POST /api/codes/lookup takes application/json, not "text/plain"');
    const big = await fetch(`${restricted.url}/api/codes/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ codes: Array.from({ length: 500 }, () => 'J1640') }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      code: 'HCPCS_E_USAGE',
      message: 'the request body is larger than 2000 bytes',
    });
    const long = await fetch(`${restricted.url}/api/search?q=${'a'.repeat(1_200)}`);
    expect(long.status).toBe(414);
    const batch = await fetch(`${restricted.url}/api/check`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'J1640,2026-01-01\n'.repeat(400),
    });
    expect(batch.status).toBe(413);
    const brokenJson = await getJson('/api/codes/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"codes": [',
    });
    expect(brokenJson.res.status).toBe(400);
    expect(brokenJson.body.code).toBe('HCPCS_E_USAGE');
  });

  it('publishes an OpenAPI 3 document of every API path', async () => {
    const { body } = await getJson('/openapi.json');
    expect(body.openapi).toBe('3.0.3');
    expect(Object.keys(body.paths as object).sort()).toEqual(
      [
        '/api/check',
        '/api/codes',
        '/api/codes/lookup',
        '/api/codes/{code}',
        '/api/codes/{code}/history',
        '/api/codes/{code}/payment',
        '/api/codes/{code}/payment/history',
        '/api/dictionary',
        '/api/diff',
        '/api/hcpcs/v3/search',
        '/api/payments',
        '/api/payments/diff',
        '/api/releases',
        '/api/releases/{id}',
        '/api/search',
      ].sort(),
    );
    const paths = body.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>;
    expect(paths['/api/search']?.get?.parameters?.map((p) => p.name)).toContain('coverage');
    expect((body.components as { schemas: Record<string, unknown> }).schemas.Record).toBeDefined();
  });
});
