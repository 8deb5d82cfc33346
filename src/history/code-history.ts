/**
 * The timeline of one code through every imported release and revision: where it is present, and
 * the lifecycle events between consecutive releases, with the dates CMS gives. What the files do
 * not say (when a code that vanished ended, what happened in releases not imported) is said to be
 * unknown, never guessed.
 */
import { normalizeCode } from '../code.js';
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo, VersionRun } from '../store/store.js';
import { DESCRIPTION_FIELDS, type FieldChange, fieldChanges } from './compare.js';
import { type HistoryContext, historyContext } from './context.js';
import { type CorrectionView, correctionView, type ReleaseCorrection } from './corrections.js';

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
  | 'removed-without-termination'
  /** CMS's corrections list for the release changes, adds, puts back or discontinues the code. */
  | 'corrected';

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
  /** The correction behind a `corrected` event. */
  readonly correction?: CorrectionView;
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
  const months = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return months(b) - months(a);
}

function dated(label: string, value: string | null | undefined): string {
  return value ? `${label} ${value}` : `no ${label} given`;
}

/** A code in two consecutive releases: its record in each. */
interface Held {
  readonly release: ReleaseInfo;
  readonly record: HcpcsRecord;
}

function changeEvents(release: ReleaseInfo, previous: Held, current: Held): HistoryEvent[] {
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
 * The entries of `releases` a history answer lists, made once per data version and shared by every
 * answer (frozen): an entry says only the release, the status and the action code, and most codes
 * repeat the same few for release after release. Kept per status and action code, by release.
 */
class ReleaseEntries {
  readonly #releases: readonly ReleaseInfo[];
  readonly #byKind = new Map<string, HistoryReleaseEntry[]>();

  constructor(releases: readonly ReleaseInfo[]) {
    this.#releases = releases;
  }

  /** The entries of one status and action code, by release position (made on first use). */
  #of(status: HistoryReleaseEntry['status'], actionCode: string | null): HistoryReleaseEntry[] {
    const key = `${status} ${actionCode ?? ''}`;
    let entries = this.#byKind.get(key);
    if (!entries) {
      entries = [];
      this.#byKind.set(key, entries);
    }
    return entries;
  }

  #entry(
    entries: HistoryReleaseEntry[],
    at: number,
    status: HistoryReleaseEntry['status'],
    actionCode: string | null,
  ) {
    let entry = entries[at];
    if (!entry) {
      const release = this.#releases[at] as ReleaseInfo;
      entry = Object.freeze({
        release: release.key,
        effectiveDate: release.effectiveDate,
        present: status !== 'absent',
        status,
        actionCode,
      });
      entries[at] = entry;
    }
    return entry;
  }

  /** Appends the entries of releases `from` to `to` (positions), which do not hold the code. */
  absent(into: HistoryReleaseEntry[], from: number, to: number): void {
    const entries = this.#of('absent', null);
    for (let at = from; at <= to; at++) into.push(this.#entry(entries, at, 'absent', null));
  }

  /**
   * Appends the entries of releases `from` to `to`, which hold `record`: its status at each
   * release's date (terminated once the termination date, layout field 29, lies before it).
   */
  present(into: HistoryReleaseEntry[], from: number, to: number, record: HcpcsRecord): void {
    const active = this.#of('active', record.actionCode);
    const terminated = this.#of('terminated', record.actionCode);
    const ended = record.terminationDate;
    for (let at = from; at <= to; at++) {
      const release = this.#releases[at] as ReleaseInfo;
      const status = ended && ended < release.effectiveDate ? 'terminated' : 'active';
      into.push(this.#entry(status === 'active' ? active : terminated, at, status, record.actionCode));
    }
  }
}

/** One set of shared entries per history context (that is, per data version). */
const sharedEntries = new WeakMap<HistoryContext, ReleaseEntries>();

function entriesOf(context: HistoryContext): ReleaseEntries {
  let entries = sharedEntries.get(context);
  if (!entries) {
    entries = new ReleaseEntries(context.releases);
    sharedEntries.set(context, entries);
  }
  return entries;
}

/** The event of a code found in `release` without being in the release before it (`previous`). */
function arrivalEvent(
  release: ReleaseInfo,
  previous: ReleaseInfo | undefined,
  record: HcpcsRecord,
  everSeen: boolean,
): HistoryEvent {
  const base = {
    release: release.key,
    effectiveDate: release.effectiveDate,
    previousRelease: previous?.key ?? null,
    addedDate: record.addedDate,
    terminationDate: record.terminationDate,
    actionCode: record.actionCode,
    actionEffectiveDate: record.actionEffectiveDate,
  };
  if (!previous) {
    return {
      ...base,
      type: 'first-seen',
      message: `in the earliest imported release; CMS gives ${dated('added date', record.addedDate)}${record.terminationDate ? `, ${dated('termination date', record.terminationDate)}` : ''}`,
    };
  }
  const terminatedAlready = record.terminationDate !== null && record.terminationDate < release.effectiveDate;
  const gap = monthsBetween(previous.effectiveDate, release.effectiveDate) > 3;
  const type: HistoryEventType = everSeen
    ? 'reappeared'
    : terminatedAlready
      ? 'first-seen-terminated'
      : 'added';
  const between = `between ${previous.key} and ${release.key}`;
  return {
    ...base,
    type,
    replacedBy: record.crossReferences,
    message:
      type === 'first-seen-terminated'
        ? `first seen already terminated: CMS gives ${dated('added date', record.addedDate)} and termination date ${record.terminationDate}, so it lived only ${between}`
        : type === 'reappeared'
          ? `back in the file after being absent; CMS gives ${dated('added date', record.addedDate)}`
          : `added; CMS gives ${dated('added date', record.addedDate)}${gap ? ` (releases ${between} are not imported)` : ''}`,
  };
}

/** The event of a code gone from `release`, held by the release before it (`last`, with `record`). */
function removalEvent(release: ReleaseInfo, last: ReleaseInfo, record: HcpcsRecord): HistoryEvent {
  return {
    release: release.key,
    effectiveDate: release.effectiveDate,
    previousRelease: last.key,
    type: record.terminationDate ? 'removed-terminated' : 'removed-without-termination',
    terminationDate: record.terminationDate,
    replacedBy: record.crossReferences,
    message: record.terminationDate
      ? `no longer in the file; the last file holding it (${last.key}) gave termination date ${record.terminationDate}`
      : `no longer in the file, and the last file holding it (${last.key}) gave no termination date: the files do not say when it ended`,
  };
}

/**
 * The events of CMS's corrections to the releases held, each at the release it corrects, with what
 * it changes in that release's record as published (or that the file lacks the code).
 */
function correctionEvents(
  context: HistoryContext,
  corrections: readonly ReleaseCorrection[],
  runs: readonly VersionRun[],
): { event: HistoryEvent; at: number }[] {
  return corrections.flatMap((correction) => {
    const release = context.byKey.get(correction.release);
    if (!release) return [];
    const at = context.releases.indexOf(release);
    const record = runs.find((run) => run.from <= at && at <= run.to)?.record;
    const view = correctionView(correction, record);
    const lacks =
      !record && correction.kind !== 'discontinue'
        ? `; the ${release.key} file as published lacks the code`
        : '';
    const event: HistoryEvent = {
      release: release.key,
      effectiveDate: release.effectiveDate,
      type: 'corrected',
      previousRelease: null,
      message: `${view.message}${lacks}`,
      actionEffectiveDate: correction.effectiveDate,
      ...(view.changes && view.changes.length > 0 ? { changes: view.changes } : {}),
      correction: view,
    };
    return [{ event, at }];
  });
}

/**
 * The code through every imported release: presence, status, and lifecycle events.
 * Walks the code's runs of releases sharing one stored version (context.runs): fields are compared
 * only where the version changes, so the cost grows with the code's versions, and per release held
 * only by one entry of `releases`.
 * @example codeHistory(store, 'C9041').events.map((e) => e.type) // ['added', 'terminated', ...]
 */
export function codeHistory(store: HcpcsStore, input: string): CodeHistory {
  const code = normalizeCode(input);
  const context = historyContext(store);
  const all = context.releases;
  const runs = context.runs(code);
  const entries = entriesOf(context);
  const events: HistoryEvent[] = [];
  /** Positions of the releases events are seen in, for the notes on releases not imported. */
  const eventAt: number[] = [];
  const releases: HistoryReleaseEntry[] = [];
  const notes: string[] = [];
  const removed = (at: number, last: number, record: HcpcsRecord) => {
    events.push(removalEvent(all[at] as ReleaseInfo, all[last] as ReleaseInfo, record));
    eventAt.push(at);
    if (!record.terminationDate) {
      notes.push(
        `${code} vanished from ${(all[at] as ReleaseInfo).key} without a termination date; its end date is unknown.`,
      );
    }
  };
  let next = 0;
  let previous: VersionRun | undefined;
  for (const run of runs) {
    entries.absent(releases, next, run.from - 1);
    entries.present(releases, run.from, run.to, run.record);
    next = run.to + 1;
    const release = all[run.from] as ReleaseInfo;
    if (previous && previous.to + 1 === run.from) {
      // Held by the release before too, as another version: what changed between the two.
      if (previous.version !== run.version) {
        const before = { release: all[previous.to] as ReleaseInfo, record: previous.record };
        const changes = changeEvents(release, before, { release, record: run.record });
        events.push(...changes);
        for (const _ of changes) eventAt.push(run.from);
      }
    } else {
      if (previous) removed(previous.to + 1, previous.to, previous.record);
      events.push(arrivalEvent(release, all[run.from - 1], run.record, previous !== undefined));
      eventAt.push(run.from);
    }
    previous = run;
  }
  if (previous && previous.to + 1 < all.length) removed(previous.to + 1, previous.to, previous.record);
  entries.absent(releases, next, all.length - 1);
  const corrected = correctionEvents(context, context.corrections().of(code), runs);
  if (corrected.length > 0) {
    // Each after the events of its release, the events staying in release order.
    const merged = events.map((event, i) => ({ event, at: eventAt[i] as number }));
    for (const c of corrected) {
      let after = merged.length;
      while (after > 0 && (merged[after - 1] as (typeof merged)[number]).at > c.at) after--;
      merged.splice(after, 0, c);
    }
    events.splice(0, events.length, ...merged.map((m) => m.event));
  }
  // Annual files (and any quarter not imported) hide what happened between two files held: say so
  // wherever an event of this code is seen across such a gap.
  for (const index of new Set(eventAt)) {
    const before = all[index - 1];
    const after = all[index];
    if (before && after && monthsBetween(before.effectiveDate, after.effectiveDate) > 3) {
      notes.push(
        `Quarterly releases between ${before.key} and ${after.key} are not imported: what is seen in ${after.key} is their sum, and CMS's dates are the only record of when it happened.`,
      );
    }
  }
  const first = runs[0];
  const latest = runs.at(-1);
  return {
    code,
    kind: latest?.record.kind ?? null,
    description: latest?.record.longDescription ?? null,
    events,
    releases,
    firstSeen: first ? (all[first.from] as ReleaseInfo).key : null,
    lastSeen: latest ? (all[latest.to] as ReleaseInfo).key : null,
    replacedBy: latest?.record.crossReferences ?? [],
    replaces: context.replaces(code),
    notes,
  };
}
