/**
 * How descriptions and queries become words: one normaliser for both, so that whatever a user
 * types meets the file's text on equal terms (case, accents, `w/o`, `1,000`, `5mg`, `b-12`).
 */

/**
 * Words that carry little meaning in a HCPCS description; a query needs not match them, and they
 * match only whole (`with` is not a prefix of `without`, which keeps its meaning).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'with',
  'w',
  // Words of a question or a paraphrase ("a tube that gives oxygen", "one you can carry"): in
  // no CMS description do they say what a code is.
  'that',
  'which',
  'who',
  'you',
  'your',
  'my',
  'me',
  'it',
  'can',
  'will',
]);

/**
 * The words of a text: lower case, accents removed, letters and digits split apart (`5mg` -> `5`,
 * `mg`), thousands separators dropped (`1,000` -> `1000`), decimals kept (`0.5`), and CMS's
 * `w/o`, `w/c` and `w/` shorthands made single words (`wo`, `wc`, `w`) so that they meet the short
 * descriptions' (`wc` is CMS's wheelchair).
 * @example words('Inj, insulin w/o 1,000 units 5mg') // ['inj', 'insulin', 'wo', '1000', 'units', '5', 'mg']
 */
export function words(text: string): string[] {
  // Accents off (NFKD, then the combining marks dropped); plain ASCII, most of CMS's text, skips it.
  const plain = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const normal = plain
    .toLowerCase()
    .replace(/\bw\/o\b/g, ' wo ')
    .replace(/\bw\/c\b/g, ' wc ')
    .replace(/\bw\//g, ' w ')
    .replace(/(\d),(?=\d{3}\b)/g, '$1');
  return normal.match(/[a-z]+|\d+(?:\.\d+)?/g) ?? [];
}

/**
 * Letters-and-number names written as one word in the index beside their parts: `b-12` and `b12`
 * as `b12`, `f-18` as `f18`, `tc-99m` as `tc99m`, so that `b12` finds "vitamin b-12".
 * @example compounds('Injection, vitamin b-12 cyanocobalamin; covid-19') // ['b12', 'covid19']
 */
export function compounds(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/(?<![a-z0-9])([a-z]{1,8})-?(\d{1,3}[a-z]?)(?![a-z0-9])/g)) {
    out.push(`${m[1]}${m[2]}`);
  }
  return out;
}

/**
 * Other forms of a word a user may mean: the singular of a plural (`units` -> `unit`,
 * `supplies` -> `supply`, `dressings` -> `dressing`).
 * @example singulars('batteries') // ['battery', 'batterie']
 */
export function singulars(word: string): string[] {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return [];
  const out: string[] = [];
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  return out;
}

function sameRun(a: string, i: number, b: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/**
 * Whether `a` and the first `lb` characters of `b` are at most one edit apart (insert, delete,
 * substitute, or swap of two neighbours: the Damerau form, since swapped letters are the
 * commonest typing slip). No strings are made: the typo scan runs this over the whole vocabulary.
 * @example withinOneEdit('insluin', 'insulin') // true
 */
export function withinOneEdit(a: string, b: string, lb = b.length): boolean {
  const la = a.length;
  if (lb > b.length || Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (sameRun(a, i + 1, b, i + 1, la - i - 1)) return true;
    return (
      i + 1 < la &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      sameRun(a, i + 2, b, i + 2, la - i - 2)
    );
  }
  return la > lb ? sameRun(a, i + 1, b, i, lb - i) : sameRun(a, i, b, i + 1, la - i);
}

/**
 * Whether `typed` is within one edit of the start of `word` (a misspelt prefix, as typed while
 * searching as you type).
 * @example prefixWithinOneEdit('cathat', 'catheter') // true
 */
export function prefixWithinOneEdit(typed: string, word: string): boolean {
  const n = typed.length;
  return (
    withinOneEdit(typed, word, n) || withinOneEdit(typed, word, n - 1) || withinOneEdit(typed, word, n + 1)
  );
}
