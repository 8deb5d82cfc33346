import { describe, expect, it } from 'vitest';
import { HCPCS_SYSTEM, isAllCodesValueSet, isHcpcsSystem } from './system.js';

describe('HCPCS system aliases', () => {
  it('accepts the THO URL and the aliases seen in the wild', () => {
    for (const uri of [
      HCPCS_SYSTEM,
      'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
      'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/',
      'HTTP://WWW.CMS.GOV/Medicare/Coding/HCPCSReleaseCodeSets',
      'urn:oid:2.16.840.1.113883.6.285',
      'http://www.cms.gov/Medicare/Coding/MedHCPCSGenInfo/index.html',
    ]) {
      expect(isHcpcsSystem(uri), uri).toBe(true);
    }
  });

  it('refuses other systems', () => {
    for (const uri of [
      'http://loinc.org',
      'http://www.ama-assn.org/go/cpt',
      'urn:oid:2.16.840.1.113883.6.12',
      '',
    ]) {
      expect(isHcpcsSystem(uri), uri).toBe(false);
    }
  });

  it('knows the implicit all-codes value set under any alias, with or without a version', () => {
    expect(isAllCodesValueSet(`${HCPCS_SYSTEM}?fhir_vs`)).toBe(true);
    expect(isAllCodesValueSet('urn:oid:2.16.840.1.113883.6.285?fhir_vs|2026-01')).toBe(true);
    expect(isAllCodesValueSet(`${HCPCS_SYSTEM}?fhir_vs=isa/J`)).toBe(false);
    expect(isAllCodesValueSet(HCPCS_SYSTEM)).toBe(false);
  });
});
