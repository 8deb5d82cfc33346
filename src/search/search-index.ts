/**
 * The in-memory index of one release: every record's words (short and long description, and the
 * lay terms of the CMS Alpha-Numeric Index and Table of Drugs that point at it), a sorted
 * vocabulary for prefix look-up, and per word the records holding it with how strongly.
 * Built once per data version and release, on the store's snapshot of the release (see
 * `indexFor` in search-codes.ts).
 */
import { stemmer } from 'stemmer';
import type { HcpcsRecord, RecordKind } from '../model.js';
import { type AbbreviationTable, abbreviationsFromWords } from './abbreviations.js';
import { compounds, STOP_WORDS, words } from './text.js';

/** Where a word of a record comes from. */
type Via = 'description' | 'index' | 'drug-table';

/** A lay term of the Alpha-Numeric Index or the Table of Drugs and the codes it leads to. */
export interface ReferenceTerm {
  readonly text: string;
  readonly codes: readonly string[];
  /** First and last code of ranges, as printed ("E0950", "E1030"): every code of the release between. */
  readonly ranges: readonly (readonly [string, string])[];
  readonly source: 'index' | 'drug-table';
}

export interface IndexedDoc {
  readonly code: string;
  readonly kind: RecordKind;
  readonly shortDescription: string | null;
  readonly longDescription: string;
  readonly terminationDate: string | null;
  readonly betos: string | null;
  readonly coverage: string | null;
  readonly pricingIndicators: readonly string[];
  readonly noc: boolean;
  /**
   * The words of the short and long description (see `words`) as vocabulary numbers (see
   * `terms`): numbers, not strings, so that the index is a few large arrays the garbage collector
   * walks quickly, not hundreds of thousands of small strings.
   */
  shortTerms: Int32Array;
  longTerms: Int32Array;
  /** The doses the long description gives ("per 40 mg"), when it gives any. */
  readonly doses: readonly Dose[] | undefined;
  /** Index and drug-table terms that lead here, as printed. */
  references: readonly ReferenceTerm[];
}

/** The records holding one word: parallel arrays, ordered by record number. */
export interface Postings {
  readonly docs: Int32Array;
  /** How strongly the word speaks for the record: 1 in the short description, less elsewhere. */
  readonly weights: Float32Array;
  /** 0 description, 1 index, 2 drug table: where the weight comes from. */
  readonly via: Uint8Array;
  /** The reference term that gave the weight (index into `references`), or -1. */
  readonly ref: Int32Array;
}

export interface SearchIndex {
  readonly releaseKey: string;
  readonly effectiveDate: string;
  readonly docs: readonly IndexedDoc[];
  readonly byCode: ReadonlyMap<string, number>;
  /** Every code, sorted, for prefix and range look-up. */
  readonly sortedCodes: readonly string[];
  /** Every word, sorted, for prefix look-up; `postings[i]` belongs to `terms[i]`. */
  readonly terms: readonly string[];
  readonly postings: readonly Postings[];
  readonly termIndex: ReadonlyMap<string, number>;
  /** 1 for the vocabulary numbers of stop words. */
  readonly stopTerms: Uint8Array;
  /**
   * Words by their Porter stem (see `stemOf`), for the stems two or more words share:
   * "wheels" meets "wheeled", "vaccination" meets "vaccine", "diabetes" meets "diabetic".
   */
  readonly stems: ReadonlyMap<string, Int32Array>;
  readonly references: readonly ReferenceTerm[];
  readonly abbreviations: AbbreviationTable;
  /** How the build went, for the benchmark. */
  readonly stats: {
    readonly buildMs: number;
    readonly records: number;
    readonly terms: number;
    readonly postings: number;
  };
}

/** An amount and its unit, with CMS's "up to" ("up to 50 mg" is the one unit of any dose to 50 mg). */
export interface Dose {
  /** In the base of its unit (mg for g, mg and mcg; the unit as written otherwise). */
  readonly amount: number;
  readonly unit: string;
  readonly upTo: boolean;
}

/**
 * Dose units as CMS writes them after an amount ("per 40 mg", "5 units", "1 microgram"), each as
 * its base unit and the factor to it: grams and micrograms are milligrams, so that "1 g" finds
 * "per 250 mg" and "1 mg" finds "up to 1000 mcg".
 */
