/**
 * A few thousand malformed requests against a real server: bad codes, huge and binary parameters,
 * wrong methods and content types, broken JSON and broken FHIR Parameters. Every answer must be a
 * 4xx (never a 5xx, never a crash) with a JSON error `{code, message}` under /api and an
 * OperationOutcome under /fhir, and no stack trace in it. The requests come from a seeded
 * generator, so a failure names a request that can be replayed.
 */
import { expect, it } from 'vitest';
import { useTestServer } from './support/http.js';
import { seededRandom } from './support/random.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const ALL = `${SYSTEM}?fhir_vs`;

const server = useTestServer();

interface BadRequest {
  readonly method: string;
  readonly path: string;
  readonly type?: string;
  readonly body?: string;
}

// Seeded, so that every run sends the same requests.
const rand = seededRandom(20260101);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;

/** Percent-encoded random bytes (binary, control characters, invalid UTF-8). */
function binary(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += `%${int(256).toString(16).padStart(2, '0').toUpperCase()}`;
  return out;
}

const PUNCT = [
  '!',
  '"',
  "'",
  ';',
  '--',
  '*',
  '(',
  ')',
  '<',
  '>',
  '{',
  '}',
  '\\',
  '|',
  '^',
  '`',
  '~',
  '@',
  '$',
  '.',
  '..',
  '+',
  '=',
  '&amp;',
];
const UNICODE = ['é', 'ß', '中', '😀', '\u200b', 'Ω', 'ﬁ', 'Ａ'];

/** A code that cannot be a HCPCS code: wrong length or a character outside [A-Za-z0-9]. */
function badCode(): string {
  switch (int(6)) {
    case 0:
      return encodeURIComponent(`J${pick(PUNCT)}${int(1000)}`);
    case 1:
      return `${binary(int(12))}%25`;
    case 2:
      return encodeURIComponent(pick(UNICODE) + 'J164'.slice(0, int(4)));
    case 3:
      return 'J'.repeat(6 + int(300));
    case 4:
      return encodeURIComponent(`${pick(['J1640', 'E0100', 'LT'])} ${pick(PUNCT)}`);
    default:
      return `${int(10 ** 9) + 10 ** 10}`;
  }
}

function huge(min: number): string {
  return 'x'.repeat(min + int(min * 3));
}

function brokenParameters(): string {
  const value = () =>
    pick<unknown>([
      null,
      42,
      -1.5,
      true,
      'J1640',
      [],
      {},
      [1, 2],
      { system: 5 },
      { code: ['J1640'] },
      'x'.repeat(1_500),
      { coding: 'not an array' },
    ]);
  const name = () =>
    pick(['code', 'system', 'version', 'coding', 'date', 'filter', 'count', 'url', 'codeA', 'bogus', '', 7]);
  const key = () =>
    pick([
      'valueCode',
      'valueString',
      'valueInteger',
      'valueBoolean',
      'valueCoding',
      'valueUri',
      'valueDate',
      'valueCodeableConcept',
      'value',
    ]);
  switch (int(9)) {
    case 0:
      return JSON.stringify({ resourceType: pick(['Patient', 'parameters', '', null, 5]), parameter: [] });
    case 1:
      return JSON.stringify({ resourceType: 'Parameters', parameter: pick<unknown>(['x', 5, {}, null]) });
    case 2:
      return JSON.stringify({
        resourceType: 'Parameters',
        parameter: [pick<unknown>([null, 5, 'x', [], { value: 1 }])],
      });
    case 3:
      // Every parameter has a name the operation knows or not, with a value of a random type.
      return JSON.stringify({
        resourceType: 'Parameters',
        parameter: Array.from({ length: 1 + int(4) }, () => ({ name: name(), [key()]: value() })),
      });
    case 4:
      return JSON.stringify({
        resourceType: 'Parameters',
        parameter: Array.from({ length: 101 + int(50) }, () => ({ name: 'code', valueCode: 'J1640' })),
      });
    case 5:
      return `${'['.repeat(10_000 + int(50_000))}`;
    case 6:
      return JSON.stringify({
        resourceType: 'Parameters',
        parameter: [{ name: 'code', valueCode: 'J1640' }],
      }).slice(0, 10 + int(40));
    case 7:
      return JSON.stringify({
        resourceType: 'Parameters',
        parameter: [
          {
            name: 'date',
            valueDate: pick(['2026-13-01', '2026-02-30', 'yesterday', '20260101', '2026-1-1', '']),
          },
          { name: 'code', valueCode: 'J1640' },
        ],
      });
    default:
      return String.fromCharCode(...Array.from({ length: 1 + int(200) }, () => int(256)));
  }
}

const FHIR_OPERATIONS = [
  '/fhir/CodeSystem/$lookup',
  '/fhir/CodeSystem/$validate-code',
  '/fhir/CodeSystem/$subsumes',
  '/fhir/ValueSet/$expand',
  '/fhir/ValueSet/$validate-code',
  '/fhir/CodeSystem/hcpcs-2026-01/$lookup',
];

