import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { checkCode } from './validity.js';

const store = useSampleStore();

describe('checkCode over the CMS sample releases', () => {
  it('J1412 on 2023-12-15: not yet effective, added 2024-01-01, warns the quarter is not imported', () => {
    const result = checkCode(store, { code: 'J1412', date: '2023-12-15' });
    expect(result).toMatchObject({
      code: 'J1412',
      date: '2023-12-15',
      valid: false,
      status: 'not-yet-effective',
      release: '2025-10_v4',
      releaseInEffect: '2023-01_v3',
      replacedBy: [],
      addedDate: '2024-01-01',
    });
    expect(result.reasons[0]).toMatch(/^not yet effective on 2023-12-15: added 2024-01-01/);
    expect(result.warnings).toEqual([
      'the release in effect on 2023-12-15 (quarter 2023-10) is not imported: answered from 2023-01_v3 and the dates CMS gives in later releases',
    ]);
    expect(checkCode(store, { code: 'J1412', date: '2024-01-01' })).toMatchObject({
      valid: true,
      status: 'valid',
    });
  });

  it('a terminated code after its termination: terminated on D, replaced by its XREF', () => {
    const result = checkCode(store, { code: 'C9041', date: '2020-08-01' });
    expect(result).toMatchObject({
      valid: false,
      status: 'terminated',
      terminationDate: '2020-06-30',
      replacedBy: ['J7169'],
      release: '2020-07_v1',
      releaseInEffect: '2020-07_v1',
      warnings: [],
    });
    expect(result.reasons).toEqual([
      'terminated on 2020-06-30 (last day of use), replaced by J7169 (release 2020-07_v1)',
    ]);
    // The termination date is the last day of use.
    expect(checkCode(store, { code: 'C9041', date: '2020-06-30' })).toMatchObject({
      valid: true,
      release: '2020-04_v1',
    });
  });

  it('checks modifiers the same way', () => {
    const result = checkCode(store, { code: 'J1640', date: '2026-02-01', modifiers: ['LT', 'ZZ', 'lt'] });
    expect(result.status).toBe('invalid-modifier');
    expect(result.valid).toBe(false);
    expect(result.modifiers.map((m) => [m.code, m.valid, m.status])).toEqual([
      ['LT', true, 'valid'],
      ['ZZ', false, 'unknown'],
      ['lt', false, 'malformed'],
    ]);
    expect(checkCode(store, { code: 'J1640', date: '2026-02-01', modifiers: ['JW'] })).toMatchObject({
      valid: true,
    });
  });

  it('does not judge CPT (Level I) modifiers, which the Level II file does not carry', () => {
    const result = checkCode(store, { code: 'J1640', date: '2026-02-01', modifiers: ['59', 'LT'] });
    expect(result.valid).toBe(true);
    expect(result.status).toBe('valid');
    expect(result.modifiers.map((m) => [m.code, m.valid, m.status])).toEqual([
      ['59', false, 'unknown'],
      ['LT', true, 'valid'],
    ]);
    expect(result.warnings).toContain(
      'modifier 59: CPT (Level I) modifier, maintained by the AMA and not in the CMS Level II file: not checked',
    );
  });

  it('reports non-payable coverage apart from validity', () => {
    const result = checkCode(store, { code: 'A4226', date: '2020-11-01' });
    expect(result).toMatchObject({
      valid: true,
      status: 'valid',
      coverage: { code: 'I', meaning: 'Not payable by Medicare', payableByMedicare: false },
    });
  });

  it.each([
    ['J141', 'malformed', 'has 4 characters'],
    ['00002143380', 'malformed', 'National Drug Code'],
    ['j1412', 'malformed', 'lower case'],
    ['J 1412', 'malformed', 'contains spaces'],
    ['99213', 'malformed', 'CPT (Level I)'],
    ['Z9999', 'unknown', 'unknown code: Z9999 is in no imported release'],
  ])('%j gets a specific reason', (code, status, reason) => {
    const result = checkCode(store, { code, date: '2026-02-01' });
    expect(result.valid).toBe(false);
    expect(result.status).toBe(status);
    expect(result.reasons[0]).toContain(reason);
  });

  it('warns when the date lies outside the imported releases', () => {
    expect(checkCode(store, { code: 'J1640', date: '2012-06-01' }).warnings[0]).toMatch(
      /^2012-06-01 is before the earliest imported release \(2013-01_v1/,
    );
    expect(checkCode(store, { code: 'J1640', date: '2027-06-01' }).warnings[0]).toMatch(
      /^2027-06-01 is after the period of the latest imported release \(2026-01_v1/,
    );
    expect(checkCode(store, { code: 'J1640', date: '2026-02-01' }).warnings).toEqual([]);
  });

  it('refuses a date that is not one', () => {
    expect(() => checkCode(store, { code: 'J1640', date: '2026-02-30' })).toThrowError(
      /--date "2026-02-30" is not a date/,
    );
  });
});
