/**
 * Word matching and ranking over a release's index. Each query word is a prefix; it also matches
 * its singular, CMS's abbreviations of it and what it abbreviates, and, for words of 5+ letters
 * that match nothing as typed, words one edit away. A record matches when every word does (stop
 * words are optional); when none does, the records matching most words follow, marked partial.
 *
 * Relevance per word: how rare the matched word is (idf) x how well it matched (exact > prefix >
 * abbreviation > typo) x where (short description > long > index/drug-table term). A record's score
 * is the sum over words, raised when the query names its short description whole and when the
 * words cover much of its long description (so shorter matching descriptions come first),
 * lowered a little for terminated codes.
 */

import { NOT_SEPARATELY_PRICED } from '../layout/index.js';
import { type LayThesaurus, thesaurus } from './lay-terms.js';
import type { Dose, IndexedDoc, Postings, SearchIndex } from './search-index.js';
import { DOSE_UNITS, dosesIn, lowerBound, stemOf } from './search-index.js';
import { prefixWithinOneEdit, STOP_WORDS, singulars, words } from './text.js';

/** How well a vocabulary word stands for a query word. */
const EXACT = 1;
const PREFIX_MIN = 0.55;
const PREFIX_SPAN = 0.3;
const SINGULAR = 0.95;
/** Another word of the same stem ("wheels": "wheeled"). */
const STEM = 0.5;
const ABBREVIATION = 0.9;
const TYPO = 0.6;
/** What a lay term means (lay-terms.ts) counts for less than the words typed: exact matches win. */
const LAY = 0.7;
/** A record whose description gives the dose typed ("methylprednisolone 40 mg": "..., 40 mg"). */
const DOSE_EXACT = 1.3;
/**
 * One whose unit the typed dose is a whole number of (40 mg: "per 20 mg" given twice): from
 * DOSE_FITS up to DOSE_FITS + DOSE_FITS_LARGER for the largest such unit.
 */
const DOSE_FITS = 1.05;
const DOSE_FITS_LARGER = 0.1;
/** One that gives doses in the unit typed, none of which the typed dose is ("250 mg" for 2 mg). */
const DOSE_MISFIT = 0.85;
/** An accessory of what the query names ranks below the thing itself ("cpap": E0601 first). */
const ACCESSORY = 0.7;
/** A part or a spare of what the query names ranks below the thing itself ("cochlear implant"). */
const PART = 0.85;
/**
 * A quality-reporting code (see `reportingCodes`) ranks below the services and supplies it reports
 * on ("pneumonia shot": G0009, the administration, before G8864 "Pneumococcal vaccine administered
 * or previously received"), unless the query is about the reporting.
 */
const REPORTING = 0.6;
/**
 * A description that says it lacks what the query asks for ("Walker, heavy duty, without wheels"
 * for "walker with wheels"; "... (pump not included)" for "insulin pump") ranks below those that have it.
 */
const NEGATED = 0.6;
/** A stop word counts for little, and is not required. */
const STOP_WEIGHT = 0.15;
/** A description that starts with a query word is about that thing. */
const HEAD = 1.2;
/** Terminated codes rank below active ones of about the same relevance. */
const TERMINATED = 0.7;
/** When fewer records than this match every word, the best partial matches follow. */
const PARTIAL_FILL = 10;
/** Beside full matches, a partial match follows only with at least this share of the best score. */
const PARTIAL_FLOOR = 0.3;
/** The most the boosts of `score` can raise a plain score (coverage 1, whole short and long
 * description, first word, every pair in order). */
const MAX_BOOST = 1.4 * 1.3 * 1.2 * 1.3;
/** The most the boosts after coverage can raise a score (first word, every pair in order). */
const LATER_BOOSTS = HEAD * 1.3;
/**
 * A partial match's score, per query word it lacks, is this share of what its words earn: it
 * passes a full match only when that one holds the query's words weakly.
 */
const PARTIAL_WEIGHT = 0.75;
/** At most this many partial matches follow. */
const MAX_PARTIAL = 50;
/** A short prefix reaches too many words to be worth expanding past this many (the commonest). */
const MAX_PREFIX_TERMS = 150;

export interface WordMatch {
  /** The query word. */
  readonly word: string;
  /** Vocabulary words it matched, with how well. */
  readonly expansions: ReadonlyMap<number, number>;
  readonly required: boolean;
  readonly typo: boolean;
  /**
   * Records reached through the thesaurus (what the typed words mean), with how well; scored
   * beside `expansions`. Their words are in `meant` (for coverage, order and highlighting).
   */
  readonly layDocs: ReadonlyMap<number, number> | undefined;
  readonly meant: ReadonlyMap<number, number> | undefined;
}

export interface RankedDoc {
  readonly doc: number;
  readonly score: number;
  readonly partial: boolean;
}

/** What a hit shows about its match; worked out only for the hits on the page. */
export interface MatchDetails {
  /** Words of the record that matched (lower case), for highlighting. */
  readonly matched: string[];
  readonly via: 'index' | 'drug-table' | undefined;
  /** The reference terms the match went through. */
  readonly references: string[];
}

