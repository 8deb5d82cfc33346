/**
 * What history, diff and validity need of a store: the release list and, built on first use, each
 * code's record versions as runs of releases and the cross-reference index. Kept on the store's release
 * catalog, so a release imported or replaced while a server runs is seen at once.
 */
import type { HcpcsRecord } from '../model.js';
import type { ReleaseCatalog } from '../store/release-catalog.js';
import type { HcpcsStore, ReleaseInfo, VersionRun } from '../store/store.js';
import { type CorrectionsIndex, readCorrectionsIndex } from './corrections.js';

/** A code in one release. */
export interface CodeOccurrence {
  readonly release: ReleaseInfo;
  /**
   * Shared by every release of the run it is read from: its `release` is the run's first release,
   * so take the release from `release`, not from the record.
   */
  readonly record: HcpcsRecord;
  /** The store's record version. */
  readonly version?: number;
}

export interface HistoryContext {
  readonly store: HcpcsStore;
  /** Every imported release, oldest first, revisions in order. */
  readonly releases: readonly ReleaseInfo[];
  readonly byKey: ReadonlyMap<string, ReleaseInfo>;
  /**
   * The code's record versions as runs of consecutive releases (positions in `releases`), oldest
   * first (memoized): what a code's history walks, at a cost by its versions, not by the releases.
   */
  runs(code: string): readonly VersionRun[];
  /** Codes whose XREF (layout field 15) names `code` in some release: the codes it replaces. */
  replaces(code: string): string[];
  /** CMS's corrections lists of the releases held (read on first use). */
  corrections(): CorrectionsIndex;
}

const MAX_MEMO = 50_000;

function build(store: HcpcsStore, catalog: ReleaseCatalog): HistoryContext {
  const { releases, byKey } = catalog;
  const memo = new Map<string, VersionRun[]>();
  let xref: Map<string, Set<string>> | undefined;
  let corrections: CorrectionsIndex | undefined;
  const runs = (code: string): VersionRun[] => {
    let found = memo.get(code);
    if (!found) {
      // Memoized: a batch asks for thousands of codes, many of them again.
      found = store.versionsOfCode(code, catalog);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(code, found);
    }
    return found;
  };
  return {
    store,
    releases,
    byKey,
    runs,
    replaces(code) {
      if (!xref) {
        xref = new Map();
        for (const { source, target } of store.crossReferences()) {
          const set = xref.get(target) ?? new Set<string>();
          set.add(source);
          xref.set(target, set);
        }
      }
      return [...(xref.get(code) ?? [])].filter((c) => c !== code).sort();
    },
    corrections() {
      corrections ??= readCorrectionsIndex(store, releases);
      return corrections;
    },
  };
}

/**
 * The history context of a store, built once per data version.
 * @example historyContext(store).releases.map((r) => r.key) // ['2019-01_v1', ..., '2026-01_v1']
 */
export function historyContext(store: HcpcsStore): HistoryContext {
  return store.catalog().derived('history', (catalog) => build(store, catalog));
}
