/**
 * A code in one release as CMS's corrections to that release's quarter leave it on a day: what
 * validity (check), FHIR $validate-code and $lookup answer from, so that every interface gives
 * the same verdict on a corrected code. The release's records stay as CMS published them (see
 * corrections.ts); this only puts the corrections in force on the day over them.
 */
import { type RecordStatus, recordStatus } from '../layout/describe.js';
import { blankRecord, type HcpcsRecord, isActiveOn } from '../model.js';
import type { ReleaseInfo } from '../store/store.js';
import type { HistoryContext } from './context.js';
import {
  type CorrectionView,
  correctedRecord,
  correctionsOfCodeIn,
  correctionView,
  type ReleaseCorrection,
} from './corrections.js';
import { addDays } from './dates.js';
import { type Around, occurrencesAround } from './occurrences.js';

export interface CorrectedCode {
  /** Every correction of the code to the release's quarter, each list in its order. */
  readonly corrections: readonly ReleaseCorrection[];
  /** The values of the corrections in force on the day, in order (a later one overrides). */
  readonly values: readonly ReleaseCorrection['values'][number][];
  /**
   * The latest discontinue in force on the day, when the release's file holds the code: from its
   * date the code is terminated although the file as published holds it.
   */
  readonly discontinued: ReleaseCorrection | undefined;
  /**
   * The last day of use a discontinue sets: a later file's own termination date when it has one by
   * the day (CMS's word on the last day), else the day before the correction's date.
   */
  readonly lastDay: string | undefined;
  /** The latest add or add-back, whatever its date, when the release's file lacks the code. */
  readonly added: ReleaseCorrection | undefined;
  /** The day `added` takes effect. */
  readonly addedFrom: string | undefined;
  /**
   * The record as corrected on the day. The file's record with the values in force put in, and the
   * discontinue's last day as its termination date. For a code the file lacks and a correction adds
   * or puts back: the correction's values over the nearest file's record of the code (the first
   * after the release, else the last before), or over an empty record when no file holds it.
   * Undefined when the file lacks the code and no correction adds it.
   */
  readonly record: HcpcsRecord | undefined;
}

/** The day a correction takes effect: its own date, else the corrected release's. */
export function correctionStart(correction: ReleaseCorrection, release: ReleaseInfo): string {
  return correction.effectiveDate ?? release.effectiveDate;
}

/**
 * `around.here` is the code in `release` as published; `corrections` are the code's corrections to
 * that release's quarter (correctionsOfCodeIn).
 * @example correctedCode(around, corrections, release2019, '2019-03-01').lastDay // '2018-12-31' for C9034
 */
export function correctedCode(
  { here, later, earlier }: Around,
  corrections: readonly ReleaseCorrection[],
  release: ReleaseInfo,
  day: string,
): CorrectedCode {
  // A correction's values count from its date: one dated after the day changes nothing then.
  const inForce = corrections.filter((c) => correctionStart(c, release) <= day);
  const values = inForce.flatMap((c) => c.values);
  const latest = (list: readonly ReleaseCorrection[], kinds: readonly ReleaseCorrection['kind'][]) =>
    [...list].reverse().find((c) => kinds.includes(c.kind));
  const discontinued = here ? latest(inForce, ['discontinue']) : undefined;
  const added = here ? undefined : latest(corrections, ['add', 'add-back']);
  let lastDay: string | undefined;
  let record: HcpcsRecord | undefined;
  if (here) {
    record = values.length > 0 ? correctedRecord(here.record, values) : here.record;
    if (discontinued) {
      lastDay =
        later && !isActiveOn(later.record, day) && later.record.terminationDate
          ? later.record.terminationDate
          : addDays(correctionStart(discontinued, release), -1);
      // A termination the file already gives before that day stands: the code had ended by then.
      const own = here.record.terminationDate;
      if (!own || isActiveOn(here.record, lastDay)) record = { ...record, terminationDate: lastDay };
    }
  } else if (added) {
    const base = (later ?? earlier)?.record ?? {
      ...blankRecord(added.code, release.id),
      addedDate: added.effectiveDate,
    };
    // The add's own values first, whatever its date (what the code is), then those in force on the day.
    record = { ...correctedRecord(base, [...added.values, ...values]), release: release.id };
  }
  return {
    corrections,
    values,
    discontinued,
    lastDay,
    added,
    addedFrom: added ? correctionStart(added, release) : undefined,
    record,
  };
}