export interface Ranking {
  /** How many records are ranked. */
  readonly size: number;
  /** The record, score and partial mark at position `i` (0: best). */
  docAt(i: number): number;
  scoreAt(i: number): number;
  partialAt(i: number): boolean;
  /** Every ranked record as objects (made when asked: a search reads only its page). */
  readonly ranked: RankedDoc[];
  readonly partial: boolean;
  details(doc: number): MatchDetails;
}

/**
 * How many neighbouring pairs of query words appear next to each other, in order, in a
 * description (stop words between them skipped: "nebulizer, with compressor").
 */
function inOrder(
  index: SearchIndex,
  terms: Int32Array,
  reachedBy: Uint32Array,
  order: readonly number[],
): number {
  let found = 0;
  for (let k = 0; k + 1 < order.length; k++) {
    const a = 1 << (order[k] as number);
    const b = 1 << (order[k + 1] as number);
    let prevA = false;
    for (let p = 0; p < terms.length; p++) {
      const t = terms[p] as number;
      if (t < 0) continue;
      if (index.stopTerms[t] && !((reachedBy[t] as number) & b)) continue;
      const bits = reachedBy[t] as number;
      if (prevA && bits & b) {
        found++;
        break;
      }
      prevA = (bits & a) !== 0;
    }
  }
  return found;
}

function addTerm(index: SearchIndex, into: Map<number, number>, term: string, weight: number): number {
  const at = index.termIndex.get(term);
  if (at === undefined) return 0;
  if ((into.get(at) ?? 0) < weight) into.set(at, weight);
  return 1;
}

function addPrefix(index: SearchIndex, into: Map<number, number>, prefix: string, weight: number): number {
  const isNumber = /^\d/.test(prefix);
  let found: number[] = [];
  for (let at = lowerBound(index.terms, prefix); at < index.terms.length; at++) {
    const term = index.terms[at] as string;
    if (!term.startsWith(prefix)) break;
    // Numbers match whole: `5` is not `50`, `1` is not `1000`.
    if (isNumber && term !== prefix) continue;
    found.push(at);
  }
  if (found.length > MAX_PREFIX_TERMS) {
    // A prefix of a letter or two reaches hundreds of words: the commonest stand for it.
    const df = (t: number) => (index.postings[t] as Postings).docs.length;
    found = found.sort((a, b) => df(b) - df(a)).slice(0, MAX_PREFIX_TERMS);
  }
  for (const at of found) {
    const term = index.terms[at] as string;
    const w = term === prefix ? weight : weight * (PREFIX_MIN + PREFIX_SPAN * (prefix.length / term.length));
    if ((into.get(at) ?? 0) < w) into.set(at, w);
  }
  return found.length;
}

/**
 * Vocabulary words by first and by second letter: a word one edit from the typed one starts with
 * its first or second letter, or has one of them second (the edit at the front), so only these
 * few lists need the edit-distance check.
 */
const letterLists = new WeakMap<
  SearchIndex,
  { first: Map<number, number[]>; second: Map<number, number[]> }
>();

function typoCandidates(index: SearchIndex, word: string): Set<number> {
  let lists = letterLists.get(index);
  if (!lists) {
    lists = { first: new Map(), second: new Map() };
    index.terms.forEach((t, i) => {
      if (!/^[a-z]/.test(t)) return;
      const a = t.charCodeAt(0);
      (lists?.first.get(a) ?? lists?.first.set(a, []).get(a))?.push(i);
      if (t.length > 1) {
        const b = t.charCodeAt(1);
        (lists?.second.get(b) ?? lists?.second.set(b, []).get(b))?.push(i);
      }
    });
    letterLists.set(index, lists);
  }
  const out = new Set<number>();
  for (const c of [word.charCodeAt(0), word.charCodeAt(1)]) {
    for (const i of lists.first.get(c) ?? []) out.add(i);
    for (const i of lists.second.get(c) ?? []) out.add(i);
  }
  return out;
}

/**
 * The vocabulary words a query word matches, with weights.
 * @example expandWord(index, 'pwr').expansions // power (abbreviation), pwr (exact) ...
 */
function expandWord(index: SearchIndex, word: string, prefix = true): WordMatch {
  const expansions = new Map<number, number>();
  const required = !STOP_WORDS.has(word);
  if (!required) {
    addTerm(index, expansions, word, EXACT);
    for (const abbr of index.abbreviations.abbreviations.get(word) ?? [])
      addTerm(index, expansions, abbr, EXACT);
    return { word, expansions, required, typo: false, layDocs: undefined, meant: undefined };
  }
  const found = prefix ? addPrefix(index, expansions, word, EXACT) : addTerm(index, expansions, word, EXACT);
  for (const s of singulars(word)) addTerm(index, expansions, s, SINGULAR);
  const stem = stemOf(word);
  for (const t of (stem && index.stems.get(stem)) || []) {
    if ((expansions.get(t) ?? 0) < STEM) expansions.set(t, STEM);
  }
  // Abbreviations both ways: `inj` finds `injection`, `wheelchair` finds `wc`.
  for (const full of index.abbreviations.expansions.get(word) ?? [])
    addTerm(index, expansions, full, ABBREVIATION);
  for (const abbr of index.abbreviations.abbreviations.get(word) ?? [])
    addTerm(index, expansions, abbr, ABBREVIATION);
  let typo = false;
  if (found === 0 && word.length >= 5 && /^[a-z]+$/.test(word)) {
    typo = true;
    for (const i of typoCandidates(index, word)) {
      const term = index.terms[i] as string;
      if (prefixWithinOneEdit(word, term)) {
        const w = term.length <= word.length + 1 ? TYPO : TYPO * 0.8;
        if ((expansions.get(i) ?? 0) < w) expansions.set(i, w);
      }
    }
  }
  // Every match has the same fields in the same order: one object shape for V8, whose optimized
  // ranking code would otherwise be thrown away when a new shape came by.
  return { word, expansions, required, typo, layDocs: undefined, meant: undefined };
}

