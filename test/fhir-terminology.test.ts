/**
 * FHIR R4 terminology operations over a real HTTP server on the sample releases: whole bodies
 * where practical, GET and POST, system aliases, and OperationOutcome errors with their statuses.
 */
import type { CodeSystem, OperationOutcome, Parameters, ValueSet } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { fetchJson, useTestServer } from './support/http.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const ALL_CODES = `${SYSTEM}?fhir_vs`;
const SYNONYM = {
  system: 'http://snomed.info/sct',
  code: '900000000000013009',
  display: 'Synonym (core metadata concept)',
};

const server = useTestServer();

const get = (path: string, headers: Record<string, string> = {}) => server.getJson(path, { headers });

const post = (path: string, body: unknown, type = 'application/fhir+json') =>
  fetchJson(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const param = (p: Parameters, name: string) => p.parameter?.find((x) => x.name === name);

function outcome(body: unknown): { code: string; diagnostics: string | undefined } {
  const oo = body as OperationOutcome;
  expect(oo.resourceType).toBe('OperationOutcome');
  expect(oo.issue).toHaveLength(1);
  return { code: oo.issue[0]?.code as string, diagnostics: oo.issue[0]?.diagnostics };
}

describe('metadata', () => {
  it('serves a CapabilityStatement naming every operation', async () => {
    const { res, body } = await get('/fhir/metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    const cs = body as {
      resourceType: string;
      fhirVersion: string;
      rest: { resource: { type: string; operation: { name: string }[] }[] }[];
    };
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest[0]?.resource.map((r) => [r.type, r.operation.map((o) => o.name)])).toEqual([
      ['CodeSystem', ['lookup', 'validate-code', 'subsumes']],
      ['ValueSet', ['expand', 'validate-code']],
      ['ConceptMap', ['translate']],
    ]);
  });

  it('serves TerminologyCapabilities with one version per imported release', async () => {
    const { body } = await get('/fhir/metadata?mode=terminology');
    const tc = body as {
      resourceType: string;
      codeSystem: { uri: string; subsumption: boolean; version: { code: string; isDefault: boolean }[] }[];
    };
    expect(tc.resourceType).toBe('TerminologyCapabilities');
    expect(tc.codeSystem).toHaveLength(1);
    expect(tc.codeSystem[0]?.uri).toBe(SYSTEM);
    expect(tc.codeSystem[0]?.subsumption).toBe(true);
    expect(tc.codeSystem[0]?.version.map((v) => [v.code, v.isDefault])).toEqual([
      ['2013-01', false],
      ['2019-01', false],
      ['2020-01', false],
      ['2020-04', false],
      ['2020-07', false],
      ['2020-10', false],
      ['2023-01', false],
      ['2025-10_v1', false],
      ['2025-10', false],
      ['2026-01', true],
    ]);
  });
});