const PATHS = [
  '/api/codes/J1640',
  '/api/codes',
  '/api/codes/lookup',
  '/api/codes/J1640/history',
  '/api/search',
  '/api/releases',
  '/api/releases/2026-01',
  '/api/diff',
  '/api/check',
  '/api/dictionary',
  '/api/hcpcs/v3/search',
  '/openapi.json',
  '/fhir/metadata',
  '/fhir/CodeSystem',
  '/fhir/CodeSystem/hcpcs-2026-01',
  ...FHIR_OPERATIONS,
];

function generate(): BadRequest[] {
  const out: BadRequest[] = [];
  const add = (n: number, make: () => BadRequest) => {
    for (let i = 0; i < n; i++) out.push(make());
  };
  // Bad codes where a code is the resource.
  add(500, () => ({ method: 'GET', path: `/api/codes/${badCode()}${pick(['', '', '?release=2026-01'])}` }));
  add(200, () => ({ method: 'GET', path: `/api/codes/${badCode()}/history` }));
  add(300, () => ({
    method: 'GET',
    path: `/fhir/CodeSystem/$lookup?system=${encodeURIComponent(pick([SYSTEM, 'urn:oid:2.16.840.1.113883.6.285']))}&code=${badCode()}`,
  }));
  add(100, () => ({ method: 'GET', path: `/fhir/CodeSystem/$subsumes?codeA=J1640&codeB=${badCode()}` }));
  // Huge parameters.
  add(100, () => ({ method: 'GET', path: `/api/search?q=${huge(1_001)}` }));
  add(60, () => ({ method: 'GET', path: `/api/hcpcs/v3/search?terms=${huge(201)}` }));
  add(40, () => ({
    method: 'GET',
    path: `${pick(['/api/search?q=', '/fhir/CodeSystem/$lookup?code=', '/api/codes?codes='])}${huge(8_200)}`,
  }));
  add(60, () => ({
    method: 'GET',
    path: `/fhir/ValueSet/$expand?url=${encodeURIComponent(ALL)}&filter=${huge(1_001)}`,
  }));
  add(60, () => ({ method: 'GET', path: `/api/codes/J1640?release=${huge(201)}` }));
  add(40, () => ({ method: 'GET', path: `/fhir/CodeSystem/$lookup?code=J1640&${huge(10)}=1` }));
  // Binary and wrong-typed parameters.
  add(120, () => ({
    method: 'GET',
    path: `/api/search?q=a&${pick(['limit', 'offset', 'status', 'kind', 'noc'])}=${binary(1 + int(8))}`,
  }));
  add(80, () => ({ method: 'GET', path: `/api/diff?from=${binary(1 + int(8))}&to=2026-01` }));
  add(60, () => ({ method: 'GET', path: `/api/check?code=J1640&date=${binary(1 + int(10))}` }));
  add(60, () => ({ method: 'GET', path: `/api/codes/J1640?release=${binary(1 + int(10))}` }));
  add(60, () => ({ method: 'GET', path: `/api/releases/${binary(1 + int(10))}` }));
  add(100, () => ({
    method: 'GET',
    path: `/fhir/CodeSystem/$lookup?code=J1640&${pick(['version', 'date', 'system', 'property'])}=${binary(1 + int(10))}${pick(['', 'x'])}`,
  }));
  add(80, () => ({
    method: 'GET',
    path: `/fhir/ValueSet/$expand?url=${encodeURIComponent(ALL)}&${pick(['count', 'offset', 'activeOnly', 'date', 'includeDesignations'])}=${pick([binary(2), '-5', '1.5', 'yes', '99999999999'])}`,
  }));
  add(60, () => ({
    method: 'GET',
    // q is free text now (Elasticsearch query-string syntax, see below); its old draws go to df so
    // that the seeded sequence of every other request stays the same.
    path: `/api/hcpcs/v3/search?terms=a&${pick(['df', 'ef', 'cf', 'sf', 'maxList', 'count', 'df'])}=${binary(1 + int(6))}`,
  }));
  add(40, () => ({ method: 'GET', path: `/fhir/CodeSystem/hcpcs-2026-01?_summary=${binary(3)}` }));
  // Wrong methods.
  add(300, () => ({
    method: pick(['PUT', 'DELETE', 'PATCH']),
    path: pick(PATHS),
    type: 'application/json',
    body: '{}',
  }));
  add(40, () => ({
    method: 'POST',
    path: pick([
      '/api/releases',
      '/api/dictionary',
      '/api/codes/J1640',
      '/fhir/metadata',
      '/fhir/CodeSystem',
      '/openapi.json',
    ]),
  }));
  // Wrong content types.
  const types = [
    'application/xml',
    'text/html',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'image/png',
    'application/octet-stream',
    '',
  ];
  add(100, () => ({
    method: 'POST',
    path: '/api/codes/lookup',
    type: pick(types.concat(['text/plain', 'text/csv'])),
    body: '{"codes":["J1640"]}',
  }));
  add(100, () => ({
    method: 'POST',
    path: pick(FHIR_OPERATIONS),
    type: pick(types.concat(['text/plain'])),
    body: '{"resourceType":"Parameters"}',
  }));
  add(50, () => ({
    method: 'POST',
    path: '/api/check',
    type: pick(types.concat(['application/json'])),
    body: 'J1640,2026-01-01\n',
  }));
  // Broken JSON for the API and broken Parameters for FHIR.
  add(150, () => ({
    method: 'POST',
    path: '/api/codes/lookup',
    type: 'application/json',
    body: pick([
      '',
      '[]',
      '"J1640"',
      '{"codes":5}',
      '{"codes":[]}',
      '{"codes":[1,2]}',
      '{"codes":["J1640"],"release":7}',
      '{"codes":["J1640"',
      `{"codes":["${'J'.repeat(300)}"]}`,
      binary(20),
      '{"codes":["J1640"],"release":"nope"}',
    ]),
  }));
  add(800, () => ({
    method: 'POST',
    path: pick(FHIR_OPERATIONS),
    type: pick(['application/fhir+json', 'application/json']),
    body: brokenParameters(),
  }));
  add(30, () => ({
    method: 'POST',
    path: pick(FHIR_OPERATIONS),
    type: 'application/fhir+json',
    body: ' '.repeat(1_100_000),
  }));
  // Nowhere.
  add(100, () => ({
    method: 'GET',
    path: `${pick(['/api/', '/fhir/', '/api/hcpcs/v3/', '/fhir/CodeSystem/hcpcs-2026-01/'])}${pick(['x', '$everything', '..%2F..%2Fetc%2Fpasswd', binary(4), 'Patient/1'])}`,
  }));
  // q: what the query-string syntax has but this server does not support (or a field that does
  // not exist) is refused, whatever follows (bytes that are not UTF-8 leave the value undecoded).
  add(40, () => ({
    method: 'GET',
    path: `/api/hcpcs/v3/search?terms=a&q=${pick(['~', '^', '/', 'price:', '_exists_:', 'a*:'])}${binary(1 + int(6))}`,
  }));
  return out;
}

