import { describe, expect, it } from 'vitest';
import { checkCodeFormat, isCodeShaped, normalizeCode, notInReleaseMessage } from './code.js';

describe('checkCodeFormat', () => {
  it('accepts Level II codes and modifiers as CMS writes them', () => {
    expect(checkCodeFormat('J1412')).toEqual({ ok: true, code: 'J1412' });
    expect(checkCodeFormat('LT')).toEqual({ ok: true, code: 'LT' });
    expect(checkCodeFormat('59', 'modifier')).toEqual({ ok: true, code: '59' });
  });

  it.each([
    ['', 'empty'],
    ['j1412', 'lower-case'],
    ['J 1412', 'spaces'],
    [' J1412', 'spaces'],
    ['J141', 'too-short'],
    ['J14120', 'too-long'],
    ['00002143380', 'ndc'],
    ['0002-1433-80', 'ndc'],
    ['99213', 'cpt'],
    ['0001T', 'cpt-category'],
    ['J14.2', 'bad-characters'],
    ['1J412', 'bad-pattern'],
  ])('%j is malformed: %s', (input, problem) => {
    const result = checkCodeFormat(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toBe(problem);
  });

  it('suggests the code a lower-case or spaced input means', () => {
    expect(checkCodeFormat('j1412')).toMatchObject({
      suggestion: 'J1412',
      message: expect.stringContaining('lower case'),
    });
    expect(checkCodeFormat('J 1412')).toMatchObject({ suggestion: 'J1412' });
  });

  it('names a 4-character code and an NDC specifically', () => {
    expect(checkCodeFormat('J141')).toMatchObject({ message: expect.stringContaining('has 4 characters') });
    expect(checkCodeFormat('00002143380')).toMatchObject({
      message: expect.stringContaining('National Drug Code (NDC, 11 digits)'),
    });
  });

  it('refuses a code where a modifier is expected', () => {
    expect(checkCodeFormat('J1412', 'modifier')).toMatchObject({ ok: false, problem: 'not-a-modifier' });
  });
});

describe('normalizeCode', () => {
  it('folds ASCII letters only, so a non-ASCII character never becomes a real code', () => {
    expect(normalizeCode(' j1640 ')).toBe('J1640');
    expect(normalizeCode('lt')).toBe('LT');
    expect(normalizeCode('jß')).toBe('Jß');
    expect(normalizeCode('ß')).toBe('ß'); // Unicode upper case: 'SS', a modifier
    expect(normalizeCode('ﬀ')).toBe('ﬀ'); // Unicode upper case: 'FF', a modifier
    expect(normalizeCode('é1640')).toBe('é1640');
  });
});

describe('the code shapes', () => {
  it('a letter and four digits, or a two-character modifier', () => {
    expect(['J1640', 'LT', '59'].map(isCodeShaped)).toEqual([true, true, true]);
    expect(['J164', '1J640', 'SS1', 'ß', 'jß'].map(isCodeShaped)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('checkCodeFormat with characters outside ASCII', () => {
  it.each([
    ['ß', 'bad-characters'],
    ['ﬀ', 'bad-characters'],
    ['jß', 'bad-characters'],
    ['J164ß', 'bad-characters'],
    ['Ｊ1640', 'bad-characters'],
  ])('%j is refused, with no suggestion Unicode upper-casing would make up', (input, problem) => {
    const result = checkCodeFormat(input);
    expect(result).toMatchObject({ ok: false, problem });
    expect(result).not.toHaveProperty('suggestion');
  });

  it('still suggests the upper-case code for an ASCII lower-case one', () => {
    expect(checkCodeFormat('lt', 'modifier')).toMatchObject({
      ok: false,
      problem: 'lower-case',
      suggestion: 'LT',
    });
  });
});

describe('notInReleaseMessage', () => {
  it('names the releases that hold the code', () => {
    expect(notInReleaseMessage('C9053', 'release 2020-01_v1', ['2020-04_v1', '2020-07_v1'])).toBe(
      'C9053 is not in release 2020-01_v1 (it is in 2020-04_v1, 2020-07_v1)',
    );
    expect(notInReleaseMessage('ZZZZZ', 'release 2026-01_v1', [])).toBe('ZZZZZ is not in release 2026-01_v1');
  });
});