describe('CodeSystem read and search', () => {
  it('reads one release without concepts by default, with the property definitions', async () => {
    const { res, body } = await get('/fhir/CodeSystem/hcpcs-2026-01');
    expect(res.status).toBe(200);
    const cs = body as CodeSystem;
    const release = server.store.release('2026-01_v1');
    expect({ ...cs, property: undefined, description: undefined }).toEqual({
      resourceType: 'CodeSystem',
      id: 'hcpcs-2026-01',
      meta: { lastUpdated: release?.importedAt },
      url: SYSTEM,
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:oid:2.16.840.1.113883.6.285' }],
      version: '2026-01',
      name: 'HCPCSLevelII',
      title: 'HCPCS Level II (CMS Alpha-Numeric HCPCS), release 2026-01',
      status: 'active',
      experimental: false,
      date: '2026-01-01',
      publisher: 'Centers for Medicare & Medicaid Services (CMS)',
      copyright: 'HCPCS Level II codes and descriptions are published by CMS and are in the public domain.',
      caseSensitive: false,
      hierarchyMeaning: 'is-a',
      compositional: false,
      versionNeeded: false,
      content: 'not-present',
      count: 9006,
    });
    expect(cs.description).toContain('8623 procedure codes and 383 modifiers (7686 active, 1320 terminated)');
    expect(cs.property?.map((p) => `${p.code}:${p.type}`)).toEqual([
      'status:code',
      'inactive:boolean',
      'notSelectable:boolean',
      'parent:code',
      'child:code',
      'kind:code',
      'correction:string',
      'pricingIndicators:code',
      'multiplePricingIndicator:code',
      'cimReferences:string',
      'mcmReferences:string',
      'statute:string',
      'labCertifications:code',
      'crossReferences:string',
      'coverage:code',
      'ascGroup:code',
      'ascEffectiveDate:dateTime',
      'mogGroup:code',
      'mogPolicyIndicator:code',
      'mogEffectiveDate:dateTime',
      'processingNote:string',
      'betos:code',
      'typesOfService:code',
      'anesthesiaBaseUnits:integer',
      'addedDate:dateTime',
      'actionEffectiveDate:dateTime',
      'terminationDate:dateTime',
      'actionCode:code',
      // What Medicare pays, given by $lookup only when asked by name, and their subproperties.
      'asp-payment-limit:decimal',
      'dmepos-fee:decimal',
      'pen-fee:decimal',
      'payment-dosage:string',
      'coinsurance-percent:decimal',
      'payment-notes:string',
      'payment-state:code',
      'payment-modifier:code',
      'rural-fee:decimal',
      'ceiling:decimal',
      'floor:decimal',
      'dmepos-category:code',
      'payment-quarter-start:dateTime',
      'payment-quarter-end:dateTime',
      'payment-dataset:string',
    ]);
    expect(cs.property?.find((p) => p.code === 'coverage')?.description).toMatch(
      /^Coverage Code \(CMS record layout field \d+/,
    );
  });

  it('returns every concept, nested section -> block -> code, when _summary=false', async () => {
    const { body } = await get('/fhir/CodeSystem/hcpcs-2020-04?_summary=false');
    const cs = body as CodeSystem;
    expect(cs.content).toBe('complete');
    const flat: string[] = [];
    const walk = (list: CodeSystem['concept']) => {
      for (const c of list ?? []) {
        if (!/^[A-Z]$|-/.test(c.code)) flat.push(c.code);
        walk(c.concept);
      }
    };
    walk(cs.concept);
    expect(flat).toHaveLength(7097);
    const j = cs.concept?.find((c) => c.code === 'J');
    const block = j?.concept?.find((c) => c.code === 'J1600-J1699');
    expect(block?.display).toBe('HCPCS codes J1600-J1699');
    expect(block?.property).toEqual([{ code: 'notSelectable', valueBoolean: true }]);
    const hemin = block?.concept?.find((c) => c.code === 'J1640');
    expect(hemin?.display).toBe('Injection, hemin, 1 mg');
    expect(hemin?.designation).toEqual([{ language: 'en', use: SYNONYM, value: 'Hemin, 1 mg' }]);
    expect(cs.concept?.find((c) => c.code === 'LT')?.display).toBe(
      'Left side (used to identify procedures performed on the left side of the body)',
    );
  });

  it('searches by url alias and version, and counts', async () => {
    const { body } = await get(
      `/fhir/CodeSystem?${q({ url: 'urn:oid:2.16.840.1.113883.6.285', version: '2025-10_v1' })}`,
    );
    const bundle = body as {
      resourceType: string;
      type: string;
      total: number;
      entry: { fullUrl: string; resource: CodeSystem }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('searchset');
    expect(bundle.total).toBe(1);
    expect(bundle.entry[0]?.fullUrl).toBe(`${server.url}/fhir/CodeSystem/hcpcs-2025-10-v1`);
    expect(bundle.entry[0]?.resource.status).toBe('retired');
    const all = (
      await get(
        '/fhir/CodeSystem?url=https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets&_summary=count',
      )
    ).body;
    expect(all).toMatchObject({ total: 10 });
    const other = (await get('/fhir/CodeSystem?url=http://loinc.org')).body;
    expect(other).toMatchObject({ total: 0, entry: [] });
  });

  it('pages a search with _count and _offset, linking first, previous, next and last', async () => {
    type Page = {
      total: number;
      link: { relation: string; url: string }[];
      entry: { resource: CodeSystem }[];
    };
    const page = async (path: string) => (await get(path)).body as Page;
    const first = await page('/fhir/CodeSystem?_count=3&_elements=version');
    expect(first.total).toBe(10);
    expect(first.entry.map((e) => e.resource.version)).toEqual(['2013-01', '2019-01', '2020-01']);
    const links = Object.fromEntries(first.link.map((l) => [l.relation, new URL(l.url)]));
    expect(Object.keys(links)).toEqual(['self', 'first', 'next', 'last']);
    expect(links.next?.searchParams.get('_offset')).toBe('3');
    expect(links.next?.searchParams.get('_count')).toBe('3');
    expect(links.last?.searchParams.get('_offset')).toBe('9');
    // Following next to the end visits every release once, in order.
    const seen = first.entry.map((e) => e.resource.version);
    let next = links.next;
    while (next) {
      const p = await page(`${next.pathname}${next.search}`);
      seen.push(...p.entry.map((e) => e.resource.version));
      expect(p.link.some((l) => l.relation === 'previous')).toBe(true);
      const n = p.link.find((l) => l.relation === 'next');
      next = n ? new URL(n.url) : undefined;
    }
    expect(seen).toEqual([
      '2013-01',
      '2019-01',
      '2020-01',
      '2020-04',
      '2020-07',
      '2020-10',
      '2023-01',
      '2025-10_v1',
      '2025-10',
      '2026-01',
    ]);
    const newest = await page('/fhir/CodeSystem?_sort=-version&_count=1');
    expect(newest.entry.map((e) => e.resource.version)).toEqual(['2026-01']);
    const beyond = await page('/fhir/CodeSystem?_offset=20');
    expect([beyond.total, beyond.entry]).toEqual([10, []]);
  });

  it('shapes searched CodeSystems as a read does, and gives concepts one CodeSystem at a time', async () => {
    const summary = (await get('/fhir/CodeSystem?version=2026-01&_summary=true')).body as {
      entry: { resource: CodeSystem }[];
    };
    const resource = summary.entry[0]?.resource as CodeSystem;
    expect(resource.meta?.tag?.[0]?.code).toBe('SUBSETTED');
    expect(resource.count).toBe(9006);
    expect(resource.description).toBeUndefined();
    expect(resource.concept).toBeUndefined();
    const elements = (await get('/fhir/CodeSystem?_id=hcpcs-2020-04&_elements=version,count')).body as {
      entry: { resource: CodeSystem }[];
    };
    expect(Object.keys(elements.entry[0]?.resource ?? {}).sort()).toEqual(
      ['content', 'count', 'id', 'meta', 'resourceType', 'status', 'version'].sort(),
    );
    const one = (await get('/fhir/CodeSystem?version=2020-04&_elements=concept')).body as {
      entry: { resource: CodeSystem }[];
    };
    expect(one.entry[0]?.resource.concept?.length).toBeGreaterThan(20);
    const many = await get('/fhir/CodeSystem?_summary=false');
    expect(many.res.status).toBe(422);
    expect(outcome(many.body)).toMatchObject({ code: 'too-costly' });
    expect(outcome(many.body).diagnostics).toContain('_count=1');
  });

  it.each([
    ['_count=-1', 'invalid', '_count'],
    ['_count=101', 'invalid', '_count'],
    ['_offset=x', 'invalid', '_offset'],
    ['_sort=title', 'not-supported', '_sort'],
    ['_summary=maybe', 'invalid', '_summary'],
  ])('refuses CodeSystem?%s with 400 %s naming %s', async (query, code, parameter) => {
    const { res, body } = await get(`/fhir/CodeSystem?${query}`);
    expect(res.status).toBe(400);
    expect(outcome(body).code).toBe(code);
    expect((body as OperationOutcome).issue[0]?.expression).toEqual([parameter]);
  });

  it('answers an unknown CodeSystem id with 404 OperationOutcome', async () => {
    const { res, body } = await get('/fhir/CodeSystem/hcpcs-1999-01');
    expect(res.status).toBe(404);
    expect(outcome(body).code).toBe('not-found');
  });
});

describe('$lookup', () => {
  it('answers over HTTP with the whole Parameters of lookup.ts (its unit tests: src/fhir/lookup.test.ts)', async () => {
    const { res, body } = await get(
      `/fhir/CodeSystem/$lookup?${q({ system: SYSTEM, code: 'J1640', version: '2026-01' })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(param(body as Parameters, 'display')).toEqual({
      name: 'display',
      valueString: 'Injection, hemin, 1 mg',
    });
  });

  it('picks the release in effect on date, and by POST Parameters', async () => {
    // C9053 first appears in the April 2020 file.
    const { res, body } = await post('/fhir/CodeSystem/$lookup', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'coding', valueCoding: { system: SYSTEM, code: 'C9053' } },
        { name: 'date', valueDate: '2020-05-15' },
        { name: 'property', valueCode: 'addedDate' },
      ],
    });
    expect(res.status).toBe(200);
    expect(param(body as Parameters, 'version')?.valueString).toBe('2020-04');
    const before = await get('/fhir/CodeSystem/$lookup?code=C9053&date=2020-02-01');
    expect(before.res.status).toBe(404);
    expect(outcome(before.body)).toEqual({
      code: 'not-found',
      diagnostics: expect.stringMatching(/^C9053 is not in HCPCS release 2020-01 \(it is in 2020-04_v1, /),
    });
  });

  it('refuses another code system, a malformed code and an unknown version', async () => {
    const loinc = await get('/fhir/CodeSystem/$lookup?system=http://loinc.org&code=1234-5');
    expect(loinc.res.status).toBe(404);
    expect(outcome(loinc.body).diagnostics).toContain('is not known to this server');
    const bad = await get('/fhir/CodeSystem/$lookup?code=12345678901');
    expect(bad.res.status).toBe(404);
    expect(outcome(bad.body).diagnostics).toContain('is not a HCPCS Level II code');
    const version = await get('/fhir/CodeSystem/$lookup?code=J1640&version=1999-01');
    expect(version.res.status).toBe(404);
    expect(outcome(version.body).diagnostics).toContain('HCPCS version "1999-01" is not available');
  });
});

describe('$validate-code', () => {
  it('validates against the CodeSystem with display and date', async () => {
    const ok = await get(
      `/fhir/CodeSystem/$validate-code?${q({ url: SYSTEM, code: 'J1640', display: 'Hemin, 1 mg' })}`,
    );
    expect(ok.body).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'result', valueBoolean: true },
        { name: 'display', valueString: 'Injection, hemin, 1 mg' },
        { name: 'code', valueCode: 'J1640' },
        { name: 'system', valueUri: SYSTEM },
        { name: 'version', valueString: '2026-01' },
      ],
    });
    const wrong = await get(
      `/fhir/CodeSystem/$validate-code?${q({ url: SYSTEM, code: 'J1640', display: 'Insulin' })}`,
    );
    expect(param(wrong.body as Parameters, 'result')?.valueBoolean).toBe(false);
    expect(param(wrong.body as Parameters, 'message')?.valueString).toBe(
      'the display "Insulin" is not a display of J1640: use "Injection, hemin, 1 mg" or "Hemin, 1 mg"',
    );
  });

  it('says a terminated code is not valid after its termination date', async () => {
    const terminated = [...server.store.records('2026-01_v1')].find(
      (r) => r.terminationDate && r.terminationDate < '2025-12-31',
    );
    expect(terminated).toBeDefined();
    const code = terminated?.code as string;
    const after = await get(`/fhir/CodeSystem/$validate-code?${q({ code, date: '2026-02-01' })}`);
    expect((after.body as Parameters).parameter?.slice(0, 2)).toEqual([
      { name: 'result', valueBoolean: false },
      {
        name: 'message',
        valueString: `${code} is not valid on 2026-02-01: terminated on ${terminated?.terminationDate} (HCPCS release 2026-01)`,
      },
    ]);
    const plain = await get(`/fhir/CodeSystem/$validate-code?${q({ code, version: '2026-01' })}`);
    expect(param(plain.body as Parameters, 'result')?.valueBoolean).toBe(true);
    expect(param(plain.body as Parameters, 'message')?.valueString).toBe(
      `${code} is inactive in release 2026-01: terminated on ${terminated?.terminationDate}`,
    );
  });

  it('validates against the implicit value set, CodeableConcept by POST; groups are not members', async () => {
    const { res, body } = await post('/fhir/ValueSet/$validate-code', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'url', valueUri: ALL_CODES },
        {
          name: 'codeableConcept',
          valueCodeableConcept: {
            coding: [
              { system: 'http://loinc.org', code: 'x' },
              { system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'LT' },
            ],
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(param(body as Parameters, 'result')?.valueBoolean).toBe(true);
    expect(param(body as Parameters, 'code')?.valueCode).toBe('LT');
    const group = await get(
      `/fhir/ValueSet/$validate-code?${q({ url: ALL_CODES, system: SYSTEM, code: 'J' })}`,
    );
    expect(param(group.body as Parameters, 'result')?.valueBoolean).toBe(false);
    expect(param(group.body as Parameters, 'message')?.valueString).toBe(
      'J is an abstract grouping concept, not a code that can be used',
    );
    const noUrl = await get(`/fhir/ValueSet/$validate-code?${q({ system: SYSTEM, code: 'J1640' })}`);
    expect(noUrl.res.status).toBe(400);
    expect(outcome(noUrl.body).code).toBe('required');
  });
});

describe('$subsumes', () => {
  it('answers over HTTP (its unit tests: src/fhir/subsumes.test.ts); a code the release lacks is 404', async () => {
    const { body } = await get(
      `/fhir/CodeSystem/$subsumes?${q({ system: SYSTEM, codeA: 'J', codeB: 'J1640' })}`,
    );
    expect(body).toEqual({
      resourceType: 'Parameters',
      parameter: [{ name: 'outcome', valueCode: 'subsumes' }],
    });
    const missing = await get('/fhir/CodeSystem/$subsumes?codeA=J&codeB=J0000');
    expect(missing.res.status).toBe(404);
  });
});

describe('ValueSet/$expand', () => {
  it('pages the whole release in file order with total and offset', async () => {
    const { body } = await get(
      `/fhir/ValueSet/$expand?${q({ url: ALL_CODES, count: '3', offset: '2', 'system-version': `${SYSTEM}|2020-04` })}`,
    );
    const vs = body as ValueSet;
    const codes = [...server.store.records('2020-04_v1')].map((r) => r.code);
    expect(vs.expansion?.total).toBe(7097);
    expect(vs.expansion?.offset).toBe(2);
    expect(vs.expansion?.contains?.map((c) => c.code)).toEqual(codes.slice(2, 5));
    expect(vs.expansion?.parameter).toEqual([
      { name: 'version', valueUri: `${SYSTEM}|2020-04` },
      { name: 'used-codesystem', valueUri: `${SYSTEM}|2020-04` },
      { name: 'system-version', valueUri: `${SYSTEM}|2020-04` },
      { name: 'offset', valueInteger: 2 },
      { name: 'count', valueInteger: 3 },
    ]);
    expect(vs.expansion?.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('filters with the search, activeOnly and designations (whole body)', async () => {
    const { body } = await get(
      `/fhir/ValueSet/$expand?${q({ url: ALL_CODES, filter: 'hemin', includeDesignations: 'true', activeOnly: 'true' })}`,
    );
    const vs = body as ValueSet;
    expect({ ...vs, expansion: { ...vs.expansion, identifier: 'x', timestamp: 'y' } }).toEqual({
      resourceType: 'ValueSet',
      url: ALL_CODES,
      version: '2026-01',
      name: 'HCPCSLevelIIAllCodes',
      title: 'All HCPCS Level II codes and modifiers, release 2026-01',
      status: 'active',
      compose: { include: [{ system: SYSTEM, version: '2026-01' }] },
      expansion: {
        identifier: 'x',
        timestamp: 'y',
        total: 1,
        offset: 0,
        parameter: [
          { name: 'version', valueUri: `${SYSTEM}|2026-01` },
          { name: 'used-codesystem', valueUri: `${SYSTEM}|2026-01` },
          { name: 'filter', valueString: 'hemin' },
          { name: 'activeOnly', valueBoolean: true },
          { name: 'includeDesignations', valueBoolean: true },
          { name: 'offset', valueInteger: 0 },
        ],
        contains: [
          {
            system: SYSTEM,
            version: '2026-01',
            code: 'J1640',
            display: 'Injection, hemin, 1 mg',
            designation: [{ language: 'en', use: SYNONYM, value: 'Hemin, 1 mg' }],
          },
        ],
      },
    });
  });

  it('counts only with count=0, and agrees with the search total', async () => {
    const { body } = await get(
      `/fhir/ValueSet/$expand?${q({ url: ALL_CODES, filter: 'wheelchair', count: '0' })}`,
    );
    const vs = body as ValueSet;
    expect(vs.expansion?.contains).toBeUndefined();
    const { body: api } = await server.getJson<{ total: number }>('/api/search?q=wheelchair&limit=1');
    expect(vs.expansion?.total).toBe(api.total);
    expect(api.total).toBeGreaterThan(100);
  });

  it('expands by POST and refuses unknown value sets and parameters', async () => {
    const { res, body } = await post('/fhir/ValueSet/$expand', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'url', valueUri: ALL_CODES },
        { name: 'filter', valueString: 'J1000-J1099' },
        { name: 'count', valueInteger: 5 },
      ],
    });
    expect(res.status).toBe(200);
    expect((body as ValueSet).expansion?.contains?.every((c) => /^J10\d\d$/.test(c.code as string))).toBe(
      true,
    );
    const unknown = await get(`/fhir/ValueSet/$expand?${q({ url: 'http://loinc.org/vs' })}`);
    expect(unknown.res.status).toBe(404);
    const param2 = await get(`/fhir/ValueSet/$expand?${q({ url: ALL_CODES, bogus: '1' })}`);
    expect(param2.res.status).toBe(400);
    expect(outcome(param2.body)).toEqual({
      code: 'not-supported',
      diagnostics: expect.stringContaining('$expand has no parameter "bogus"'),
    });
  });
});

describe('FHIR errors and formats', () => {
  it('answers broken Parameters, wrong content types and XML with OperationOutcome', async () => {
    const notParameters = await post('/fhir/CodeSystem/$lookup', { resourceType: 'Patient' });
    expect(notParameters.res.status).toBe(400);
    expect(outcome(notParameters.body).code).toBe('structure');
    const notJson = await post('/fhir/CodeSystem/$lookup', '{"resourceType":');
    expect(notJson.res.status).toBe(400);
    const form = await post('/fhir/CodeSystem/$lookup', 'code=J1640', 'application/x-www-form-urlencoded');
    expect(form.res.status).toBe(415);
    expect(outcome(form.body).code).toBe('not-supported');
    const xml = await get('/fhir/metadata?_format=xml');
    expect(xml.res.status).toBe(406);
    const wrongType = await post('/fhir/CodeSystem/$lookup', {
      resourceType: 'Parameters',
      parameter: [{ name: 'code', valueInteger: 5 }],
    });
    expect(wrongType.res.status).toBe(400);
    expect(outcome(wrongType.body).diagnostics).toBe('Parameters.parameter[0] (code): expected valueCode');
    const method = await fetch(`${server.url}/fhir/CodeSystem/$lookup`, { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(outcome(await method.json()).code).toBe('not-supported');
    const nowhere = await get('/fhir/Patient/1');
    expect(nowhere.res.status).toBe(404);
    expect(outcome(nowhere.body).code).toBe('not-found');
  });
});