/**
 * The records holding every word of a phrase (stop words optional), scored by the mean of how
 * well each word matched, times `weight`; and the vocabulary words that matched.
 */
function phraseDocs(
  index: SearchIndex,
  phrase: readonly string[],
  weight: number,
  into: Map<number, number>,
  meant: Map<number, number>,
): void {
  let together: Map<number, number> | undefined;
  let counted = 0;
  for (const w of phrase) {
    const m = expandWord(index, w, false);
    if (!m.required) continue;
    counted++;
    const here = new Map<number, number>();
    for (const [term, tw] of m.expansions) {
      if ((meant.get(term) ?? 0) < tw * weight) meant.set(term, tw * weight);
      const p = index.postings[term] as Postings;
      for (let k = 0; k < p.docs.length; k++) {
        const d = p.docs[k] as number;
        const sc = tw * (p.weights[k] as number);
        if (sc > (here.get(d) ?? 0)) here.set(d, sc);
      }
    }
    if (!together) together = here;
    else {
      const next = new Map<number, number>();
      for (const [d, sc] of together) {
        const t = here.get(d);
        if (t !== undefined) next.set(d, sc + t);
      }
      together = next;
    }
  }
  if (!together || counted === 0) return;
  for (const [d, sc] of together) {
    const v = (sc / counted) * weight;
    if (v > (into.get(d) ?? 0)) into.set(d, v);
  }
}

const defaultThesaurus = thesaurus();

/**
 * The query's words as matches: a word or phrase the thesaurus knows (`knee brace`, `flu shot`)
 * also reaches, for less, the records holding what it means (`orthosis`, `influenza vaccine`); a
 * phrase counts as one word.
 * @example matchWords(index, ['flu', 'shot']).map((m) => m.word) // ['flu shot']
 */
export function matchWords(
  index: SearchIndex,
  queryWords: readonly string[],
  lay: LayThesaurus = defaultThesaurus,
): WordMatch[] {
  const out: WordMatch[] = [];
  for (let i = 0; i < queryWords.length; ) {
    let said: string[] | undefined;
    let span = 1;
    for (let n = Math.min(lay.longest, queryWords.length - i); n >= 1 && !said; n--) {
      const part = queryWords.slice(i, i + n);
      const found = lay.bySaying.get(part.join(' ')) ?? (n > 1 ? lay.bySaying.get(part.join('')) : undefined);
      if (found) {
        said = [...found];
        span = n;
      }
    }
    const last = i + span === queryWords.length;
    const word = queryWords[i] as string;
    if (!said) {
      // A one-letter word before others is whole ("hepatitis c screening", "vitamin d 1000"); only
      // the last word may be the start of one still being typed.
      out.push(expandWord(index, word, word.length > 1 || last));
      i++;
      continue;
    }
    const typed = queryWords.slice(i, i + span);
    const layDocs = new Map<number, number>();
    const meant = new Map<number, number>();
    for (const means of said) phraseDocs(index, words(means), LAY, layDocs, meant);
    if (span === 1) {
      out.push({ ...expandWord(index, word, word.length > 1 || last), layDocs, meant });
    } else {
      // The phrase as typed, where a record holds it, counts in full.
      const own = new Map<number, number>();
      phraseDocs(index, typed, 1, layDocs, own);
      for (const [t, w] of own) if ((meant.get(t) ?? 0) < w) meant.set(t, w);
      out.push({ word: typed.join(' '), expansions: new Map(), required: true, typo: false, layDocs, meant });
    }
    i += span;
  }
  return out;
}

/**
 * Words CMS opens an add-on's description with: "Addition to lower extremity orthosis, ...",
 * "Wheelchair accessory, ...". Before the first word the query reached, they mark an add-on.
 */
const ADD_ON: ReadonlySet<string> = new Set(['addition', 'accessory', 'attachment']);

/**
 * Whether a description names what the query asks for only as what it goes with: before the
 * query's head word (see `headOf`; else the first word the query reached) comes "for" or "used with" ("Platforms for home blood glucose monitor",
 * "Full face mask used with positive airway pressure device") or an add-on word ("Addition to ctlso
 * or scoliosis orthosis, lumbar ..."), not after ("Counseling for obesity").
 */