export const DOSE_UNITS: ReadonlyMap<string, readonly [string, number]> = new Map([
  ['mg', ['mg', 1]],
  ['milligram', ['mg', 1]],
  ['milligrams', ['mg', 1]],
  ['mcg', ['mg', 0.001]],
  ['microgram', ['mg', 0.001]],
  ['micrograms', ['mg', 0.001]],
  ['g', ['mg', 1000]],
  ['gm', ['mg', 1000]],
  ['gram', ['mg', 1000]],
  ['grams', ['mg', 1000]],
  ['ml', ['ml', 1]],
  ['cc', ['ml', 1]],
  ['unit', ['unit', 1]],
  ['units', ['unit', 1]],
  ['iu', ['unit', 1]],
  ['meq', ['meq', 1]],
  ['mci', ['mci', 1]],
  ['million', ['million', 1]],
] as const);

/**
 * The doses a text's words give: amount and unit, in the unit's base.
 * @example dosesIn(['injection', 'ceftriaxone', 'per', '250', 'mg']) // [{ amount: 250, unit: 'mg', upTo: false }]
 */
export function dosesIn(wordList: readonly string[]): Dose[] {
  const out: Dose[] = [];
  for (let i = 0; i + 1 < wordList.length; i++) {
    const unit = DOSE_UNITS.get(wordList[i + 1] as string);
    if (unit && /^\d/.test(wordList[i] as string)) {
      const upTo = wordList[i - 2] === 'up' && wordList[i - 1] === 'to';
      // Rounded so that 0.001 x 1000 is 1 again.
      const amount = Math.round(Number(wordList[i]) * unit[1] * 1e6) / 1e6;
      out.push({ amount, unit: unit[0], upTo });
    }
  }
  return out;
}

/** "Not otherwise classified/specified" codes, as CMS words them (NOC list and descriptions). */
const NOC_TEXT = /\bnot otherwise (?:classified|specified)\b|\bnoc\b|\bnos\b|\bunclassified\b/i;

/** Field weights: the short description names the thing; the long one also says how and per what. */
const SHORT = 1;
const LONG = 0.9;
const BOTH_BONUS = 0.1;
const VIA_CODE: Record<Via, number> = { description: 0, index: 1, 'drug-table': 2 };

/**
 * How much a reference term speaks for each of its codes: a term naming one code is nearly as good
 * as the description; one spread over a range of a hundred codes says little about each.
 */
function referenceWeight(codeCount: number): number {
  return 0.85 / (1 + 0.35 * Math.log2(Math.max(1, codeCount)));
}

const NO_TERMS = new Int32Array(0);
/** Shared by the records no reference term leads to (most): one array, not thousands. */
const NO_REFERENCES: readonly ReferenceTerm[] = Object.freeze([]);

/**
 * Builds the index of a release's records.
 * @example const index = buildIndex('2026-01_v1', '2026-01-01', store.records('2026-01_v1'), [], new Set());
 */
