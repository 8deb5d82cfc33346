/**
 * CodeSystem/$subsumes as a function over the sample releases (the HTTP route around it:
 * test/fhir-terminology.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { parseQueryParameters } from './parameters.js';
import { SUBSUMES_PARAMETERS, subsumes } from './subsumes.js';

const SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';

const store = useSampleStore();

const input = (query: Record<string, string>) =>
  parseQueryParameters(
    Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])),
    SUBSUMES_PARAMETERS,
    '$subsumes',
  );

describe('$subsumes', () => {
  it('answers over section -> block -> code', () => {
    const cases: [string, string, string][] = [
      ['J', 'J1640', 'subsumes'],
      ['J1640', 'J1600-J1699', 'subsumed-by'],
      ['J1640', 'J1640', 'equivalent'],
      ['J1640', 'E0100', 'not-subsumed'],
      ['E', 'LT', 'not-subsumed'],
    ];
    for (const [codeA, codeB, expected] of cases) {
      const body = subsumes(store, input({ system: SYSTEM, codeA, codeB }));
      expect(body, `${codeA} ${codeB}`).toEqual({
        resourceType: 'Parameters',
        parameter: [{ name: 'outcome', valueCode: expected }],
      });
    }
    expect(() => subsumes(store, input({ codeA: 'J', codeB: 'J0000' }))).toThrow(
      expect.objectContaining({ issueType: 'not-found', expression: 'codeB' }),
    );
  });
});
