/**
 * CMS's corrections to the releases held: the lists CMS published after a release to say what its
 * file got wrong (see ingest/corrections.ts), read from the files the import kept with the release
 * (role `corrections`), once per data version. The release's records stay as CMS published them;
 * the corrections are put beside them: a history shows them as events, a record view lists them,
 * and a validity check lets a code added, put back or discontinued by them decide its answer.
 */
import { formatLocation } from '../errors.js';
import {
  CORRECTIONS_READER,
  type CorrectedValue,
  type CorrectionEntry,
  type CorrectionsList,
  type CorrectionsListSummary,
  type CorrectionsReading,
  correctionFilesToRead,
  rowsOfReading,
  summarizeCorrections,
  supersededLists,
  tryReadCorrections,
} from '../ingest/corrections.js';
import { fieldByKey } from '../layout/index.js';
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { type FieldChange, fieldChanges, fieldValueText } from './compare.js';

/** A correction and the release it corrects. */
export interface ReleaseCorrection extends CorrectionEntry {
  /** Key of the release the list was imported with (`2019-01_v1`). */
  readonly release: string;
  /** Its release id (`2019-01`): a correction is to the quarter's file. */
  readonly releaseId: string;
  /** The list's file name. */
  readonly file: string;
  /**
   * For words that put back an earlier year's values (`revertTo`): the release whose record gave
   * them, the latest held of that year; absent when none holds the code (the words stay words).
   */
  readonly valuesFrom?: string;
}

/** A corrections list of a release, as read. */
export interface CorrectionsListInfo extends CorrectionsListSummary {
  readonly release: string;
  /** Its release id (`2019-01`): the quarter it corrects. */
  readonly releaseId: string;
}

export interface CorrectionsIndex {
  /** Every correction of `code`, oldest release first, each list in its order. */
  of(code: string): readonly ReleaseCorrection[];
  /** Every correction to a release's quarter (`2019-01`), each list in its order, rows in theirs. */
  ofQuarter(releaseId: string): readonly ReleaseCorrection[];
  /** The lists of a release's quarter as read, superseded ones included (`supersededBy`). */
  listsOfQuarter(releaseId: string): readonly CorrectionsListInfo[];
  readonly lists: readonly CorrectionsListInfo[];
}

/**
 * Reads the corrections lists of `releases` from the store (what the history context keeps, once
 * per data version: see `HistoryContext.corrections`).
 */
export function readCorrectionsIndex(store: HcpcsStore, releases: readonly ReleaseInfo[]): CorrectionsIndex {
  const read: ReadList[] = [];
  for (const release of releases) {
    const files = correctionFilesToRead(release.files.filter((f) => f.role === 'corrections'));
    for (const file of files) {
      // The list as the import read it; the file itself only when the import kept no reading
      // (a database written before, or another version of the reader).
      const kept = store.correctionsRead(file.sha256, CORRECTIONS_READER);
      const reading: CorrectionsReading = kept
        ? { list: JSON.parse(kept) as CorrectionsList }
        : tryReadCorrections(storedBytes(store, release.key, file.sha256), file.name);
      read.push({ release, name: file.name, reading, rows: rowsOfReading(reading) });
    }
  }
  // A later version of a list replaces the earlier among the lists to one quarter, whichever
  // revision of the quarter each came with.
  const superseded = new Map<ReadList, ReadList>();
  for (const quarter of new Set(read.map((r) => r.release.id))) {
    for (const [earlier, later] of supersededLists(read.filter((r) => r.release.id === quarter))) {
      superseded.set(earlier, later);
    }
  }
  const byCode = new Map<string, ReleaseCorrection[]>();
  const byQuarter = new Map<string, ReleaseCorrection[]>();
  const lists: CorrectionsListInfo[] = [];
  for (const list of read) {
    const { release, name, reading } = list;
    const replacedBy = superseded.get(list);
    // A list that cannot be read, or that a later version replaces, takes nothing from the release:
    // it is named, not fatal.
    for (const entry of replacedBy ? [] : (reading.list?.entries ?? [])) {
      const correction = {
        ...entry,
        release: release.key,
        releaseId: release.id,
        file: name,
        ...(entry.revertTo ? revertedValues(store, releases, entry.code, entry.revertTo) : {}),
      };
      pushTo(byCode, entry.code, correction);
      pushTo(byQuarter, release.id, correction);
    }
    lists.push({
      release: release.key,
      releaseId: release.id,
      ...summarizeCorrections(name, reading, replacedBy?.name),
    });
  }
  return {
    of: (code) => byCode.get(code) ?? [],
    ofQuarter: (id) => byQuarter.get(id) ?? [],
    listsOfQuarter: (id) => lists.filter((list) => list.releaseId === id),
    lists,
  };
}

/** A corrections list of a release as read, with its rows (rowsOfReading). */
interface ReadList {
  readonly release: ReleaseInfo;
  readonly name: string;
  readonly reading: CorrectionsReading;
  readonly rows: readonly string[];
}

/**
 * The values words that revert to an earlier year put back: the code's in the latest release held
 * of that year (2018's G9637 "revert back to 2017 description": its 2017 descriptions). Nothing
 * when no release of that year holds the code: the correction keeps its words alone.
 */
function revertedValues(
  store: HcpcsStore,
  releases: readonly ReleaseInfo[],
  code: string,
  revert: NonNullable<CorrectionEntry['revertTo']>,
): { values: CorrectedValue[]; valuesFrom: string } | Record<string, never> {
  const ofYear = releases.filter((r) => r.effectiveDate.startsWith(`${revert.year}-`));
  for (const release of [...ofYear].reverse()) {
    const record = store.record(release.key, code) as Record<string, unknown> | undefined;
    if (!record) continue;
    const values = revert.fields.map((field) => ({ field, value: record[field] as CorrectedValue['value'] }));
    return { values, valuesFrom: release.key };
  }
  return {};
}

