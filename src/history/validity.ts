/**
 * Validity of a code (and its modifiers) on a date of service, answered from the release in effect
 * on that date when it is imported, and from the dates CMS gives in the other releases (added date,
 * layout field 27; termination date, field 29: the last day of use) when it is not. Coverage
 * (field 16) that makes a code not payable by Medicare is reported beside validity, not as part of it.
 */

import { type CodeShape, checkCodeFormat, type FormatProblem } from '../code.js';
import { COVERAGE, decodeCode, NOT_PAYABLE_COVERAGE } from '../layout/index.js';
import { type HcpcsRecord, isActiveOn, type RecordKind, statusOnDate } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { type CodeOccurrence, type HistoryContext, historyContext } from './context.js';
import { correctedCode, neverInEffect } from './corrected-code.js';
import {
  type CorrectionView,
  correctionSentence,
  correctionsOfCodeIn,
  correctionView,
  type ReleaseCorrection,
} from './corrections.js';
import { addMonths, requireServiceDate, today } from './dates.js';
import { type Around, occurrencesAround } from './occurrences.js';

export type CheckStatus =
  | 'valid'
  | 'not-yet-effective'
  | 'terminated'
  /** Gone from the files without a termination date: not valid, end date unknown. */
  | 'removed'
  | 'unknown'
  | 'malformed'
  /** The code is valid, one of its modifiers is not. */
  | 'invalid-modifier';

/** Coverage codes under which Medicare does not pay (a layout fact, re-exported for the history API). */
export { NOT_PAYABLE_COVERAGE };

export interface CoverageNote {
  readonly code: string;
  readonly meaning: string;
  readonly payableByMedicare: boolean;
}

export interface CheckInput {
  readonly code: string;
  /** Date of service: YYYY-MM-DD (also YYYYMMDD, MM/DD/YYYY); default today (UTC). */
  readonly date?: string;
  readonly modifiers?: readonly string[];
}

export interface CheckResult {
  /** The code checked: trimmed and upper case when well formed, else as given. */
  readonly code: string;
  readonly date: string;
  readonly valid: boolean;
  readonly status: CheckStatus;
  /** Why, in words, with CMS's dates; the first one is the main reason. */
  readonly reasons: string[];
  /** The release whose record answered (key), or null when none holds the code. */
  readonly release: string | null;
  /** The imported release in effect on the date (latest revision), or null before the first. */
  readonly releaseInEffect: string | null;
  /** XREF (layout field 15) of a terminated or removed code: its successors. */
  readonly replacedBy: string[];
  readonly kind: RecordKind | null;
  readonly description: string | null;
  readonly addedDate: string | null;
  readonly terminationDate: string | null;
  /** Medicare coverage, separate from validity (I, M, S: not payable by Medicare). */
  readonly coverage: CoverageNote | null;
  readonly modifiers: CheckResult[];
  /** The date lies outside the imported releases, or its release is not imported. */
  readonly warnings: string[];
  /** Facts beside validity: coverage that makes the code not payable by Medicare; CMS's corrections. */
  readonly notes: string[];
  /**
   * CMS's corrections to the release in effect for this code (its corrections list): a code they
   * add, put back or discontinue is judged by them; their other values are applied to coverage and
   * description, and each is listed here with what it changes.
   */
  readonly corrections: CorrectionView[];
  /** The specific format problem of a malformed code. */
  readonly problem?: FormatProblem;
  /** What a malformed input probably means (e.g. upper case of `j1412`). */
  readonly suggestion?: string;
}

interface Placement {
  /** Release in effect on the date (latest revision of the latest quarter on or before it). */
  readonly inEffect: ReleaseInfo | undefined;
  /** Its position in the context's releases (-1 for none). */
  readonly inEffectAt: number;
  /** Whether the date falls in the quarter the release in effect covers (else: its quarter is missing). */
  readonly covered: boolean;
  readonly warnings: string[];
}

function place(context: HistoryContext, date: string): Placement {
  const releases = context.releases;
  const first = releases[0];
  const last = releases.at(-1);
  let inEffectAt = -1;
  releases.forEach((r, i) => {
    if (r.effectiveDate <= date) inEffectAt = i;
  });
  const inEffect = releases[inEffectAt];
  const warnings: string[] = [];
  if (!first || !last) return { inEffect, inEffectAt, covered: false, warnings: ['no release is imported'] };
  if (!inEffect) {
    warnings.push(
      `${date} is before the earliest imported release (${first.key}, effective ${first.effectiveDate}): answered from the dates CMS gives in later releases`,
    );
    return { inEffect, inEffectAt, covered: false, warnings };
  }
  // CMS issues a release every quarter; one covers dates until the next quarter begins.
  const end = addMonths(inEffect.effectiveDate, 3);
  const covered = date < end;
  if (!covered && inEffect === last) {
    warnings.push(
      `${date} is after the period of the latest imported release (${last.key}, effective ${last.effectiveDate}; a later CMS release may say otherwise)`,
    );
  } else if (!covered) {
    warnings.push(
      `the release in effect on ${date} (quarter ${quarterOf(date)}) is not imported: answered from ${inEffect.key} and the dates CMS gives in later releases`,
    );
  }
  return { inEffect, inEffectAt, covered, warnings };
}