function accessory(
  index: SearchIndex,
  descTerms: Int32Array,
  reached: Uint8Array,
  reachedBy: Uint32Array,
  headBit: number,
): boolean {
  let used = false;
  let marker = false;
  let firstReached = -1;
  let markerBeforeFirst = false;
  for (let i = 0; i < descTerms.length; i++) {
    const t = descTerms[i] as number;
    if (t < 0) continue;
    const term = index.terms[t] as string;
    if (reached[t] && !index.stopTerms[t]) {
      // The query's head word decides: is it named before or after "for" ("Insulin for
      // administration through dme (i.e., insulin pump)" is for a pump, not one).
      if (!headBit || (reachedBy[t] as number) & headBit) return marker;
      if (firstReached < 0) {
        firstReached = t;
        markerBeforeFirst = marker;
      }
    }
    if (term === 'for' || (used && term === 'with') || ADD_ON.has(term)) marker = true;
    used = term === 'used' || term === 'use';
  }
  // The head word is not in the description: the first word the query reached decides.
  return firstReached >= 0 ? markerBeforeFirst : marker;
}

/** Words before what a description lacks ("without wheels", "w/o seat", "no transport", "non-elastic"). */
const NEGATIONS: ReadonlySet<string> = new Set(['without', 'wo', 'no', 'non', 'not']);

const negationSets = new WeakMap<SearchIndex, Uint8Array>();

/** Per record, 1 when its descriptions hold a word of NEGATIONS: only those need `negated`. */
function negationsOf(index: SearchIndex): Uint8Array {
  let set = negationSets.get(index);
  if (!set) {
    const has = (terms: Int32Array) => terms.some((t) => t >= 0 && NEGATIONS.has(index.terms[t] as string));
    set = Uint8Array.from(index.docs, (doc) => (has(doc.longTerms) || has(doc.shortTerms) ? 1 : 0));
    negationSets.set(index, set);
  }
  return set;
}

/**
 * Whether a description says it lacks a word the query reached, and names it nowhere else: the
 * word follows one of NEGATIONS ("with or without", offering both, does not count) or is followed
 * by "not included". "Knee orthosis, without knee joint" has a knee; "Walker, heavy duty, without
 * wheels" has no wheels.
 */
function negated(index: SearchIndex, descTerms: Int32Array, reached: Uint8Array): boolean {
  let lacked = -1;
  let negation = false;
  let prev = '';
  for (let i = 0; i < descTerms.length; i++) {
    const t = descTerms[i] as number;
    if (t < 0) {
      negation = false;
      continue;
    }
    const term = index.terms[t] as string;
    if (NEGATIONS.has(term) && term !== 'not') {
      negation = prev !== 'or';
    } else if (!index.stopTerms[t]) {
      if (reached[t] && lacked < 0 && (negation || notIncluded(index, descTerms, i + 1))) lacked = t;
      negation = false;
    }
    prev = term;
  }
  if (lacked < 0) return false;
  // Named without a negation too: the description has it after all.
  negation = false;
  prev = '';
  for (let i = 0; i < descTerms.length; i++) {
    const t = descTerms[i] as number;
    if (t < 0) continue;
    const term = index.terms[t] as string;
    if (t === lacked && !negation && !notIncluded(index, descTerms, i + 1)) return false;
    if (NEGATIONS.has(term) && term !== 'not') negation = prev !== 'or';
    else if (!index.stopTerms[t]) negation = false;
    prev = term;
  }
  return true;
}

/** Whether the description goes on "not included" at `at` ("(pump not included)"). */
function notIncluded(index: SearchIndex, descTerms: Int32Array, at: number): boolean {
  return index.terms[descTerms[at] ?? -1] === 'not' && index.terms[descTerms[at + 1] ?? -1] === 'included';
}

/** Words by which CMS describes a part or a spare of a device, not the device. */
const PART_WORDS: ReadonlySet<string> = new Set(['replacement', 'component']);

/** Whether a description is of a part or a spare (a word of PART_WORDS the query did not type). */
function part(index: SearchIndex, descTerms: Int32Array, reached: Uint8Array): boolean {
  for (let i = 0; i < descTerms.length; i++) {
    const t = descTerms[i] as number;
    if (t >= 0 && !reached[t] && PART_WORDS.has(index.terms[t] as string)) return true;
  }
  return false;
}

/**
 * How well a record's dose answers the dose typed: given (or within CMS's "up to"), a whole number
 * of its unit, or neither.
 */
function doseFit(query: readonly Dose[], doc: IndexedDoc): number {
  if (query.length === 0 || doc.doses === undefined) return 1;
  let fit = 1;
  let sameUnit = false;
  for (const q of query) {
    for (const g of doc.doses) {
      if (g.unit !== q.unit || g.amount <= 0) continue;
      sameUnit = true;
      if (g.amount === q.amount || (g.upTo && q.amount < g.amount)) return DOSE_EXACT;
      // The largest unit that fits first: fewer units to bill (40 mg: "per 10 mg" before "1 mg").
      const units = q.amount / g.amount;
      if (Math.abs(units - Math.round(units)) < 1e-9 && units >= 1) {
        fit = Math.max(fit, DOSE_FITS + DOSE_FITS_LARGER * Math.sqrt(g.amount / q.amount));
      }
    }
  }
  return fit === 1 && sameUnit ? DOSE_MISFIT : fit;
}

/**
 * CMS's quality-data codes (MIPS and earlier PQRS measures, in G and M) are billed at no charge to
 * report what was or was not done; their descriptions state a finding ("Patient received ...",
 * "... not administered, reason not given", "Documentation of medical reason(s) ..."). They are
 * the records CMS does not price separately (pricing indicator 00, record layout field 9: "Service
 * not separately priced by part B") whose description reads as such a statement: the pricing
 * indicator alone would take in services that Part B bundles or does not cover, and the wording
 * alone supplies such as "Infusion supplies not used with external infusion pump".
 */
