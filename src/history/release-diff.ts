/**
 * The difference between two imported releases, computed by comparing field values code by code
 * (never from CMS's action codes, which are kept as attributes): codes added, removed (with or
 * without a termination date), terminated, reactivated, and every field change. Only the codes
 * whose stored record version differs are read (store.recordsThatDiffer).
 */
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { COMPARED_FIELDS, type FieldChange, fieldChanges } from './compare.js';
import { historyContext } from './context.js';
import { type CorrectionView, correctionView } from './corrections.js';

export interface DiffOptions {
  /** Also report changes of the action effective date and action code (layout fields 28, 30). */
  readonly includeActionFields?: boolean;
}

export interface RemovedCode {
  readonly code: string;
  /** The termination date the last file holding it gave, or null: it vanished without one. */
  readonly terminationDate: string | null;
  readonly replacedBy: string[];
}

export interface TerminatedCode {
  readonly code: string;
  readonly terminationDate: string;
  readonly replacedBy: string[];
}

export interface ReleaseDiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly removedWithoutTermination: number;
  readonly terminated: number;
  readonly reactivated: number;
  readonly changedCodes: number;
  readonly changes: number;
  /** Number of field changes by field key, in layout order. */
  readonly byField: Record<string, number>;
  /** CMS's corrections to the quarter of either release (see `ReleaseDiff.corrections`). */
  readonly corrections: number;
}

/** A correction CMS published to one of the two releases' files, and the code it names. */
export interface DiffCorrection extends CorrectionView {
  readonly code: string;
}

export interface ReleaseDiff {
  /** Release keys (`2025-10_v1`). */
  readonly from: string;
  readonly to: string;
  readonly fromEffectiveDate: string;
  readonly toEffectiveDate: string;
  /** Codes in `to` and not in `from`. */
  readonly added: string[];
  /** Added codes whose record already carries a termination date before `to` takes effect. */
  readonly addedAlreadyTerminated: string[];
  /** Codes in `from` and not in `to`. */
  readonly removed: string[];
  readonly removedDetails: RemovedCode[];
  /**
   * Codes whose termination date is new in `to`: blank in `from`, or the code absent from `from`
   * (then it is in `added` as well).
   */
  readonly terminated: string[];
  readonly terminatedDetails: TerminatedCode[];
  /** Codes in both whose termination date went from a date to blank. */
  readonly reactivated: string[];
  /** Every field change of a code held by both releases, codes in order, fields in layout order. */
  readonly changed: FieldChange[];
  /**
   * CMS's corrections to the quarter of `from`, then of `to` (the corrections lists CMS published
   * after a release): the diff compares the files as published, these say where CMS corrected them.
   * Each with what it changes in the record of the release it corrects.
   */
  readonly corrections: DiffCorrection[];
  readonly summary: ReleaseDiffSummary;
}

/**
 * Compares two imported releases (any two, in either order; also two revisions of one quarter).
 * @example diffReleases(store, '2025-10_v1', '2025-10_v4').changed // [{ code: 'L6034', field: 'longDescription', ... }]
 */
export function diffReleases(
  store: HcpcsStore,
  from: string,
  to: string,
  options: DiffOptions = {},
): ReleaseDiff {
  const catalog = store.catalog();
  const fromRelease = catalog.resolve(from) as ReleaseInfo;
  const toRelease = catalog.resolve(to) as ReleaseInfo;

  const added: string[] = [];
  const addedAlreadyTerminated: string[] = [];
  const terminatedDetails: TerminatedCode[] = [];
  const reactivated: string[] = [];
  const changed: FieldChange[] = [];
  const changedCodes = new Set<string>();
  const removedDetails: RemovedCode[] = [];
  // Only the codes whose stored version differs: a code of one version in both holds equal
  // records, so it has no change, termination or reactivation to report.
  for (const { code, before: previous, after: next } of store.recordsThatDiffer(
    fromRelease.key,
    toRelease.key,
  )) {
    if (!next) {
      if (previous) {
        removedDetails.push({
          code,
          terminationDate: previous.terminationDate,
          replacedBy: previous.crossReferences,
        });
      }
      continue;
    }
    if (!previous) {
      added.push(code);
      if (next.terminationDate) {
        // Absent before and carrying a termination date now: its termination is new to this diff too.
        terminatedDetails.push({
          code,
          terminationDate: next.terminationDate,
          replacedBy: next.crossReferences,
        });
        if (next.terminationDate < toRelease.effectiveDate) addedAlreadyTerminated.push(code);
      }
      continue;
    }
    if (!previous.terminationDate && next.terminationDate) {
      terminatedDetails.push({
        code,
        terminationDate: next.terminationDate,
        replacedBy: next.crossReferences,
      });
    }
    if (previous.terminationDate && !next.terminationDate) reactivated.push(code);
    const changes = fieldChanges(previous, next, options);
    if (changes.length > 0) changedCodes.add(code);
    changed.push(...changes);
  }

  const counts = new Map<string, number>();
  for (const change of changed) counts.set(change.field, (counts.get(change.field) ?? 0) + 1);
  const byField: Record<string, number> = {};
  for (const field of COMPARED_FIELDS) {
    const n = counts.get(field.key);
    if (n) byField[field.key] = n;
  }
  const corrections = correctionsOfBoth(store, fromRelease, toRelease);
  return {
    from: fromRelease.key,
    to: toRelease.key,
    fromEffectiveDate: fromRelease.effectiveDate,
    toEffectiveDate: toRelease.effectiveDate,
    added,
    addedAlreadyTerminated,
    removed: removedDetails.map((r) => r.code),
    removedDetails,
    terminated: terminatedDetails.map((t) => t.code),
    terminatedDetails,
    reactivated,
    changed,
    corrections,
    summary: {
      added: added.length,
      removed: removedDetails.length,
      removedWithoutTermination: removedDetails.filter((r) => !r.terminationDate).length,
      terminated: terminatedDetails.length,
      reactivated: reactivated.length,
      changedCodes: changedCodes.size,
      changes: changed.length,
      byField,
      corrections: corrections.length,
    },
  };
}

/**
 * The corrections to each release's quarter (once when both are of one quarter), each beside the
 * code's record in that release: read code by code, so a diff of releases no list corrects reads
 * no record for them.
 */
function correctionsOfBoth(store: HcpcsStore, from: ReleaseInfo, to: ReleaseInfo): DiffCorrection[] {
  const index = historyContext(store).corrections();
  const sides = from.id === to.id ? [to] : [from, to];
  return sides.flatMap((release) =>
    index
      .ofQuarter(release.id)
      .map((c) => ({ code: c.code, ...correctionView(c, store.record(release.key, c.code)) })),
  );
}