export function buildIndex(
  releaseKey: string,
  effectiveDate: string,
  records: Iterable<HcpcsRecord>,
  references: readonly ReferenceTerm[],
  nocCodes: ReadonlySet<string>,
): SearchIndex {
  const started = performance.now();
  const docs: IndexedDoc[] = [];
  // The words of each record, for the build only (the index keeps them as vocabulary numbers).
  const shortWordsOf: string[][] = [];
  const longWordsOf: string[][] = [];
  const byCode = new Map<string, number>();
  for (const r of records) {
    byCode.set(r.code, docs.length);
    const shortWords = words(r.shortDescription ?? '');
    const longWords = words(r.longDescription);
    shortWordsOf.push(shortWords);
    longWordsOf.push(longWords);
    const doses = dosesIn(longWords);
    docs.push({
      code: r.code,
      kind: r.kind,
      shortDescription: r.shortDescription,
      longDescription: r.longDescription,
      terminationDate: r.terminationDate,
      betos: r.betos,
      coverage: r.coverage,
      pricingIndicators: r.pricingIndicators,
      noc: nocCodes.has(r.code) || NOC_TEXT.test(r.longDescription),
      shortTerms: NO_TERMS,
      longTerms: NO_TERMS,
      doses: doses.length > 0 ? doses : undefined,
      references: NO_REFERENCES,
    });
  }
  const abbreviations = abbreviationsFromWords(
    shortWordsOf.map((short, i) => ({ short, long: longWordsOf[i] as string[] })),
  );

  // Description words: records in order, so each word's list is sorted as it grows.
  const table = new Map<string, { docs: number[]; weights: number[] }>();
  docs.forEach((d, i) => {
    const shortCompounds = compounds(d.shortDescription ?? '');
    const longCompounds = compounds(d.longDescription);
    const inShort = new Set([...(shortWordsOf[i] as string[]), ...shortCompounds]);
    const inLong = new Set([...(longWordsOf[i] as string[]), ...longCompounds]);
    for (const w of new Set([...inShort, ...inLong])) {
      const weight = (inShort.has(w) ? SHORT : LONG) + (inShort.has(w) && inLong.has(w) ? BOTH_BONUS : 0);
      let row = table.get(w);
      if (!row) {
        row = { docs: [], weights: [] };
        table.set(w, row);
      }
      row.docs.push(i);
      row.weights.push(weight);
    }
  });
  // Reference terms: word -> record -> [weight, via, reference], the strongest kept.
  const referred = new Map<string, Map<number, [number, number, number]>>();
  const sortedCodes = [...byCode.keys()].sort();
  references.forEach((ref, refNo) => {
    const inRanges = ref.ranges.flatMap(([from, to]) => {
      const out: string[] = [];
      for (let at = lowerBound(sortedCodes, from); at < sortedCodes.length; at++) {
        const code = sortedCodes[at] as string;
        if (code > to) break;
        out.push(code);
      }
      return out;
    });
    const targets = [...new Set([...ref.codes, ...inRanges])]
      .map((c) => byCode.get(c))
      .filter((n): n is number => n !== undefined);
    if (targets.length === 0) return;
    const weight = referenceWeight(targets.length);
    for (const t of targets) {
      const doc = docs[t] as IndexedDoc;
      doc.references = doc.references === NO_REFERENCES ? [ref] : [...doc.references, ref];
    }
    for (const w of new Set(words(ref.text))) {
      let row = referred.get(w);
      if (!row) {
        row = new Map();
        referred.set(w, row);
      }
      for (const t of targets) {
        const old = row.get(t);
        if (!old || old[0] < weight) row.set(t, [weight, VIA_CODE[ref.source], refNo]);
      }
    }
  });

  const terms = [...new Set([...table.keys(), ...referred.keys()])].sort();
  let postingCount = 0;
  const postings = terms.map((term): Postings => {
    const own = table.get(term) ?? { docs: [], weights: [] };
    const refs = referred.get(term);
    if (!refs) {
      postingCount += own.docs.length;
      return {
        docs: Int32Array.from(own.docs),
        weights: Float32Array.from(own.weights),
        via: new Uint8Array(own.docs.length),
        ref: new Int32Array(own.docs.length).fill(-1),
      };
    }
    // The description outweighs any reference term (LONG > referenceWeight(1)): a record whose
    // description holds the word keeps that posting.
    const merged = new Map<number, [number, number, number]>(refs);
    for (let k = 0; k < own.docs.length; k++) {
      merged.set(own.docs[k] as number, [own.weights[k] as number, VIA_CODE.description, -1]);
    }
    const row = [...merged].sort((x, y) => x[0] - y[0]);
    postingCount += row.length;
    return {
      docs: Int32Array.from(row, ([d]) => d),
      weights: Float32Array.from(row, ([, v]) => v[0]),
      via: Uint8Array.from(row, ([, v]) => v[1]),
      ref: Int32Array.from(row, ([, v]) => v[2]),
    };
  });
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const byStem = new Map<string, number[]>();
  terms.forEach((t, i) => {
    const stem = stemOf(t);
    if (stem) (byStem.get(stem) ?? byStem.set(stem, []).get(stem))?.push(i);
  });
  const stems = new Map<string, Int32Array>();
  for (const [stem, at] of byStem) if (at.length > 1) stems.set(stem, Int32Array.from(at));
  docs.forEach((d, i) => {
    d.shortTerms = Int32Array.from(shortWordsOf[i] as string[], (w) => termIndex.get(w) ?? -1);
    d.longTerms = Int32Array.from(longWordsOf[i] as string[], (w) => termIndex.get(w) ?? -1);
  });
  return {
    releaseKey,
    effectiveDate,
    docs,
    byCode,
    sortedCodes,
    terms,
    postings,
    termIndex,
    stopTerms: Uint8Array.from(terms, (t) => (STOP_WORDS.has(t) ? 1 : 0)),
    stems,
    references,
    abbreviations,
    stats: {
      buildMs: performance.now() - started,
      records: docs.length,
      terms: terms.length,
      postings: postingCount,
    },
  };
}

/**
 * The Porter stem of a word of four letters or more (the `stemmer` package: Martin Porter's
 * algorithm, the classic English stemmer of search engines), else undefined: shorter words and
 * numbers are matched as typed.
 * @example stemOf('wheeled') // 'wheel'
 */
export function stemOf(word: string): string | undefined {
  return word.length >= 4 && /^[a-z]+$/.test(word) ? stemmer(word) : undefined;
}

/**
 * The first position in a sorted array whose value is >= `key`.
 * @example lowerBound(['a', 'b', 'c'], 'b') // 1
 */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