const REPORTING_TEXT =
  /\b(?:documented|documentation|documents|performance met|not met|reason not given|reasons?\(s\)|measurement period|performance period|measures?|mips|reported|performed|prescribed|administered(?! through)|received|completed|attended|refused|ordered|given|at discharge|patients? (?:received|receiving|did|does|had|has|have|was|were|is|are|with|who|not|age|aged|\d+|screened|decline))\b/;
/** A query word that asks for reporting codes themselves: then none is lowered. */
const ABOUT_REPORTING = /^(?:document|report|measure|perform|quality|mips|pqrs|met$|reason)/;
const reportingSets = new WeakMap<SearchIndex, Uint8Array>();

/** Per record of the index, 1 for a quality-reporting code (see REPORTING_TEXT). */
function reportingCodes(index: SearchIndex): Uint8Array {
  let set = reportingSets.get(index);
  if (!set) {
    set = Uint8Array.from(index.docs, (doc) =>
      doc.pricingIndicators.includes(NOT_SEPARATELY_PRICED) &&
      REPORTING_TEXT.test(doc.longDescription.toLowerCase())
        ? 1
        : 0,
    );
    reportingSets.set(index, set);
  }
  return set;
}
let noneReporting = new Uint8Array(0);
function noneReportingOf(n: number): Uint8Array {
  if (noneReporting.length < n) noneReporting = new Uint8Array(n);
  return noneReporting;
}

/** 1 for a code of CMS's temporary sections (C, G, H, K, Q, S, T), else 0. */
function temporary(index: SearchIndex, d: number): number {
  return TEMPORARY_SECTIONS.has((index.docs[d] as IndexedDoc).code.charCodeAt(0)) ? 1 : 0;
}
const TEMPORARY_SECTIONS: ReadonlySet<number> = new Set([...'CGHKQST'].map((c) => c.charCodeAt(0)));

/** Where record `d` is in a word's postings (ordered by record), or -1. */
function postingOf(docs: Int32Array, d: number): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] as number) < d) lo = mid + 1;
    else hi = mid;
  }
  return lo < docs.length && docs[lo] === d ? lo : -1;
}

/** Words that end a noun phrase: what follows says what the thing is for, with or like. */
const PHRASE_ENDS: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  'through',
  'that',
  'which',
  'you',
  'worn',
  'used',
  'under',
  'over',
  'into',
  'without',
]);

/**
 * The query word that names the thing asked for: the last word of the query's first noun phrase
 * ("knee brace": brace; "walker with seat": walker; "bag for urine worn on the leg": bag), as in
 * English the last noun of a compound is its head. -1 when the query starts with such a word.
 */
function headOf(matches: readonly WordMatch[]): number {
  let head = -1;
  for (let mi = 0; mi < matches.length; mi++) {
    const m = matches[mi] as WordMatch;
    if (PHRASE_ENDS.has(m.word)) {
      if (head >= 0) break;
      continue;
    }
    // A dose or a number says which one, not what.
    if (m.required && !/^\d/.test(m.word)) head = mi;
  }
  return head;
}

/** The first word of a description that is not a stop word (-1: none). */
function firstWord(index: SearchIndex, terms: Int32Array, reached: Uint8Array): number {
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as number;
    // "Injection, dexamethasone sodium phosphate, 1 mg" is about dexamethasone: CMS puts the
    // dosage form first (J codes), the drug next.
    if (t >= 0 && !index.stopTerms[t] && (reached[t] || !DOSAGE_FORMS.has(index.terms[t] as string)))
      return t;
  }
  return -1;
}

/** The form CMS's drug descriptions open with, before the drug's name. */
const DOSAGE_FORMS: ReadonlySet<string> = new Set(['injection', 'inj']);

interface Scratch {
  readonly total: Float64Array;
  readonly hitCount: Uint16Array;
  readonly wordScore: Float64Array;
  /** The records the current query word reached (its first entries). */
  readonly touched: Int32Array;
  readonly reached: Uint8Array;
  readonly reachedBy: Uint32Array;
  /** Records matching every word, then the others reached; a group of partial matches. */
  readonly fullDocs: Int32Array;
  readonly someDocs: Int32Array;
  readonly group: Int32Array;
  readonly partialDocs: Int32Array;
  /** A ranked record's final score. */
  readonly finalScore: Float64Array;
  /**
   * Orders of records: by final score (equal scores: a permanent national code before a
   * temporary one, C, G, H, K, Q, S, T being CMS's temporary codes, for one payer or until a
   * permanent code replaces them; then code order), and by plain score. Made once per index.
   */
  readonly byScore: (a: number, b: number) => number;
  readonly byPlainScore: (a: number, b: number) => number;
}

/**
 * Per-record and per-word working arrays, made once per index and reused by every query (a
 * query runs to its end before the next starts), so that a search allocates little and the
 * garbage collector seldom interrupts one.
 */
const scratches = new WeakMap<SearchIndex, Scratch>();

