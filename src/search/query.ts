/**
 * What a query asks for: codes (exact, prefix, ranges, modifiers) and words. Nothing in a query is
 * syntax: quotes, `*`, `OR`, `NEAR(`, `--` are plain characters, so no query can fail to parse.
 */
import { LEVEL_II_CODE, MODIFIER, normalizeCode } from '../code.js';
import { HcpcsError } from '../errors.js';
import { lowerBound, type SearchIndex } from './search-index.js';
import { compounds, words } from './text.js';

/** Longer queries are refused: no one types them, and they would only cost time. */
export const MAX_QUERY_LENGTH = 1000;
/** Words past this many are dropped (a description has rarely more). */
const MAX_QUERY_WORDS = 32;

export type CodePart =
  | { readonly type: 'exact'; readonly code: string }
  | { readonly type: 'prefix'; readonly prefix: string }
  | { readonly type: 'range'; readonly from: string; readonly to: string };

export interface ParsedQuery {
  /** The query cleaned of control characters and broken text. */
  readonly text: string;
  readonly codes: readonly CodePart[];
  /** The words (see `text.ts`), in order, at most MAX_QUERY_WORDS. */
  readonly words: readonly string[];
  /** Whether the whole query is codes (then no word search runs). */
  readonly codesOnly: boolean;
}

const RANGE = /\b([A-Za-z]\d{4})\s*(?:-|–|—|\.\.|\bto\b|\bthru\b|\bthrough\b)\s*([A-Za-z]?\d{4})\b/g;
const CODE_PREFIX = /^[A-Z]\d{0,3}$/;

/**
 * Removes what cannot be meant: control characters, lone surrogates and U+FFFD (what invalid
 * UTF-8 decodes to).
 * @example cleanQuery('hem\u0000in\uFFFD') // 'hem in '
 */
function cleanQuery(query: string): string {
  let out = '';
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    if (high && i + 1 < query.length) {
      const next = query.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += query.slice(i, i + 2);
        i++;
        continue;
      }
    }
    const bad = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd || c === 0xfeff || high || low;
    out += bad ? ' ' : query[i];
  }
  return out;
}

function codesWithPrefix(index: SearchIndex, prefix: string): boolean {
  const at = lowerBound(index.sortedCodes, prefix);
  return (index.sortedCodes[at] ?? '').startsWith(prefix);
}

/**
 * Refuses what is not a query: not text, or longer than MAX_QUERY_LENGTH.
 * @example checkQuery('x'.repeat(10_000)) // throws "query: 10000 characters is too long; at most 1000"
 */
export function checkQuery(query: unknown): asserts query is string {
  if (typeof query !== 'string') throw new HcpcsError('HCPCS_E_USAGE', 'query: must be text');
  if (query.length > MAX_QUERY_LENGTH) {
    throw new HcpcsError(
      'HCPCS_E_USAGE',
      `query: ${query.length} characters is too long; at most ${MAX_QUERY_LENGTH}`,
    );
  }
}

/**
 * Splits a query into codes and words, against the codes a release holds (`J16` is a code prefix
 * because J16.. codes exist; `B12` is a word because no code starts with it).
 * @example parseQuery('J1000-J1099', index).codes // [{ type: 'range', from: 'J1000', to: 'J1099' }]
 */
export function parseQuery(query: string, index: SearchIndex): ParsedQuery {
  checkQuery(query);
  const text = cleanQuery(query).trim();
  const codes: CodePart[] = [];
  const rest = text.replace(RANGE, (_all, from: string, to: string) => {
    const a = from.toUpperCase();
    const b = /^\d/.test(to) ? `${a[0]}${to}` : to.toUpperCase();
    // Either order means the same span.
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    codes.push({ type: 'range', from: lo, to: hi });
    return ' ';
  });
  const tokens = rest.split(/[\s,;|+]+/).filter(Boolean);
  const classified = tokens.map((raw) => {
    const token = normalizeCode(raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''));
    let part: CodePart | undefined;
    if (LEVEL_II_CODE.test(token)) part = { type: 'exact', code: token };
    else if (MODIFIER.test(token) && index.byCode.has(token)) part = { type: 'exact', code: token };
    else if (CODE_PREFIX.test(token) && codesWithPrefix(index, token))
      part = { type: 'prefix', prefix: token };
    return { raw, token, part };
  });
  // A query of nothing but code-like tokens is a code query (`J16`, `LT RT`, `E1`). In a query
  // with words, only full codes and modifiers typed in capitals (`knee orthosis LT`) are codes:
  // `im`, `iv` or `a` are words there.
  const allCodes = classified.length > 0 && classified.every((c) => c.part);
  const wordTokens: string[] = [];
  for (const c of classified) {
    const isCode =
      c.part &&
      (allCodes ||
        LEVEL_II_CODE.test(c.token) ||
        (c.part.type === 'exact' && c.raw.replace(/[^A-Za-z0-9]/g, '') === c.token));
    if (isCode && c.part) codes.push(c.part);
    else wordTokens.push(c.raw);
  }
  // `b12`, `b-12`, `f18`: one word when the release has it so (see `compounds`), else its parts.
  const queryWords = wordTokens
    .flatMap((token) => {
      const [compound] = compounds(token);
      const whole = token.replace(/[^A-Za-z0-9-]/g, '');
      return compound &&
        compounds(whole).length === 1 &&
        /^[A-Za-z]+-?\d+[A-Za-z]?$/.test(whole) &&
        index.termIndex.has(compound)
        ? [compound]
        : words(token);
    })
    .slice(0, MAX_QUERY_WORDS);
  return { text, codes, words: queryWords, codesOnly: codes.length > 0 && queryWords.length === 0 };
}
