/**
 * The timeline of one code through every imported release and revision: where it is present, and
 * the lifecycle events between consecutive releases, with the dates CMS gives. What the files do
 * not say (when a code that vanished ended, what happened in releases not imported) is said to be
 * unknown, never guessed.
 */
import { normalizeCode } from '../code.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { DESCRIPTION_FIELDS, type FieldChange, fieldChanges } from './compare.js';
import { type CodeOccurrence, historyContext } from './context.js';

export type HistoryEventType =
  /** Held by the earliest imported release: when it was added lies before what is imported. */
  | 'first-seen'
  /** Absent from the previous imported release, present in this one. */
  | 'added'
  /** First seen already terminated: it lived only between two files held. */
  | 'first-seen-terminated'
  /** Back after being absent from one or more imported releases. */
  | 'reappeared'
  | 'description-changed'
  | 'administrative-change'
  /** Termination date set (layout field 29). */
  | 'terminated'
  /** Termination date moved to another date. */
  | 'termination-changed'
  /** Termination date cleared. */
  | 'reactivated'
  /** Gone from the file; the last file holding it gave a termination date. */
  | 'removed-terminated'
  /** Gone from the file without a termination date: the files do not say when it ended. */
  | 'removed-without-termination';

export interface HistoryEvent {
  /** The release key the event is seen in (`2020-07_v1`). */
  readonly release: string;
  readonly effectiveDate: string;
  readonly type: HistoryEventType;
  /** The previous imported release it is compared with, if any. */
  readonly previousRelease: string | null;
  /** One sentence saying what happened, with CMS's dates. */
  readonly message: string;
  readonly addedDate?: string | null;
  readonly terminationDate?: string | null;
  readonly actionCode?: string | null;
  readonly actionEffectiveDate?: string | null;
  /** Field changes behind a description or administrative change (old -> new, decoded meanings). */
  readonly changes?: FieldChange[];
  readonly replacedBy?: string[];
}

export interface HistoryReleaseEntry {
  readonly release: string;
  readonly effectiveDate: string;
  readonly present: boolean;
  /** Status at the release's effective date; 'absent' when the release does not hold the code. */
  readonly status: 'active' | 'terminated' | 'absent';
  readonly actionCode: string | null;
}

export interface CodeHistory {
  readonly code: string;
  readonly kind: 'procedure' | 'modifier' | null;
  /** Long description in the latest release holding it. */
  readonly description: string | null;
  readonly events: HistoryEvent[];
  readonly releases: HistoryReleaseEntry[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  /** XREF (layout field 15) of the latest record: the codes that replace it. */
  readonly replacedBy: string[];
  /** Codes whose XREF names this code in some imported release. */
  readonly replaces: string[];
  /** What the files cannot tell (gaps between imported releases, vanishing without a date). */
  readonly notes: string[];
}

/** Months between two effective dates (YYYY-MM-01). */
function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return (yb - ya) * 12 + (mb - ma);
}

function dated(label: string, value: string | null | undefined): string {
  return value ? `${label} ${value}` : `no ${label} given`;
}

function changeEvents(
  release: ReleaseInfo,
  previous: CodeOccurrence,
  current: CodeOccurrence,
): HistoryEvent[] {
  const base = {
    release: release.key,
    effectiveDate: release.effectiveDate,
    previousRelease: previous.release.key,
    actionCode: current.record.actionCode,
    actionEffectiveDate: current.record.actionEffectiveDate,
  };
  const events: HistoryEvent[] = [];
  const was = previous.record.terminationDate;
  const now = current.record.terminationDate;
  if (!was && now) {
    events.push({
      ...base,
      type: 'terminated',
      terminationDate: now,
      replacedBy: current.record.crossReferences,
      message: `terminated: last day of use ${now}${current.record.crossReferences.length ? `, replaced by ${current.record.crossReferences.join(', ')}` : ''}`,
    });
  } else if (was && !now) {
    events.push({
      ...base,
      type: 'reactivated',
      terminationDate: null,
      message: `reactivated (termination date ${was} cleared)`,
    });
  } else if (was && now && was !== now) {
    events.push({
      ...base,
      type: 'termination-changed',
      terminationDate: now,
      message: `termination date moved from ${was} to ${now}`,
    });
  }
  const changes = fieldChanges(previous.record, current.record).filter((c) => c.field !== 'terminationDate');
  const description = changes.filter((c) => DESCRIPTION_FIELDS.includes(c.field));
  const administrative = changes.filter((c) => !DESCRIPTION_FIELDS.includes(c.field));
  if (description.length > 0) {
    events.push({
      ...base,
      type: 'description-changed',
      changes: description,
      message: `${description.map((c) => c.label.toLowerCase()).join(' and ')} changed`,
    });
  }
  if (administrative.length > 0) {
    events.push({
      ...base,
      type: 'administrative-change',
      changes: administrative,
      message: `changed: ${administrative.map((c) => c.label).join(', ')}`,
    });
  }
  return events;
}