function scratchOf(index: SearchIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    const n = index.docs.length;
    const total = new Float64Array(n);
    const finalScore = new Float64Array(n);
    scratch = {
      total,
      hitCount: new Uint16Array(n),
      wordScore: new Float64Array(n),
      touched: new Int32Array(n),
      reached: new Uint8Array(index.terms.length),
      reachedBy: new Uint32Array(index.terms.length),
      fullDocs: new Int32Array(n),
      someDocs: new Int32Array(n),
      group: new Int32Array(n),
      partialDocs: new Int32Array(MAX_PARTIAL),
      finalScore,
      byScore: (a, b) =>
        (finalScore[b] as number) - (finalScore[a] as number) ||
        temporary(index, a) - temporary(index, b) ||
        a - b,
      byPlainScore: (a, b) => (total[b] as number) - (total[a] as number) || a - b,
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** How a vocabulary word was reached: as typed (or its forms), or through what a lay term means. */
const TYPED = 1;
const MEANT = 2;

/**
 * The share of a description's words the query reached (stop words count as reached; words the
 * thesaurus meant count for less, so a description naming what was typed whole still wins).
 */
function covered(index: SearchIndex, descTerms: Int32Array, reached: Uint8Array): number {
  if (descTerms.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < descTerms.length; i++) {
    const t = descTerms[i] as number;
    if (reached[t] === TYPED || index.stopTerms[t]) n++;
    else if (reached[t] === MEANT) n += LAY;
  }
  return n / descTerms.length;
}

/**
 * Ranks the records matching the query words that pass `accept`.
 * @example rankWords(index, ['hemin'], () => true).ranked[0] // { doc: <J1640>, ... }
 */
export function rankWords(
  index: SearchIndex,
  queryWords: readonly string[],
  accept: (doc: IndexedDoc) => boolean,
  withPartial = true,
): Ranking {
  // A dose ("40 mg") says which of a drug's codes, not whether a code is the drug: its words are
  // not required (a dose no code gives still finds the drug), and records giving it rank first.
  const doses = dosesIn(queryWords);
  const matches = matchWords(index, queryWords).map((m, k, all) => {
    const next = all[k + 1]?.word ?? '';
    const prev = all[k - 1]?.word ?? '';
    const isDose =
      (/^\d/.test(m.word) && DOSE_UNITS.has(next)) || (DOSE_UNITS.has(m.word) && /^\d/.test(prev));
    return isDose ? { ...m, required: false } : m;
  });
  const required = matches.filter((m) => m.required);
  const need = required.length > 0 ? required.length : matches.length;
  const n = index.docs.length;
  const scratch = scratchOf(index);
  const { total, hitCount, wordScore, touched, reached, reachedBy } = scratch;
  const { fullDocs, someDocs, group, partialDocs, finalScore } = scratch;
  total.fill(0);
  hitCount.fill(0);
  // Per query word: the records it reached, each with its best-matching form's score, added to
  // the record's total weighted by how rare the word is. Typed arrays made once (scratchOf): a
  // query allocates next to nothing here, however many records its words reach.
  for (const m of matches) {
    let reachedCount = 0;
    for (const [term, weight] of m.expansions) {
      const p = index.postings[term];
      if (!p) continue;
      const docs = p.docs;
      const weights = p.weights;
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k] as number;
        const s = weight * (weights[k] as number);
        const was = wordScore[d] as number;
        if (was === 0) touched[reachedCount++] = d;
        if (s > was) wordScore[d] = s;
      }
    }
    if (m.layDocs) {
      for (const [d, s] of m.layDocs) {
        const was = wordScore[d] as number;
        if (was === 0) touched[reachedCount++] = d;
        if (s > was) wordScore[d] = s;
      }
    }
    // How rare the query word is: over every record any of its forms reached (a prefix that
    // happens to reach one rare long word is no rarer than the prefix itself).
    const rarity = Math.log(1 + n / Math.max(1, reachedCount)) * (m.required ? 1 : STOP_WEIGHT);
    const counts = m.required || required.length === 0;
    for (let i = 0; i < reachedCount; i++) {
      const d = touched[i] as number;
      total[d] = (total[d] as number) + (wordScore[d] as number) * rarity;
      if (counts) hitCount[d] = (hitCount[d] as number) + 1;
      wordScore[d] = 0;
    }
  }
  let nFull = 0;
  let nSome = 0;
  for (let d = 0; d < n; d++) {
    const c = hitCount[d] as number;
    if (c === 0 || !accept(index.docs[d] as IndexedDoc)) continue;
    if (c >= need) fullDocs[nFull++] = d;
    else someDocs[nSome++] = d;
  }
  // Every vocabulary word any query word reached, for coverage and highlighting; and per term,
  // which query words reached it (bit i: word i), for word order.
  const reachedTerms = new Set<number>();
  matches.forEach((m, mi) => {
    for (const t of m.meant?.keys() ?? []) {
      if (!reached[t]) reached[t] = MEANT;
      reachedTerms.add(t);
      if (m.required && mi < 32) reachedBy[t] = (reachedBy[t] as number) | (1 << mi);
    }
    for (const t of m.expansions.keys()) {
      reached[t] = TYPED;
      reachedTerms.add(t);
      if (m.required && mi < 32) reachedBy[t] = (reachedBy[t] as number) | (1 << mi);
    }
  });
  const order = matches.flatMap((m, mi) => (m.required && mi < 32 ? [mi] : []));
  const head = headOf(matches);
  const query: QueryState = {
    index,
    total,
    reached,
    reachedBy,
    order,
    headBit: head >= 0 && head < 32 ? 1 << head : 0,
    doses,
    negates: queryWords.some((w) => NEGATIONS.has(w)),
    reporting: queryWords.some((w) => ABOUT_REPORTING.test(w)) ? noneReportingOf(n) : reportingCodes(index),
  };
  const { byScore, byPlainScore } = scratch;
  // Scores and order live in typed arrays: a query that matches thousands of records makes no
  // object per record (only the page's hits become objects, in searchCodes).
  let best = 0;
  for (let i = 0; i < nFull; i++) {
    const d = fullDocs[i] as number;
    const v = scoreDoc(query, d);
    finalScore[d] = v;
    if (v > best) best = v;
  }
  let nPartial = 0;
  if (withPartial && nFull < PARTIAL_FILL) {
    // Too few records match every word: the best partial matches follow, most words first. Only
    // the best few by plain score, from the fullest groups down, get the full ranking.
    // Beside full matches, only partial ones about as strong follow (not "12 weeks" after
    // "vitamin b-12" for `b12`).
    const floor = nFull > 0 ? PARTIAL_FLOOR * best : 0;
    for (let c = need - 1; c >= 1 && nPartial < MAX_PARTIAL; c--) {
      // Records whose plain score, raised by every boost there is, stays under the floor need no
      // ranking (most of a long query's records that share one common word with it).
      let g = 0;
      for (let i = 0; i < nSome; i++) {
        const d = someDocs[i] as number;
        if (hitCount[d] === c && (floor === 0 || (total[d] as number) * MAX_BOOST >= floor)) group[g++] = d;
      }
      if (g === 0) continue;
      const byPlain = group.subarray(0, g).sort(byPlainScore);
      const missing = PARTIAL_WEIGHT ** (need - c);
      let kept = 0;
      for (let i = 0; i < byPlain.length && i < MAX_PARTIAL * 4; i++) {
        const d = byPlain[i] as number;
        const v = scoreDoc(query, d, floor);
        if (v < floor) continue;
        finalScore[d] = v * missing;
        byPlain[kept++] = d;
      }
      const scored = byPlain.subarray(0, kept).sort(byScore);
      for (let i = 0; i < scored.length && nPartial < MAX_PARTIAL; i++)
        partialDocs[nPartial++] = scored[i] as number;
    }
  }
  const size = nFull + nPartial;
  const docs = new Int32Array(size);
  docs.set(fullDocs.subarray(0, nFull));
  docs.subarray(0, nFull).sort(byScore);
  docs.set(partialDocs.subarray(0, nPartial), nFull);
  // A partial match strong in the words it has can pass a full match that holds every word
  // only weakly (through a stem or what a lay term means): one order by score.
  if (nFull > 0 && nPartial > 0) docs.sort(byScore);
  // Plain loops, not `from` with a callback: a closure made per query would be optimized anew by
  // every query that ranks many records.
  const scores = new Float64Array(size);
  const partials = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const d = docs[i] as number;
    scores[i] = finalScore[d] as number;
    partials[i] = (hitCount[d] as number) < need ? 1 : 0;
  }
  const partial = nFull === 0 && size > 0;
  // The scratch is the next query's: put it back as found.
  for (const t of reachedTerms) {
    reached[t] = 0;
    reachedBy[t] = 0;
  }
  return new RankedRecords(docs, scores, partials, partial, { index, matches, reachedTerms });
}

