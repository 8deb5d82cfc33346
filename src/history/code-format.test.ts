import { describe, expect, it } from 'vitest';
import { checkFormat } from './code-format.js';

describe('checkFormat', () => {
  it('accepts Level II codes and modifiers as CMS writes them', () => {
    expect(checkFormat('J1412')).toEqual({ ok: true, code: 'J1412' });
    expect(checkFormat('LT')).toEqual({ ok: true, code: 'LT' });
    expect(checkFormat('59', 'modifier')).toEqual({ ok: true, code: '59' });
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
    const result = checkFormat(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toBe(problem);
  });

  it('suggests the code a lower-case or spaced input means', () => {
    expect(checkFormat('j1412')).toMatchObject({
      suggestion: 'J1412',
      message: expect.stringContaining('lower case'),
    });
    expect(checkFormat('J 1412')).toMatchObject({ suggestion: 'J1412' });
  });

  it('names a 4-character code and an NDC specifically', () => {
    expect(checkFormat('J141')).toMatchObject({ message: expect.stringContaining('has 4 characters') });
    expect(checkFormat('00002143380')).toMatchObject({
      message: expect.stringContaining('National Drug Code (NDC, 11 digits)'),
    });
  });

  it('refuses a code where a modifier is expected', () => {
    expect(checkFormat('J1412', 'modifier')).toMatchObject({ ok: false, problem: 'not-a-modifier' });
  });
});
