import { describe, expect, it } from 'vitest';
import {
  ACTION_CHANGED_FIELDS,
  DESCRIPTION_FIELDS,
  MISCELLANEOUS_CHANGE_FIELDS,
  NOT_PAYABLE_COVERAGE,
  PAYMENT_CHANGE_FIELDS,
} from './code-meanings.js';
import { ACTION, COVERAGE, decodeCode, fieldByKey } from './index.js';

describe('code meanings', () => {
  it('the not-payable coverage codes are the COVERAGE entries that say Medicare does not pay', () => {
    expect(NOT_PAYABLE_COVERAGE.map((c) => decodeCode(COVERAGE, c))).toEqual([
      'Not payable by Medicare',
      'Non-covered by Medicare',
      'Non-covered by Medicare statute',
    ]);
    expect(COVERAGE.entries.filter((e) => !NOT_PAYABLE_COVERAGE.includes(e.code)).map((e) => e.code)).toEqual(
      ['C', 'D'],
    );
  });

  it('the fields of ACTION P and T are record fields', () => {
    expect(decodeCode(ACTION, 'P')).toContain('Payment change');
    expect(decodeCode(ACTION, 'T')).toBe('Miscellaneous change (BETOS, type of service)');
    for (const key of [...PAYMENT_CHANGE_FIELDS, ...MISCELLANEOUS_CHANGE_FIELDS]) {
      expect(fieldByKey(key)?.key).toBe(key);
    }
  });

  it('every action that names fields is in the ACTION table and names record fields', () => {
    expect(Object.keys(ACTION_CHANGED_FIELDS).map((code) => decodeCode(ACTION, code))).toEqual([
      'Change in long description of procedure or modifier code',
      'Change in short description of procedure code',
      'Payment change (MOG, pricing indicator codes, anesthesia base units,Ambulatory Surgical Centers)',
      'Miscellaneous change (BETOS, type of service)',
    ]);
    for (const key of [...Object.values(ACTION_CHANGED_FIELDS).flat(), ...DESCRIPTION_FIELDS]) {
      expect(fieldByKey(key)?.key).toBe(key);
    }
  });
});