/** `YYYY-MM` of the quarter a date falls in. @example quarterOf('2023-12-15') // '2023-10' */
function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}`;
}

function coverageOf(record: HcpcsRecord): CoverageNote | null {
  if (!record.coverage) return null;
  return {
    code: record.coverage,
    meaning: decodeCode(COVERAGE, record.coverage),
    payableByMedicare: !NOT_PAYABLE_COVERAGE.includes(record.coverage),
  };
}

interface Verdict {
  status: Exclude<CheckStatus, 'malformed' | 'invalid-modifier'>;
  reasons: string[];
  answer: CodeOccurrence | undefined;
  /** The answer's record with CMS's corrections put in, when they change it. */
  record?: HcpcsRecord | undefined;
  /** The description a correction gives when no file holds the code. */
  description?: string | undefined;
}

function verdictFor(
  code: string,
  shape: CodeShape | 'either',
  date: string,
  { here, later, earlier }: Around,
  placement: Placement,
): Verdict {
  const { inEffect, covered } = placement;
  const judge = (o: CodeOccurrence, context: string): Verdict => {
    const r = o.record;
    const onDate = statusOnDate(r, date);
    if (onDate === 'not-yet-effective') {
      return {
        status: 'not-yet-effective',
        reasons: [`not yet effective on ${date}: added ${r.addedDate}${context}`],
        answer: o,
      };
    }
    if (onDate === 'terminated') {
      const successors = r.crossReferences.length ? `, replaced by ${r.crossReferences.join(', ')}` : '';
      return {
        status: 'terminated',
        reasons: [`terminated on ${r.terminationDate} (last day of use)${successors}${context}`],
        answer: o,
      };
    }
    const until = r.terminationDate ? `, until ${r.terminationDate}` : '';
    return {
      status: 'valid',
      reasons: [`valid on ${date}${r.addedDate ? `: added ${r.addedDate}` : ''}${until}${context}`],
      answer: o,
    };
  };

  if (here) {
    const verdict = judge(here, ` (release ${here.release.key})`);
    // The quarter of the date is not imported: a later file may date a termination before it.
    if (
      verdict.status === 'valid' &&
      !covered &&
      later?.record.terminationDate &&
      date > later.record.terminationDate
    ) {
      return judge(later, ` (release ${later.release.key})`);
    }
    return verdict;
  }
  // Absent from the release in effect on a date it covers, after an earlier file held it: the code
  // was out of the file then, whatever a later file says. Otherwise a later file's dates decide.
  if (later && (!earlier || !covered)) {
    const inFile = inEffect
      ? `not in ${inEffect.key}, the release in effect on ${date}`
      : `not in any release before ${date}`;
    const r = later.record;
    if (!r.addedDate && date < later.release.effectiveDate) {
      return {
        status: 'not-yet-effective',
        reasons: [
          `not yet effective on ${date}: ${inFile}; first in ${later.release.key} (effective ${later.release.effectiveDate}), and CMS gives no added date`,
        ],
        answer: later,
      };
    }
    const verdict = judge(later, `; ${inFile}, dates from ${later.release.key}`);
    if (verdict.status === 'valid' && earlier && !earlier.record.terminationDate) {
      verdict.reasons.push(`absent from ${inEffect?.key} although ${earlier.release.key} held it`);
    }
    return verdict;
  }
  if (earlier) {
    const r = earlier.record;
    const where = `not in ${inEffect?.key}, the release in effect on ${date}; last in ${earlier.release.key}`;
    if (!isActiveOn(r, date)) {
      const successors = r.crossReferences.length ? `, replaced by ${r.crossReferences.join(', ')}` : '';
      return {
        status: 'terminated',
        reasons: [`terminated on ${r.terminationDate} (last day of use)${successors}; ${where}`],
        answer: earlier,
      };
    }
    const back = later ? `; it is back in ${later.release.key}` : '';
    return {
      status: 'removed',
      reasons: [
        `removed: ${where}, which gives ${r.terminationDate ? `termination date ${r.terminationDate}` : 'no termination date'}; the files do not say when it ended${back}`,
      ],
      answer: earlier,
    };
  }
  if (shape === 'modifier' && /^\d{2}$/.test(code)) {
    return {
      status: 'unknown',
      reasons: [
        `unknown modifier: ${code} is in no imported release; two-digit modifiers are CPT (Level I) modifiers, maintained by the AMA and not in the CMS Level II file`,
      ],
      answer: undefined,
    };
  }
  const dental = code.startsWith('D')
    ? ': D codes are CDT dental codes (ADA), which the CMS Level II file mostly does not carry'
    : '';
  return {
    status: 'unknown',
    reasons: [
      `unknown ${shape === 'modifier' ? 'modifier' : 'code'}: ${code} is in no imported release${dental}`,
    ],
    answer: undefined,
  };
}

function checkOne(
  context: HistoryContext,
  input: string,
  date: string,
  shape: CodeShape | 'either',
  placement: Placement,
): CheckResult {
  const format = checkCodeFormat(input, shape);
  const releaseInEffect = placement.inEffect?.key ?? null;
  if (!format.ok) {
    return {
      code: input,
      date,
      valid: false,
      status: 'malformed',
      reasons: [format.message],
      release: null,
      replacedBy: [],
      releaseInEffect,
      kind: null,
      description: null,
      addedDate: null,
      terminationDate: null,
      coverage: null,
      modifiers: [],
      warnings: placement.warnings,
      notes: [],
      corrections: [],
      problem: format.problem,
      ...(format.suggestion ? { suggestion: format.suggestion } : {}),
    };
  }
  const code = format.code;
  const around = occurrencesAround(context, code, placement.inEffectAt);
  const corrections = placement.inEffect
    ? correctionsOfCodeIn(context.corrections(), code, placement.inEffect.id)
    : [];
  const judged = verdictFor(code, shape, date, around, placement);
  const verdict =
    corrections.length > 0
      ? correctedVerdict(judged, around, corrections, date, placement, (held) =>
          verdictFor(code, shape, date, held, placement),
        )
      : judged;
  const record = verdict.record ?? verdict.answer?.record;
  const ended = verdict.status === 'terminated' || verdict.status === 'removed';
  // The latest record is read only when the answer's own names no successor (records are parsed
  // on first use: see versionsOfCode), and never over a record as corrected: a correction that
  // takes a cross reference away (2017's E0628, "Remove xref code Q0078") leaves none.
  const replacedBy = ended
    ? record?.crossReferences.length || verdict.record
      ? (record?.crossReferences ?? [])
      : (context.runs(code).at(-1)?.record.crossReferences ?? [])
    : [];
  const coverage = record ? coverageOf(record) : null;
  const views = corrections.map((c) => correctionView(c, around.here?.record));
  return {
    code,
    date,
    valid: verdict.status === 'valid',
    status: verdict.status,
    reasons: verdict.reasons,
    release: verdict.answer?.release.key ?? null,
    replacedBy,
    releaseInEffect,
    kind: record?.kind ?? null,
    description: record?.longDescription ?? verdict.description ?? null,
    addedDate: record?.addedDate ?? null,
    terminationDate: record?.terminationDate ?? null,
    coverage,
    modifiers: [],
    warnings: placement.warnings,
    notes: [
      ...(coverage && !coverage.payableByMedicare
        ? [
            `coverage ${coverage.code}: ${coverage.meaning} (validity is separate: the code may still be reported)`,
          ]
        : []),
      ...views.map((v) => v.message),
    ],
    corrections: views,
  };
}

/**
 * The verdict once CMS's corrections to the release in effect are weighed (corrected-code.ts): a
 * code they discontinue is terminated from their date although the file as published holds it; a
 * code they add or put back is valid from their date although the file lacks it; the values they
 * give (coverage, descriptions ...) are put into the record the answer reads.
 */
function correctedVerdict(
  verdict: Verdict,
  around: Around,
  corrections: readonly ReleaseCorrection[],
  date: string,
  placement: Placement,
  judge: (around: Around) => Verdict,
): Verdict {
  const inEffect = placement.inEffect as ReleaseInfo;
  const { here, later, earlier } = around;
  const corrected = correctedCode(around, corrections, inEffect, date);
  const { discontinued, added, lastDay } = corrected;
  if (here && discontinued && lastDay && verdict.status === 'valid') {
    const record = corrected.record as HcpcsRecord;
    const successors = record.crossReferences.length
      ? `, replaced by ${record.crossReferences.join(', ')}`
      : '';
    const held = here.record.terminationDate
      ? `with termination date ${here.record.terminationDate}`
      : 'without a termination date';
    return {
      status: 'terminated',
      reasons: [
        neverInEffect(record)
          ? `never in effect: ${correctionSentence(discontinued)} ends it before its added date ${record.addedDate}; the ${inEffect.key} file as published adds it ${held}`
          : `terminated on ${record.terminationDate} (last day of use)${successors}: ${correctionSentence(discontinued)}; the ${inEffect.key} file as published holds it ${held}`,
      ],
      answer: here,
      record,
    };
  }
  if (!here && added) {
    const lacks = `the ${inEffect.key} file as published lacks it`;
    const base = later ?? earlier;
    // With no file holding the code, the answer gives the correction's description, not a record.
    const record = base ? corrected.record : undefined;
    const said = `${correctionSentence(added)} adds it; ${lacks}`;
    // What the other files' own dates decide stands (a later file's termination, its added date);
    // the correction decides where they say nothing: the code absent, or dated by no file.
    const datedElsewhere =
      verdict.status === 'valid' ||
      verdict.status === 'terminated' ||
      (verdict.status === 'not-yet-effective' && Boolean(base?.record.addedDate));
    if (datedElsewhere) return { ...verdict, reasons: [...verdict.reasons, said] };
    if (date < (corrected.addedFrom as string)) {
      return {
        status: 'not-yet-effective',
        reasons: [`not yet effective on ${date}: ${said}`],
        answer: base,
        record,
      };
    }
    return {
      status: 'valid',
      reasons: [`valid on ${date}: ${said}`],
      answer: base,
      record,
      description: added.values.find((v) => v.field === 'longDescription')?.value as string | undefined,
    };
  }
  if (here && corrected.values.length > 0) {
    // Judged again on the record as corrected on the day: its dates and successors are the answer's
    // (a cross reference the corrections take away is not named as the successor).
    const record = corrected.record as HcpcsRecord;
    return { ...judge({ ...around, here: { ...here, record } }), record };
  }
  return verdict;
}

/** A reusable checker: the store's context and date placement are looked up once per date. */
export interface Checker {
  check(input: CheckInput): CheckResult;
}

/**
 * A checker bound to a store, for many checks (batch): placement per date is memoized.
 * @example createChecker(store).check({ code: 'J1412', date: '2023-12-15' }).status // 'not-yet-effective'
 */
export function createChecker(store: HcpcsStore): Checker {
  const context = historyContext(store);
  const placements = new Map<string, Placement>();
  return {
    check(input) {
      const date = input.date === undefined || input.date === '' ? today() : requireServiceDate(input.date);
      let placement = placements.get(date);
      if (!placement) {
        placement = place(context, date);
        if (placements.size > 10_000) placements.clear();
        placements.set(date, placement);
      }
      const result = checkOne(context, input.code, date, 'either', placement);
      const modifiers = (input.modifiers ?? [])
        .filter((m) => m.trim() !== '')
        .map((m) => ({ ...checkOne(context, m, date, 'modifier', placement), warnings: [] }));
      if (modifiers.length === 0) return result;
      // CPT (Level I) modifiers (two digits: 25, 59 ...) are valid on claims but are not in the CMS
      // Level II file: this data cannot judge them, so they neither pass nor fail the claim line.
      const isLevelOne = (m: CheckResult) => m.status === 'unknown' && /^\d{2}$/.test(m.code);
      const badModifiers = modifiers.filter((m) => !m.valid && !isLevelOne(m));
      const reasons = [
        ...result.reasons,
        ...badModifiers.map((m) => `modifier ${m.code}: ${m.reasons[0] ?? m.status}`),
      ];
      const levelOne = modifiers.filter(isLevelOne).map((m) => m.code);
      return {
        ...result,
        modifiers,
        reasons,
        warnings: levelOne.length
          ? [
              ...result.warnings,
              `modifier ${levelOne.join(', ')}: CPT (Level I) modifier${levelOne.length > 1 ? 's' : ''}, maintained by the AMA and not in the CMS Level II file: not checked`,
            ]
          : result.warnings,
        valid: result.valid && badModifiers.length === 0,
        status: result.valid && badModifiers.length > 0 ? 'invalid-modifier' : result.status,
      };
    },
  };
}

/**
 * Whether a code (and its modifiers) is valid on a date of service.
 * @example checkCode(store, { code: 'J1412', date: '2023-12-15' }) // { valid: false, status: 'not-yet-effective', reasons: ['not yet effective on 2023-12-15: added 2024-01-01; ...'], ... }
 */
export function checkCode(store: HcpcsStore, input: CheckInput): CheckResult {
  return createChecker(store).check(input);
}
