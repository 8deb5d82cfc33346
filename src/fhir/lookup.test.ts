/**
 * CodeSystem/$lookup as a function over the sample releases: whole Parameters bodies (the HTTP
 * route around it: test/fhir-terminology.test.ts).
 */
import type { Parameters } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { LOOKUP_PARAMETERS, lookup } from './lookup.js';
import { parseQueryParameters } from './parameters.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const SYNONYM = {
  system: 'http://snomed.info/sct',
  code: '900000000000013009',
  display: 'Synonym (core metadata concept)',
};

const store = useSampleStore();

/** The operation's input from query parameters, as the route reads them. */
const input = (query: Record<string, string | string[]>) =>
  parseQueryParameters(
    Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value].flat()])),
    LOOKUP_PARAMETERS,
    '$lookup',
  );
const param = (p: Parameters, name: string) => p.parameter?.find((x) => x.name === name);

describe('$lookup', () => {
  it('returns display, designation and every property with code-table labels (whole body)', () => {
    const body = lookup(store, input({ system: SYSTEM, code: 'J1640', version: '2026-01' }));
    const prop = (code: string, value: Record<string, unknown>, description?: string) => ({
      name: 'property',
      part: [
        { name: 'code', valueCode: code },
        { name: 'value', ...value },
        ...(description ? [{ name: 'description', valueString: description }] : []),
      ],
    });
    expect(body).toEqual({
      resourceType: 'Parameters',
      parameter: [
        { name: 'name', valueString: 'HCPCS Level II' },
        { name: 'version', valueString: '2026-01' },
        { name: 'display', valueString: 'Injection, hemin, 1 mg' },
        {
          name: 'designation',
          part: [
            { name: 'language', valueCode: 'en' },
            { name: 'use', valueCoding: SYNONYM },
            { name: 'value', valueString: 'Hemin, 1 mg' },
          ],
        },
        prop('status', { valueCode: 'active' }),
        prop('inactive', { valueBoolean: false }),
        prop('kind', { valueCode: 'procedure' }),
        prop('pricingIndicators', { valueCode: '51' }, 'Drugs'),
        prop(
          'multiplePricingIndicator',
          { valueCode: 'A' },
          'Not applicable as HCPCS priced under one methodology',
        ),
        prop('mcmReferences', { valueString: '2049' }),
        prop('coverage', { valueCode: 'D' }, 'Special coverage instructions apply'),
        prop('ascGroup', { valueCode: 'YY' }, expect.any(String) as unknown as string),
        prop('ascEffectiveDate', { valueDateTime: '2008-01-01' }),
        prop('processingNote', { valueString: '0095' }),
        prop('betos', { valueCode: 'O1E' }, expect.any(String) as unknown as string),
        prop('typesOfService', { valueCode: '1' }, expect.any(String) as unknown as string),
        prop('typesOfService', { valueCode: 'P' }, expect.any(String) as unknown as string),
        prop('anesthesiaBaseUnits', { valueInteger: 0 }),
        prop('addedDate', { valueDateTime: '2006-01-01' }),
        prop('actionEffectiveDate', { valueDateTime: '2006-01-01' }),
        prop('actionCode', { valueCode: 'N' }, 'No maintenance for this code'),
        prop('parent', { valueCode: 'J1600-J1699' }),
      ],
    });
  });

  it('limits properties to those asked for, and reads lower-case codes and the urn:oid alias', () => {
    const body = lookup(
      store,
      input({ system: 'urn:oid:2.16.840.1.113883.6.285', code: 'e0100', property: ['coverage', 'betos'] }),
    );
    expect(body.parameter?.slice(2)).toEqual([
      {
        name: 'display',
        valueString: 'Cane, includes canes of all materials, adjustable or fixed, with tip',
      },
      {
        name: 'designation',
        part: [
          { name: 'language', valueCode: 'en' },
          { name: 'use', valueCoding: SYNONYM },
          { name: 'value', valueString: 'Cane adjust/fixed with tip' },
        ],
      },
      {
        name: 'property',
        part: [
          { name: 'code', valueCode: 'coverage' },
          { name: 'value', valueCode: 'D' },
          { name: 'description', valueString: 'Special coverage instructions apply' },
        ],
      },
      {
        name: 'property',
        part: [
          { name: 'code', valueCode: 'betos' },
          { name: 'value', valueCode: 'D1E' },
          { name: 'description', valueString: expect.any(String) },
        ],
      },
    ]);
  });

  it('looks up group concepts with their children', () => {
    const p = lookup(store, input({ code: 'J', property: ['child', 'notSelectable'] }));
    expect(param(p, 'display')?.valueString).toBe('HCPCS Level II section J (codes J0000-J9999)');
    const children = p.parameter
      ?.filter((x) => x.part?.[0]?.valueCode === 'child')
      .map((x) => x.part?.[1]?.valueCode);
    expect(children?.[0]).toBe('J0000-J0099');
    expect(children?.every((c) => /^J\d\d00-J\d\d99$/.test(c as string))).toBe(true);
  });
});