function storedBytes(store: HcpcsStore, releaseKey: string, sha256: string): Uint8Array {
  const file = store.sourceFileContents(releaseKey, 'corrections').find((f) => f.sha256 === sha256);
  return new Uint8Array(file?.content ?? []);
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The record with the values a correction gives put in. */
export function correctedRecord(record: HcpcsRecord, values: readonly CorrectedValue[]): HcpcsRecord {
  const corrected = { ...record } as Record<string, unknown>;
  for (const { field, value, operation } of values) {
    const held = Array.isArray(corrected[field]) ? (corrected[field] as string[]) : [];
    const named = Array.isArray(value) ? value : [];
    corrected[field] =
      operation === 'add'
        ? [...held, ...named.filter((v) => !held.includes(v))]
        : operation === 'remove'
          ? held.filter((v) => !named.includes(v))
          : value;
  }
  return corrected as unknown as HcpcsRecord;
}

/** A value a correction gives, in words: `220`, `add 220`, `remove Q0080` (an operation, CorrectedValue). */
export function correctedValueText({ value, operation }: CorrectedValue): string {
  return operation ? `${operation} ${fieldValueText(value)}` : fieldValueText(value);
}

/** What a correction changes in a record as published (old -> new, decoded meanings). */
export function correctionChanges(record: HcpcsRecord, correction: ReleaseCorrection): FieldChange[] {
  return fieldChanges(record, correctedRecord(record, correction.values));
}

/** Where the correction is written: `HCPC2019_Corrections_ALPHA.xlsx [sheet ...] row 8`. */
export function correctionSource(correction: ReleaseCorrection): string {
  return formatLocation(correction.location);
}

/**
 * One sentence for a correction: CMS's words, its date and where it is written.
 * @example correctionSentence(c) // 'CMS's corrections to 2019-01: "Discontinue", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8)'
 */
export function correctionSentence(correction: ReleaseCorrection): string {
  const date = correction.effectiveDate
    ? `effective ${correction.effectiveDate}`
    : correction.effectiveDateAsWritten
      ? `effective date written "${correction.effectiveDateAsWritten}"`
      : 'no effective date given';
  return `CMS's corrections to ${correction.releaseId}: "${correction.action}", ${date} (${correctionSource(correction)})`;
}

/** The values a correction gives, as `Label: value` text, for a correction with no record to compare. */
export function correctionValuesText(correction: ReleaseCorrection): string {
  return correction.values
    .map((value) => `${fieldByKey(value.field)?.label ?? value.field}: ${correctedValueText(value)}`)
    .join('; ');
}

/** A correction as history, validity and record views give it out (JSON). */
export interface CorrectionView {
  readonly release: string;
  readonly releaseId: string;
  readonly kind: ReleaseCorrection['kind'];
  /** CMS's words. */
  readonly action: string;
  readonly effectiveDate: string | null;
  readonly effectiveDateAsWritten: string | null;
  /** Where it is written (file, sheet, row). */
  readonly source: string;
  readonly comments: string | null;
  /** The values the correction gives, by record JSON field. */
  readonly values: CorrectedValue[];
  /** What they change in the release's record as published; null when the release lacks the code. */
  readonly changes: FieldChange[] | null;
  /** What it changes (or gives, for a code the file lacks) in words; empty when nothing. */
  readonly what: string;
  /** One sentence: words, date, place, and what changes. */
  readonly message: string;
}

/**
 * A correction with what it changes in `record` (the corrected release's record as published;
 * undefined when that file lacks the code).
 */
export function correctionView(
  correction: ReleaseCorrection,
  record: HcpcsRecord | undefined,
): CorrectionView {
  const changes = record ? correctionChanges(record, correction) : null;
  const said = correctionSentence(correction);
  let what: string;
  if (changes && changes.length > 0) {
    what = changes.map((c) => `${c.label} ${fieldValueText(c.from)} -> ${fieldValueText(c.to)}`).join('; ');
  } else if (!record && correction.values.length > 0) {
    what = correctionValuesText(correction);
  } else if (correction.values.length === 0 && correction.kind === 'change') {
    what = 'the list gives no value for it, only these words';
  } else {
    what = '';
  }
  if (what && correction.valuesFromWords) what = `${what} (read from CMS's words)`;
  if (correction.revertTo) {
    const year = correction.revertTo.year;
    what = correction.valuesFrom
      ? `${what || 'no change'} (CMS's words: the ${year} values, from release ${correction.valuesFrom})`
      : `the ${year} values it puts back are in no release held`;
  }
  return {
    release: correction.release,
    releaseId: correction.releaseId,
    kind: correction.kind,
    action: correction.action,
    effectiveDate: correction.effectiveDate,
    effectiveDateAsWritten: correction.effectiveDateAsWritten,
    source: correctionSource(correction),
    comments: correction.comments,
    values: [...correction.values],
    changes,
    what,
    message: what ? `${said}: ${what}` : said,
  };
}

/** The corrections of `code` to one quarter's file (`2019-01`), whichever revision they came with. */
export function correctionsOfCodeIn(
  index: CorrectionsIndex,
  code: string,
  releaseId: string,
): readonly ReleaseCorrection[] {
  return index.of(code).filter((c) => c.releaseId === releaseId);
}