/** What a query's ranking needs to know of the query, past the word matching. */
interface QueryState {
  readonly index: SearchIndex;
  readonly total: Float64Array;
  readonly reached: Uint8Array;
  readonly reachedBy: Uint32Array;
  /** The required query words, by number (bits of `reachedBy`). */
  readonly order: readonly number[];
  /** The bit of the query's head word (see `headOf`), 0: none. */
  readonly headBit: number;
  readonly doses: readonly Dose[];
  /** 1 for the records `REPORTING` lowers in this query (see `reportingCodes`); all 0 when the query is about reporting. */
  readonly reporting: Uint8Array;
  /** The query itself negates ("walker without wheels"): descriptions that do are not lowered. */
  readonly negates: boolean;
}

/** How much a description whose first word is `t` is what the query asks for. */
function headWeight(q: QueryState, t: number): number {
  if (t < 0 || !q.reached[t]) return 1;
  return !q.headBit || (q.reachedBy[t] as number) & q.headBit ? HEAD : 1;
}

/**
 * A record's score: its words' relevance (`total`) raised and lowered by how the description
 * meets the query. A function of the module, not a closure made per query, so that V8 optimizes
 * it once (it recompiled a per-query closure again and again, on threads whose time the process
 * pays).
 */
function scoreDoc(q: QueryState, d: number, floor = 0): number {
  const { index, reached, reachedBy, order } = q;
  const doc = index.docs[d] as IndexedDoc;
  let s = q.total[d] as number;
  const shortCover = covered(index, doc.shortTerms, reached);
  const longCover = covered(index, doc.longTerms, reached);
  // Shorter descriptions that the query covers more of come first; a description the query
  // names whole ("nebulizer with compressor", "hemin 1 mg") is a strong sign.
  s *= 0.5 + 0.5 * Math.max(shortCover, longCover);
  if (shortCover === 1) s *= 1.4;
  if (longCover === 1) s *= 1.3;
  // A record that cannot reach `floor` even if every boost still to come applied is not worth the
  // rest (most of a long query's partial matches): 0, below any floor.
  if (s * (q.doses.length > 0 ? LATER_BOOSTS * DOSE_EXACT : LATER_BOOSTS) < floor) return 0;
  // CMS descriptions name the thing first ("Cane, quad ...", "Walker, folding ..."): when the
  // query's head word ("walker" in "walker with seat") is the first word, the record is the
  // thing asked for, not what goes with it ("Seat attachment, walker").
  s *= Math.max(
    headWeight(q, firstWord(index, doc.longTerms, reached)),
    headWeight(q, firstWord(index, doc.shortTerms, reached)),
  );
  // Words in the order typed, next to each other ("knee orthosis ..." over "knee ankle foot
  // orthosis"): proximity, the classic signal plain BM25 lacks.
  if (order.length > 1) {
    const together = Math.max(
      inOrder(index, doc.longTerms, reachedBy, order),
      inOrder(index, doc.shortTerms, reachedBy, order),
    );
    s *= 1 + (0.3 * together) / (order.length - 1);
  }
  if (doc.terminationDate !== null && doc.terminationDate < index.effectiveDate) s *= TERMINATED;
  if (q.reporting[d] === 1) s *= REPORTING;
  if (
    !q.negates &&
    negationsOf(index)[d] === 1 &&
    (negated(index, doc.longTerms, reached) || negated(index, doc.shortTerms, reached))
  )
    s *= NEGATED;
  s *= doseFit(q.doses, doc);
  // "Mask used with positive airway pressure device": the query named what this goes with.
  if (accessory(index, doc.longTerms, reached, reachedBy, q.headBit)) s *= ACCESSORY;
  // "Cochlear implant, external controller component, replacement": a part of what was asked.
  else if (part(index, doc.longTerms, reached)) s *= PART;
  return s;
}