/**
 * The code through every imported release: presence, status, and lifecycle events.
 * @example codeHistory(store, 'C9041').events.map((e) => e.type) // ['added', 'terminated', ...]
 */
export function codeHistory(store: HcpcsStore, input: string): CodeHistory {
  const code = normalizeCode(input);
  const context = historyContext(store);
  const occurrences = context.occurrences(code);
  const byRelease = new Map<string, CodeOccurrence>();
  for (const occurrence of occurrences) byRelease.set(occurrence.release.key, occurrence);
  const events: HistoryEvent[] = [];
  const releases: HistoryReleaseEntry[] = [];
  const notes: string[] = [];
  let previous: CodeOccurrence | undefined;
  let previousRelease: ReleaseInfo | undefined;
  let everSeen = false;
  for (const release of context.releases) {
    const current = byRelease.get(release.key);
    const record = current?.record;
    releases.push({
      release: release.key,
      effectiveDate: release.effectiveDate,
      present: Boolean(record),
      status: !record
        ? 'absent'
        : record.terminationDate && record.terminationDate < release.effectiveDate
          ? 'terminated'
          : 'active',
      actionCode: record?.actionCode ?? null,
    });
    if (current && previous?.version !== undefined && previous.version === current.version) {
      // One stored version in both: equal records, no event (the common case, kept cheap: a
      // code's history costs a little per release held).
      everSeen = true;
      previous = current;
      previousRelease = release;
      continue;
    }
    const base = {
      release: release.key,
      effectiveDate: release.effectiveDate,
      previousRelease: previousRelease?.key ?? null,
    };
    if (current && record) {
      const attributes = {
        addedDate: record.addedDate,
        terminationDate: record.terminationDate,
        actionCode: record.actionCode,
        actionEffectiveDate: record.actionEffectiveDate,
      };
      if (!previousRelease) {
        events.push({
          ...base,
          ...attributes,
          type: 'first-seen',
          message: `in the earliest imported release; CMS gives ${dated('added date', record.addedDate)}${record.terminationDate ? `, ${dated('termination date', record.terminationDate)}` : ''}`,
        });
      } else if (!previous) {
        const terminatedAlready =
          record.terminationDate !== null && record.terminationDate < release.effectiveDate;
        const gap = monthsBetween(previousRelease.effectiveDate, release.effectiveDate) > 3;
        const type: HistoryEventType = everSeen
          ? 'reappeared'
          : terminatedAlready
            ? 'first-seen-terminated'
            : 'added';
        const between = `between ${previousRelease.key} and ${release.key}`;
        events.push({
          ...base,
          ...attributes,
          type,
          replacedBy: record.crossReferences,
          message:
            type === 'first-seen-terminated'
              ? `first seen already terminated: CMS gives ${dated('added date', record.addedDate)} and termination date ${record.terminationDate}, so it lived only ${between}`
              : type === 'reappeared'
                ? `back in the file after being absent; CMS gives ${dated('added date', record.addedDate)}`
                : `added; CMS gives ${dated('added date', record.addedDate)}${gap ? ` (releases ${between} are not imported)` : ''}`,
        });
      } else {
        events.push(...changeEvents(release, previous, current));
      }
      everSeen = true;
    } else if (previous && previousRelease) {
      const last = previous.record;
      events.push({
        ...base,
        type: last.terminationDate ? 'removed-terminated' : 'removed-without-termination',
        terminationDate: last.terminationDate,
        replacedBy: last.crossReferences,
        message: last.terminationDate
          ? `no longer in the file; the last file holding it (${previousRelease.key}) gave termination date ${last.terminationDate}`
          : `no longer in the file, and the last file holding it (${previousRelease.key}) gave no termination date: the files do not say when it ended`,
      });
      if (!last.terminationDate) {
        notes.push(
          `${code} vanished from ${release.key} without a termination date; its end date is unknown.`,
        );
      }
    }
    previous = current;
    previousRelease = release;
  }
  const latest = occurrences.at(-1);
  const first = occurrences[0];
  // Annual files (and any quarter not imported) hide what happened between two files held: say so
  // wherever an event of this code is seen across such a gap.
  for (const release of new Set(events.map((e) => e.release))) {
    const index = context.releases.findIndex((r) => r.key === release);
    const before = context.releases[index - 1];
    const after = context.releases[index];
    if (before && after && monthsBetween(before.effectiveDate, after.effectiveDate) > 3) {
      notes.push(
        `Quarterly releases between ${before.key} and ${after.key} are not imported: what is seen in ${after.key} is their sum, and CMS's dates are the only record of when it happened.`,
      );
    }
  }
  return {
    code,
    kind: latest?.record.kind ?? null,
    description: latest?.record.longDescription ?? null,
    events,
    releases,
    firstSeen: first?.release.key ?? null,
    lastSeen: latest?.release.key ?? null,
    replacedBy: latest?.record.crossReferences ?? [],
    replaces: context.replaces(code),
    notes,
  };
}
