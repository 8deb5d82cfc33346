/**
 * HL7's terminology ecosystem test cases (FHIR/fhir-test-cases, folder tx/, listed in
 * tx/test-cases.json) that apply to a server of one code system, adapted to HCPCS: the cases'
 * own test code system (http://hl7.org/fhir/test/CodeSystem/simple and friends, loaded by their
 * `setup`) becomes HCPCS Level II, their value sets become the implicit HCPCS value sets or an
 * inline compose, and their codes become HCPCS codes of the same standing (good, unknown,
 * inactive, wrong case, abstract). Each case keeps its suite and test name. What is compared is
 * what the ecosystem's harness compares for these answers: result, code, system, version,
 * display, inactive, normalized-code, x-caused-by-unknown-system, and each issue's severity, code,
 * tx issue type and expression (the texts are this server's own). The README lists these cases
 * and the ones that do not apply, with why.
 */
import type { OperationOutcome, Parameters, ParametersParameter, ValueSet } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { fetchJson, useTestServer } from './support/http.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const ALL = `${SYSTEM}?fhir_vs`;
const server = useTestServer();

async function call(path: string, parameter: ParametersParameter[]) {
  return fetchJson(`${server.url}/fhir/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Parameters', parameter }),
  });
}

/** The fields the ecosystem's harness compares in a $validate-code answer. */
function summary(p: Parameters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const x of p.parameter ?? []) {
    if (x.name === 'issues') {
      out.issues = (x.resource as OperationOutcome).issue.map(
        (i) =>
          `${i.severity}:${i.code}:${i.details?.coding?.[0]?.code}${i.expression ? `@${i.expression[0]}` : ''}`,
      );
    } else if (x.name !== 'message' && x.name !== 'codeableConcept') {
      out[x.name] = x.valueBoolean ?? x.valueCode ?? x.valueUri ?? x.valueString ?? x.valueCanonical;
    }
  }
  return out;
}

const vs = (code: string, extra: ParametersParameter[] = []) => [
  { name: 'url', valueUri: ALL },
  { name: 'system', valueUri: SYSTEM },
  { name: 'code', valueCode: code },
  ...extra,
];
const vsCoding = (coding: object, extra: ParametersParameter[] = []) => [
  { name: 'url', valueUri: ALL },
  { name: 'coding', valueCoding: { system: SYSTEM, ...coding } },
  ...extra,
];
const vsConcept = (coding: object) => [
  { name: 'url', valueUri: ALL },
  { name: 'codeableConcept', valueCodeableConcept: { coding: [{ system: SYSTEM, ...coding }] } },
];

const good = {
  result: true,
  code: 'J1640',
  system: SYSTEM,
  version: '2026-01',
  display: 'Injection, hemin, 1 mg',
};
const badCode = (path: string) => ({
  result: false,
  code: 'Z9999',
  system: SYSTEM,
  version: '2026-01',
  issues: [`error:code-invalid:invalid-code@${path}`],
});
const badSystem = (path: string) => ({
  result: false,
  code: 'J1640',
  system: 'http://hl7.org/fhir/test/CodeSystem/simpleX',
  'x-caused-by-unknown-system': 'http://hl7.org/fhir/test/CodeSystem/simpleX',
  issues: [`error:not-found:not-found@${path}`, 'warning:not-found:vs-invalid'],
});
const badVersion = (path: string) => ({
  result: false,
  code: 'J1640',
  system: SYSTEM,
  version: '1.0.0',
  'x-caused-by-unknown-system': `${SYSTEM}|1.0.0`,
  issues: [`error:not-found:not-found@${path}`, 'warning:not-found:vs-invalid'],
});
const goodVersion = { ...good, version: '2020-04' };
const badDisplay = (path: string, severity: string) => ({
  ...good,
  result: severity === 'warning',
  issues: [`${severity}:invalid:invalid-display@${path}`],
});
const X = 'http://hl7.org/fhir/test/CodeSystem/simpleX';

/** [suite, test name, request, expected summary] of ValueSet/$validate-code cases. */
const VALIDATE_CASES: [string, string, ParametersParameter[], Record<string, unknown>][] = [
  ['validation', 'validation-simple-code-good', vs('J1640'), good],
  ['validation', 'validation-simple-coding-good', vsCoding({ code: 'J1640' }), good],
  ['validation', 'validation-simple-codeableconcept-good', vsConcept({ code: 'J1640' }), good],
  ['validation', 'validation-simple-code-bad-code', vs('Z9999'), badCode('code')],
  ['validation', 'validation-simple-coding-bad-code', vsCoding({ code: 'Z9999' }), badCode('Coding.code')],
  [
    'validation',
    'validation-simple-codeableconcept-bad-code',
    vsConcept({ code: 'Z9999' }),
    badCode('CodeableConcept.coding[0].code'),
  ],
  [
    'validation',
    'validation-simple-code-bad-system',
    [
      { name: 'url', valueUri: ALL },
      { name: 'system', valueUri: X },
      { name: 'code', valueCode: 'J1640' },
    ],
    badSystem('system'),
  ],
  [
    'validation',
    'validation-simple-coding-bad-system',
    vsCoding({ system: X, code: 'J1640' }),
    badSystem('Coding.system'),
  ],
  [
    'validation',
    'validation-simple-codeableconcept-bad-system',
    vsConcept({ system: X, code: 'J1640' }),
    badSystem('CodeableConcept.coding[0].system'),
  ],
  [
    'validation',
    'validation-simple-code-bad-version1',
    vs('J1640', [{ name: 'systemVersion', valueString: '1.0.0' }]),
    badVersion('system'),
  ],
  [
    'validation',
    'validation-simple-coding-bad-version1',
    vsCoding({ code: 'J1640', version: '1.0.0' }),
    badVersion('Coding.system'),
  ],
  [
    'validation',
    'validation-simple-codeableconcept-bad-version1',
    vsConcept({ code: 'J1640', version: '1.0.0' }),
    badVersion('CodeableConcept.coding[0].system'),
  ],
  [
    'validation',
    'validation-simple-code-good-version',
    vs('J1640', [{ name: 'systemVersion', valueString: '2020-04' }]),
    goodVersion,
  ],
  [
    'validation',
    'validation-simple-coding-good-version',
    vsCoding({ code: 'J1640', version: '2020-04' }),
    goodVersion,
  ],
  [
    'validation',
    'validation-simple-codeableconcept-good-version',
    vsConcept({ code: 'J1640', version: '2020-04' }),
    goodVersion,
  ],
  [
    'validation',
    'validation-simple-code-good-display',
    vs('J1640', [{ name: 'display', valueString: 'Hemin, 1 mg' }]),
    good,
  ],
  [
    'validation',
    'validation-simple-coding-good-display',
    vsCoding({ code: 'J1640', display: 'Hemin, 1 mg' }),
    good,
  ],
  [
    'validation',
    'validation-simple-codeableconcept-good-display',
    vsConcept({ code: 'J1640', display: 'Hemin, 1 mg' }),
    good,
  ],
  [
    'validation',
    'validation-simple-code-bad-display',
    vs('J1640', [{ name: 'display', valueString: 'Hemin 2' }]),
    badDisplay('display', 'error'),
  ],
  [
    'validation',
    'validation-simple-coding-bad-display',
    vsCoding({ code: 'J1640', display: 'Hemin 2' }),
    badDisplay('Coding.display', 'error'),
  ],
  [
    'validation',
    'validation-simple-code-bad-display-warning',
    vs('J1640', [
      { name: 'display', valueString: 'Hemin 2' },
      { name: 'lenient-display-validation', valueBoolean: true },
    ]),
    badDisplay('display', 'warning'),
  ],
  [
    'validation',
    'validation-simple-coding-bad-display-warning',
    vsCoding({ code: 'J1640', display: 'Hemin 2' }, [
      { name: 'lenient-display-validation', valueBoolean: true },
    ]),
    badDisplay('Coding.display', 'warning'),
  ],
  ['errors', 'unknown-system1', vsCoding({ system: X, code: 'J1640' }), badSystem('Coding.system')],
  [
    'case',
    'case-insensitive-code1-2',
    vsCoding({ code: 'j1640' }),
    {
      ...good,
      code: 'j1640',
      'normalized-code': 'J1640',
      issues: ['information:business-rule:code-rule@Coding.code'],
    },
  ],
  ['case', 'case-insensitive-code1-1', vsCoding({ code: 'J1640' }), good],
  [
    'notSelectable',
    'notSelectable-prop-true-false',
    vsCoding({ code: 'J1600-J1699' }),
    {
      result: false,
      code: 'J1600-J1699',
      system: SYSTEM,
      version: '2026-01',
      display: 'HCPCS codes J1600-J1699',
      issues: ['error:business-rule:code-rule@Coding.code'],
    },
  ],
];

describe('tx-ecosystem $validate-code cases, adapted to HCPCS', () => {
  for (const [suite, name, request, expected] of VALIDATE_CASES) {
    it(`${suite}/${name}`, async () => {
      const { res, body } = await call('ValueSet/$validate-code', request);
      expect(res.status).toBe(200);
      expect(summary(body as Parameters)).toEqual(expected);
    });
  }

  it('inactive/inactive-1-validate: a terminated code is valid, inactive, with a warning', async () => {
    const record = [...server.store.records('2026-01_v1')].find(
      (r) => r.kind === 'procedure' && r.terminationDate !== null && r.terminationDate < '2025-12-31',
    );
    const { body } = await call('ValueSet/$validate-code', vsCoding({ code: record?.code }));
    expect(summary(body as Parameters)).toEqual({
      result: true,
      code: record?.code,
      system: SYSTEM,
      version: '2026-01',
      display: record?.longDescription,
      inactive: true,
      issues: ['warning:business-rule:code-comment@Coding.code'],
    });
  });

  it('validation/validation-simple-code-bad-valueSet: an unknown value set is a 404 OperationOutcome', async () => {
    const { res, body } = await call('ValueSet/$validate-code', [
      { name: 'url', valueUri: 'http://hl7.org/fhir/test/ValueSet/simpleX' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'J1640' },
    ]);
    expect(res.status).toBe(404);
    expect((body as OperationOutcome).issue.map((i) => [i.severity, i.code])).toEqual([
      ['error', 'not-found'],
    ]);
  });

  it('validation/validation-cs-code-good and validation-cs-code-bad-code (CodeSystem/$validate-code)', async () => {
    const ok = await call('CodeSystem/$validate-code', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'code', valueCode: 'J1640' },
    ]);
    expect(summary(ok.body as Parameters)).toEqual(good);
    const bad = await call('CodeSystem/$validate-code', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'code', valueCode: 'Z9999' },
    ]);
    expect(summary(bad.body as Parameters)).toEqual(badCode('code'));
  });
});

describe('tx-ecosystem $expand cases, adapted to HCPCS', () => {
  const expand = async (parameter: ParametersParameter[]) => {
    const { res, body } = await call('ValueSet/$expand', parameter);
    expect(res.status).toBe(200);
    return body as ValueSet;
  };
  const codes = (v: ValueSet) => v.expansion?.contains?.map((c) => c.code);
  const inline = (include: object[], exclude: object[] = []) => ({
    name: 'valueSet',
    resource: {
      resourceType: 'ValueSet',
      url: 'http://hl7.org/fhir/test/ValueSet/simple-hcpcs',
      status: 'active',
      compose: { include, ...(exclude.length ? { exclude } : {}) },
    },
  });
  const records = () => [...server.store.records('2026-01_v1')];

  it('simple-cases/simple-expand-all: every code, with used-codesystem', async () => {
    const v = await expand([
      { name: 'url', valueUri: ALL },
      { name: 'count', valueInteger: 0 },
    ]);
    expect(v.expansion?.total).toBe(records().length);
    expect(v.expansion?.parameter?.find((p) => p.name === 'used-codesystem')?.valueUri).toBe(
      `${SYSTEM}|2026-01`,
    );
  });

  it('simple-cases/simple-expand-enum: include.concept, in order', async () => {
    const v = await expand([
      inline([{ system: SYSTEM, concept: [{ code: 'J1640' }, { code: 'LT' }] }]) as never,
    ]);
    expect(codes(v)).toEqual(['J1640', 'LT']);
  });

  it('simple-cases/simple-expand-isa: filter concept is-a', async () => {
    const v = await expand([
      inline([
        { system: SYSTEM, filter: [{ property: 'concept', op: 'is-a', value: 'J1600-J1699' }] },
      ]) as never,
    ]);
    expect(codes(v)).toEqual(
      records()
        .filter((r) => r.code.startsWith('J16'))
        .map((r) => r.code),
    );
  });

  it('simple-cases/simple-expand-prop: filter on a property (kind = modifier)', async () => {
    const v = await expand([
      inline([{ system: SYSTEM, filter: [{ property: 'kind', op: '=', value: 'modifier' }] }]) as never,
    ]);
    expect(codes(v)).toEqual(
      records()
        .filter((r) => r.kind === 'modifier')
        .map((r) => r.code),
    );
  });

  it('simple-cases/simple-expand-regex: filter code regex', async () => {
    const v = await expand([
      inline([{ system: SYSTEM, filter: [{ property: 'code', op: 'regex', value: 'J16[0-4]0' }] }]) as never,
    ]);
    expect(codes(v)).toEqual(
      records()
        .filter((r) => /^J16[0-4]0$/.test(r.code))
        .map((r) => r.code),
    );
  });

  it('parameters/parameters-expand-all-active: activeOnly', async () => {
    const active = await expand([
      { name: 'url', valueUri: ALL },
      { name: 'activeOnly', valueBoolean: true },
      { name: 'count', valueInteger: 0 },
    ]);
    expect(active.expansion?.total).toBe(
      records().filter((r) => r.terminationDate === null || r.terminationDate >= '2026-01-01').length,
    );
    expect(active.expansion?.parameter?.find((p) => p.name === 'activeOnly')).toEqual({
      name: 'activeOnly',
      valueBoolean: true,
    });
  });

  it('parameters/parameters-expand-enum-designations: includeDesignations', async () => {
    const v = await expand([
      inline([{ system: SYSTEM, concept: [{ code: 'J1640' }] }]) as never,
      { name: 'includeDesignations', valueBoolean: true },
    ]);
    expect(v.expansion?.contains?.[0]?.designation?.[0]?.value).toBe('Hemin, 1 mg');
  });

  it('big/big-echo-zero-fifty-limit and big-echo-fifty-fifty-limit: paging echoed', async () => {
    const first = await expand([
      { name: 'url', valueUri: ALL },
      { name: 'count', valueInteger: 50 },
    ]);
    const second = await expand([
      { name: 'url', valueUri: ALL },
      { name: 'offset', valueInteger: 50 },
      { name: 'count', valueInteger: 50 },
    ]);
    expect(codes(first)).toEqual(
      records()
        .slice(0, 50)
        .map((r) => r.code),
    );
    expect(codes(second)).toEqual(
      records()
        .slice(50, 100)
        .map((r) => r.code),
    );
    expect(second.expansion?.offset).toBe(50);
    expect(second.expansion?.parameter?.filter((p) => p.name === 'offset' || p.name === 'count')).toEqual([
      { name: 'offset', valueInteger: 50 },
      { name: 'count', valueInteger: 50 },
    ]);
  });

  it('(not an ecosystem case) exclude: an include minus an exclude', async () => {
    const v = await expand([
      inline(
        [{ system: SYSTEM, filter: [{ property: 'concept', op: 'is-a', value: 'J1600-J1699' }] }],
        [{ system: SYSTEM, concept: [{ code: 'J1640' }] }],
      ) as never,
    ]);
    expect(codes(v)).toEqual(
      records()
        .filter((r) => r.code.startsWith('J16') && r.code !== 'J1640')
        .map((r) => r.code),
    );
  });
});

describe('tx-ecosystem metadata cases, adapted', () => {
  it('metadata/metadata and term-caps: R4 terminology server statements', async () => {
    const { body: cs } = await fetchJson<{ fhirVersion: string; kind: string; instantiates: string[] }>(
      `${server.url}/fhir/metadata`,
    );
    expect([cs.fhirVersion, cs.kind, cs.instantiates]).toEqual([
      '4.0.1',
      'instance',
      ['http://hl7.org/fhir/CapabilityStatement/terminology-server'],
    ]);
    const { body: tc } = await fetchJson<{ resourceType: string; codeSystem: { uri: string }[] }>(
      `${server.url}/fhir/metadata?mode=terminology`,
    );
    expect([tc.resourceType, tc.codeSystem.map((c) => c.uri)]).toEqual(['TerminologyCapabilities', [SYSTEM]]);
  });
});