/**
 * A code in a release as corrected on a day, or undefined when no correction to the release's
 * quarter names it (a map lookup: the cost of asking for a code CMS did not correct).
 * `published` is the release's record of the code as published, undefined when its file lacks it.
 * @example codeAsCorrected(historyContext(store), release2019, 'C9034', c9034, '2019-03-01')?.discontinued?.action // 'Discontinue'
 */
export function codeAsCorrected(
  context: HistoryContext,
  release: ReleaseInfo,
  code: string,
  published: HcpcsRecord | undefined,
  day: string,
): CorrectedCode | undefined {
  const corrections = correctionsOfCodeIn(context.corrections(), code, release.id);
  if (corrections.length === 0) return undefined;
  const at = context.releases.findIndex((r) => r.key === release.key);
  // The release asked about holds what it holds, even a superseded revision (which
  // occurrencesAround passes over when a current one holds the code).
  const here = published ? { release, record: published } : undefined;
  return correctedCode({ ...occurrencesAround(context, code, at), here }, corrections, release, day);
}

/** What CMS's corrections say of a code as a release's file has it: `show`, /api/codes, the code page. */
export interface RecordCorrections {
  /** Each correction to the release's quarter for the code, with what it changes in the record. */
  readonly corrections: CorrectionView[];
  /**
   * The status at the release's start as the corrections leave it, when it is not the file's (C9034
   * in 2019-01: terminated on 2018-12-31; a code a list discontinues inside the quarter: active,
   * terminates after the day before); null when they leave it as it is.
   */
  readonly correctedStatus: RecordStatus | null;
}

/**
 * Whether a record as corrected ends before its added date: a code the file adds that the
 * corrections delete (2018's G9890, "DELETE" with no date, added 2018-01-01 by the 2018 file) never
 * took effect, and has no last day of use to give.
 */
export function neverInEffect(record: Pick<HcpcsRecord, 'addedDate' | 'terminationDate'>): boolean {
  return (
    record.addedDate !== null && record.terminationDate !== null && record.terminationDate < record.addedDate
  );
}

/**
 * @example recordCorrections(historyContext(store), release2019, c9034).correctedStatus?.text // "terminated on 2018-12-31 by CMS's corrections"
 */
export function recordCorrections(
  context: HistoryContext,
  release: ReleaseInfo,
  record: HcpcsRecord,
): RecordCorrections {
  const corrected = codeAsCorrected(context, release, record.code, record, release.effectiveDate);
  if (!corrected) return { corrections: [], correctedStatus: null };
  // The record as corrected from the latest discontinue's date, when one falls inside the quarter:
  // its last day of use is the status's termination date ("active, terminates after ...").
  const lastStop = corrected.corrections
    .filter((c) => c.kind === 'discontinue')
    .map((c) => correctionStart(c, release))
    .sort()
    .at(-1);
  const ending =
    lastStop && lastStop > release.effectiveDate
      ? codeAsCorrected(context, release, record.code, record, lastStop)
      : corrected;
  const asPublished = recordStatus(record, release.effectiveDate);
  const status = ending?.record ? recordStatus(ending.record, release.effectiveDate) : asPublished;
  const changed =
    status.status !== asPublished.status || status.terminationDate !== asPublished.terminationDate;
  const text =
    ending?.record && neverInEffect(ending.record)
      ? `never in effect: CMS's corrections end it before its added date ${ending.record.addedDate}`
      : `${status.text} by CMS's corrections`;
  return {
    corrections: corrected.corrections.map((c) => correctionView(c, record)),
    correctedStatus: changed ? { ...status, text } : null,
  };
}
