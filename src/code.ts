/**
 * The HCPCS code itself, in one place: how a typed code is made comparable with the file's, what a
 * Level II code and a modifier look like, what exactly is wrong with a string that is neither, and
 * how a code missing from a release is reported. Level II codes are a letter and four digits (the
 * record layout's 5-character code field, positions 1-5); modifiers are two letters or digits
 * (right-aligned in that field). CPT (Level I) and CDT codes are not in the CMS Level II file
 * (ARCHITECTURE.md "Facts worth knowing").
 */

/** A Level II code: a letter and four digits (J1640). */
export const LEVEL_II_CODE = /^[A-Z][0-9]{4}$/;
/** A modifier: two letters or digits (LT, 59). */
export const MODIFIER = /^[A-Z0-9]{2}$/;

/**
 * Whether a normalized code is shaped like a Level II code or a modifier.
 * @example isCodeShaped('J1640') // true
 * @example isCodeShaped('J164') // false
 */
export function isCodeShaped(code: string): boolean {
  return LEVEL_II_CODE.test(code) || MODIFIER.test(code);
}

/**
 * Whether a normalized code fits the record layout's code field (1 to 5 letters or digits), so a
 * release could hold it: looser than {@link isCodeShaped}, for lookups that report "not in release X"
 * rather than "not a code" for anything the field could carry.
 * @example fitsCodeField('ZZZZZ') // true
 */
export function fitsCodeField(code: string): boolean {
  return /^[A-Z0-9]{1,5}$/.test(code);
}

/**
 * A code as users type it, made comparable with the file's: trimmed, ASCII letters upper-cased.
 * Only ASCII is folded: Unicode case rules would turn "ß" into "SS" and "ﬀ" into "FF", which are
 * real modifiers, so a foreign character stays as typed (and is then found nowhere).
 * @example normalizeCode(' j1640 ') // 'J1640'
 * @example normalizeCode('jß') // 'Jß'
 */
export function normalizeCode(input: string): string {
  return input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

/**
 * The message for a string that cannot be a code at all (see {@link fitsCodeField}).
 * @example notACodeMessage('J16400') // '"J16400" is not a HCPCS code: a letter and four digits (J1640) or a two-character modifier (LT)'
 */
export function notACodeMessage(code: string): string {
  return `"${code.slice(0, 40)}" is not a HCPCS code: a letter and four digits (J1640) or a two-character modifier (LT)`;
}

/**
 * The one message for a code a release does not hold, naming the releases that do.
 * @example notInReleaseMessage('C9053', 'release 2020-01_v1', ['2020-04_v1']) // 'C9053 is not in release 2020-01_v1 (it is in 2020-04_v1)'
 */
export function notInReleaseMessage(code: string, release: string, elsewhere: readonly string[]): string {
  return `${code} is not in ${release}${elsewhere.length ? ` (it is in ${elsewhere.join(', ')})` : ''}`;
}

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

/**
 * Checks the shape of a code (or, with `expect: 'modifier'`, a modifier) as written on a claim.
 * @example checkCodeFormat('j1412') // { ok: false, problem: 'lower-case', suggestion: 'J1412', ... }
 * @example checkCodeFormat('00002143380') // { ok: false, problem: 'ndc', ... }
 */
export function checkCodeFormat(input: string, expect: CodeShape | 'either' = 'either'): FormatCheck {
  const what = expect === 'modifier' ? 'modifier' : 'code';
  if (input.trim() === '') return { ok: false, problem: 'empty', message: `no ${what} given` };
  const upper = normalizeCode(input);
  const wellFormed = (text: string) =>
    expect === 'modifier'
      ? MODIFIER.test(text)
      : expect === 'code'
        ? LEVEL_II_CODE.test(text)
        : isCodeShaped(text);
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
