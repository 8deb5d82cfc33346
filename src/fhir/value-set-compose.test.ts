import { describe, expect, it } from 'vitest';
import { implicitOf, implicitValueSet, implicitValueSetId } from './value-set-compose.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';

describe('implicit value sets', () => {
  it('reads ?fhir_vs and ?fhir_vs=isa/X on any alias of the system, and nothing else', () => {
    expect(implicitOf(`${SYSTEM}?fhir_vs`)).toEqual({ isa: undefined });
    expect(implicitOf('urn:oid:2.16.840.1.113883.6.285?fhir_vs=isa/j1600-j1699')).toEqual({
      isa: 'J1600-J1699',
    });
    expect(implicitOf(`${SYSTEM}?fhir_vs=isa/`)).toBeUndefined();
    expect(implicitOf(`${SYSTEM}?fhir_vs=refset/1`)).toBeUndefined();
    expect(implicitOf('http://loinc.org?fhir_vs')).toBeUndefined();
  });

  it('names them hcpcs-all and hcpcs-isa-X, with an is-a filter', () => {
    expect([implicitValueSetId(undefined), implicitValueSetId('J')]).toEqual(['hcpcs-all', 'hcpcs-isa-J']);
    expect(implicitValueSet('J', undefined)).toEqual({
      resourceType: 'ValueSet',
      id: 'hcpcs-isa-J',
      url: `${SYSTEM}?fhir_vs=isa/J`,
      name: 'HCPCSLevelIIIsAJ',
      title: 'HCPCS Level II codes under J',
      status: 'active',
      compose: { include: [{ system: SYSTEM, filter: [{ property: 'concept', op: 'is-a', value: 'J' }] }] },
    });
  });
});
