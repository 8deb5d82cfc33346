/**
 * Whether a string is shaped like a HCPCS Level II code or modifier, and if not, exactly what is
 * wrong with it. Level II codes are a letter and four digits (the layout's 5-character code field);
 * modifiers are two letters or digits (right-aligned in that field). CPT (Level I) and CDT codes
 * are not in the CMS Level II file (ARCHITECTURE.md "Facts worth knowing").
 */

export type CodeShape = 'code' | 'modifier';

export type FormatProblem =
  | 'empty'
  | 'lower-case'
  | 'spaces'
  | 'ndc'
  | 'cpt'
  | 'cpt-category'
  | 'too-short'
  | 'too-long'
  | 'bad-characters'
  | 'bad-pattern'
  | 'not-a-modifier';

export type FormatCheck =
  | { readonly ok: true; readonly code: string }
  | {
      readonly ok: false;
      readonly problem: FormatProblem;
      readonly message: string;
      /** The code the input probably means (upper case, trimmed), when it is one. */
      readonly suggestion?: string;
    };

const LEVEL_II = /^[A-Z][0-9]{4}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;

/**
 * Checks the shape of a code (or, with `expect: 'modifier'`, a modifier) as written on a claim.
 * @example checkFormat('j1412') // { ok: false, problem: 'lower-case', suggestion: 'J1412', ... }
 * @example checkFormat('00002143380') // { ok: false, problem: 'ndc', ... }
 */
export function checkFormat(input: string, expect: CodeShape | 'either' = 'either'): FormatCheck {
  const what = expect === 'modifier' ? 'modifier' : 'code';
  if (input.trim() === '') return { ok: false, problem: 'empty', message: `no ${what} given` };
  const upper = input.trim().toUpperCase();
  const wellFormed = (text: string) =>
    expect === 'modifier'
      ? MODIFIER.test(text)
      : expect === 'code'
        ? LEVEL_II.test(text)
        : LEVEL_II.test(text) || MODIFIER.test(text);
  if (/\s/.test(input)) {
    const squeezed = upper.replace(/\s+/g, '');
    return {
      ok: false,
      problem: 'spaces',
      message: `"${input}" contains spaces: a HCPCS ${what} has none${wellFormed(squeezed) ? ` (did you mean ${squeezed}?)` : ''}`,
      ...(wellFormed(squeezed) ? { suggestion: squeezed } : {}),
    };
  }
  if (input !== upper && wellFormed(upper)) {
    return {
      ok: false,
      problem: 'lower-case',
      message: `"${input}" is in lower case: HCPCS ${what}s are upper case (did you mean ${upper}?)`,
      suggestion: upper,
    };
  }
  const digits = upper.replace(/-/g, '');
  if (/^\d{11}$/.test(digits) || /^\d{4,5}-\d{3,4}-\d{1,2}$/.test(upper) || /^\d{10}$/.test(digits)) {
    return {
      ok: false,
      problem: 'ndc',
      message: `"${input}" looks like a National Drug Code (NDC, ${digits.length} digits), not a HCPCS code: drugs are billed with a HCPCS code (J, Q ...) and the NDC goes in its own claim field`,
    };
  }
  if (expect === 'modifier') {
    if (MODIFIER.test(upper)) return { ok: true, code: upper };
    return {
      ok: false,
      problem: 'not-a-modifier',
      message: `"${input}" is not a modifier: HCPCS modifiers are 2 letters or digits (e.g. LT, 59)`,
    };
  }
  if (/^\d{5}$/.test(upper)) {
    return {
      ok: false,
      problem: 'cpt',
      message: `"${input}" is 5 digits: a CPT (Level I) code, maintained by the AMA and not in the CMS Level II file`,
    };
  }
  if (/^\d{4}[FTU]$/.test(upper)) {
    return {
      ok: false,
      problem: 'cpt-category',
      message: `"${input}" is a CPT Category ${upper.endsWith('F') ? 'II' : upper.endsWith('T') ? 'III' : 'PLA'} code (AMA), not in the CMS Level II file`,
    };
  }
  if (!/^[A-Z0-9]+$/.test(upper)) {
    return {
      ok: false,
      problem: 'bad-characters',
      message: `"${input}" holds characters other than letters and digits`,
    };
  }
  if (wellFormed(upper)) return { ok: true, code: upper };
  if (upper.length < 5 && !(expect !== 'code' && upper.length === 2)) {
    return {
      ok: false,
      problem: 'too-short',
      message: `"${input}" has ${upper.length} character${upper.length === 1 ? '' : 's'}: HCPCS Level II codes have 5 (a letter and 4 digits, e.g. J1412)${expect === 'code' ? '' : ' and modifiers 2'}`,
    };
  }
  if (upper.length > 5) {
    return {
      ok: false,
      problem: 'too-long',
      message: `"${input}" has ${upper.length} characters: HCPCS Level II codes have 5 (a letter and 4 digits)`,
    };
  }
  return {
    ok: false,
    problem: 'bad-pattern',
    message: `"${input}" is not a HCPCS Level II code: those are a letter followed by 4 digits (e.g. J1412)`,
  };
}