const STACK = /\bat .+\.(ts|js):\d+|node_modules|Error:/;

it('answers thousands of malformed requests with a 4xx JSON or OperationOutcome error, never a 5xx', async () => {
  const requests = generate();
  expect(requests.length).toBeGreaterThan(3_000);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as BadRequest;
      const label = `${request.method} ${request.path.slice(0, 120)} [${request.type ?? ''}]`;
      try {
        const res = await fetch(`${server.url}${request.path}`, {
          method: request.method,
          headers: request.type !== undefined ? { 'content-type': request.type } : {},
          ...(request.body !== undefined ? { body: request.body } : {}),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status < 400 || res.status >= 500) {
          failures.push(`${label}: status ${res.status}: ${text.slice(0, 200)}`);
          continue;
        }
        const body = JSON.parse(text) as Record<string, unknown>;
        // Past 16 KiB Node's HTTP parser answers before the app can tell /api from /fhir.
        const fhir = request.path.startsWith('/fhir') && res.status !== 431;
        if (fhir) {
          const issue = (
            body.issue as { severity: string; code: string; diagnostics: string }[] | undefined
          )?.[0];
          if (
            body.resourceType !== 'OperationOutcome' ||
            issue?.severity !== 'error' ||
            !issue.code ||
            !issue.diagnostics
          ) {
            failures.push(`${label}: not an OperationOutcome: ${text.slice(0, 200)}`);
          } else if (res.headers.get('content-type') !== 'application/fhir+json; charset=utf-8') {
            failures.push(`${label}: content type ${res.headers.get('content-type')}`);
          } else if (STACK.test(issue.diagnostics))
            failures.push(`${label}: stack trace: ${issue.diagnostics}`);
        } else if (
          typeof body.code !== 'string' ||
          !/^HCPCS_E_/.test(body.code) ||
          typeof body.message !== 'string'
        ) {
          failures.push(`${label}: not {code, message}: ${text.slice(0, 200)}`);
        } else if (STACK.test(body.message)) failures.push(`${label}: stack trace: ${body.message}`);
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  expect(failures.slice(0, 20)).toEqual([]);
  // Every kind of refusal was exercised.
  for (const status of [400, 404, 405, 413, 414, 415, 431])
    expect(statuses.get(status), `status ${status}`).toBeGreaterThan(0);
  // The server still answers normally afterwards.
  const after = await fetch(`${server.url}/api/codes/J1640`);
  expect(after.status).toBe(200);
}, 180_000);
