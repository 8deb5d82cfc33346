/**
 * CMS's abbreviations, learnt from the data rather than typed in: the short description (28
 * characters, record layout field 5) abbreviates the long one, so a short-description word that is
 * not in the long description but whose letters appear in order in a long-description word that
 * starts with the same letter (`inj` in `injection`, `pwr` in `power`, `wc` in `wheelchair`) is an
 * abbreviation of it. Pairs seen in at least two records are kept, with every expansion that is
 * common enough (`supp` -> `supply`, `supplies`, `support`, ...).
 */
import { STOP_WORDS } from './text.js';

export interface AbbreviationTable {
  /** abbreviation -> full words, commonest first. */
  readonly expansions: ReadonlyMap<string, readonly string[]>;
  /** full word -> abbreviations CMS uses for it. */
  readonly abbreviations: ReadonlyMap<string, readonly string[]>;
}

function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length >= long.length || short[0] !== long[0]) return false;
  let j = 1;
  for (let i = 1; i < short.length; i++) {
    j = long.indexOf(short[i] as string, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

/**
 * Builds the table from pairs of descriptions split into words (see `words`).
 * @example
 * const t = abbreviationsFromWords([{ short: ['inj', 'hemin'], long: ['injection', 'hemin'] }, { short: ['inj', 'x'], long: ['injection', 'x'] }]);
 * t.expansions.get('inj') // ['injection']
 */
export function abbreviationsFromWords(
  pairs: Iterable<{ short: readonly string[]; long: readonly string[] }>,
  minCount = 2,
): AbbreviationTable {
  const counts = new Map<string, Map<string, number>>();
  const plain = /^[a-z]+$/;
  for (const { short, long } of pairs) {
    if (short.length === 0) continue;
    const longWords = [...new Set(long)].filter((w) => plain.test(w) && !STOP_WORDS.has(w));
    const longSet = new Set(long);
    for (const s of new Set(short)) {
      // One letter stands for too many words to be an abbreviation of any.
      if (s.length < 2 || longSet.has(s) || !plain.test(s) || STOP_WORDS.has(s)) continue;
      // Several long words can fit (`supp` fits `supply` and `support`); credit the closest fit
      // (the shortest), since CMS abbreviates by dropping letters.
      let best: string | undefined;
      for (const l of longWords) {
        if (isAbbreviationOf(s, l) && (best === undefined || l.length < best.length)) best = l;
      }
      if (best === undefined) continue;
      const row = counts.get(s) ?? new Map<string, number>();
      row.set(best, (row.get(best) ?? 0) + 1);
      counts.set(s, row);
    }
  }
  const expansions = new Map<string, string[]>();
  const abbreviations = new Map<string, string[]>();
  for (const [s, row] of counts) {
    const ranked = [...row].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const top = ranked[0]?.[1] ?? 0;
    if (top < minCount) continue;
    // Keep expansions seen at least a quarter as often as the commonest: the rest are one-off
    // coincidences of letters.
    const kept = ranked.filter(([, n]) => n >= minCount && n * 4 >= top).map(([l]) => l);
    expansions.set(s, kept);
    for (const l of kept) abbreviations.set(l, [...(abbreviations.get(l) ?? []), s]);
  }
  return { expansions, abbreviations };
}