/** What `details` needs of a finished query. */
interface DetailsSource {
  readonly index: SearchIndex;
  readonly matches: readonly WordMatch[];
  readonly reachedTerms: ReadonlySet<number>;
}

/**
 * Where a hit's words came from, worked out when asked (a page is a few hits): per query word,
 * the form that gave the record its score, as in the ranking.
 */
function matchDetails(q: DetailsSource, d: number): MatchDetails {
  const { index, reachedTerms } = q;
  const doc = index.docs[d] as IndexedDoc;
  const matched = new Set<string>();
  for (const t of doc.shortTerms) if (reachedTerms.has(t)) matched.add(index.terms[t] as string);
  for (const t of doc.longTerms) if (reachedTerms.has(t)) matched.add(index.terms[t] as string);
  const references = new Set<string>();
  let via: MatchDetails['via'];
  for (const m of q.matches) {
    let best = 0;
    let bestTerm = -1;
    let bestRef = -1;
    for (const [term, weight] of m.expansions) {
      const p = index.postings[term];
      const k = p ? postingOf(p.docs, d) : -1;
      if (!p || k < 0) continue;
      const s = weight * (p.weights[k] as number);
      if (s > best) {
        best = s;
        bestTerm = term;
        bestRef = p.via[k] ? (p.ref[k] as number) : -1;
      }
    }
    // Reached through the thesaurus: the description words it meant are in `matched` already.
    if (bestTerm < 0 || (m.layDocs?.get(d) ?? 0) > best) continue;
    if (bestRef < 0) {
      matched.add(index.terms[bestTerm] as string);
      continue;
    }
    const ref = index.references[bestRef];
    if (!ref) continue;
    references.add(ref.text);
    // Through the index only when the description itself did not match this word.
    if (!doc.shortTerms.includes(bestTerm) && !doc.longTerms.includes(bestTerm)) {
      via ??= ref.source;
      matched.add(index.terms[bestTerm] as string);
    }
  }
  return { matched: [...matched], via, references: [...references] };
}

/** A query's ranking: records, scores and partial marks in order, in typed arrays. */
class RankedRecords implements Ranking {
  #objects: RankedDoc[] | undefined;
  constructor(
    private readonly docs: Int32Array,
    private readonly scores: Float64Array,
    private readonly partials: Uint8Array,
    readonly partial: boolean,
    private readonly source: DetailsSource,
  ) {}
  get size(): number {
    return this.docs.length;
  }
  docAt(i: number): number {
    return this.docs[i] as number;
  }
  scoreAt(i: number): number {
    return this.scores[i] as number;
  }
  partialAt(i: number): boolean {
    return this.partials[i] === 1;
  }
  get ranked(): RankedDoc[] {
    this.#objects ??= Array.from(this.docs, (d, i) => ({
      doc: d,
      score: this.scores[i] as number,
      partial: this.partials[i] === 1,
    }));
    return this.#objects;
  }
  details(d: number): MatchDetails {
    return matchDetails(this.source, d);
  }
}
