/**
 * What history, diff and validity need of a store: the release list and, built on first use, each
 * code's records through the releases and the cross-reference index. Kept on the store's release
 * catalog, so a release imported or replaced while a server runs is seen at once.
 */
import type { HcpcsRecord } from '../model.js';
import type { ReleaseCatalog } from '../store/release-catalog.js';
import type { HcpcsStore, ReleaseInfo, VersionRun } from '../store/store.js';

export interface CodeOccurrence {
  readonly release: ReleaseInfo;
  readonly record: HcpcsRecord;
  /**
   * The store's record version. Occurrences of one version share one record object, whose
   * `release` is the version's first release: take the release from `release`, not the record.
   */
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
  /** The code in every release that holds it, oldest first (memoized). */
  occurrences(code: string): readonly CodeOccurrence[];
  /** Codes whose XREF (layout field 15) names `code` in some release: the codes it replaces. */
  replaces(code: string): string[];
}

const MAX_MEMO = 50_000;

function build(store: HcpcsStore, catalog: ReleaseCatalog): HistoryContext {
  const { releases, byKey } = catalog;
  const memo = new Map<string, CodeOccurrence[]>();
  const runMemo = new Map<string, VersionRun[]>();
  let xref: Map<string, Set<string>> | undefined;
  const runs = (code: string): VersionRun[] => {
    let found = runMemo.get(code);
    if (!found) {
      // Memoized: a batch asks for thousands of codes, many of them again.
      found = store.versionsOfCode(code, catalog);
      if (runMemo.size >= MAX_MEMO) runMemo.clear();
      runMemo.set(code, found);
    }
    return found;
  };
  return {
    store,
    releases,
    byKey,
    runs,
    occurrences(code) {
      let found = memo.get(code);
      if (!found) {
        // One record object per stored version, shared by the releases holding that version:
        // their records are equal but for the release id, which readers take from `release`.
        found = [];
        for (const { version, record, from, to } of runs(code)) {
          for (let i = from; i <= to; i++)
            found.push({ release: releases[i] as ReleaseInfo, record, version });
        }
        if (memo.size >= MAX_MEMO) memo.clear();
        memo.set(code, found);
      }
      return found;
    },
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
  };
}

/**
 * The history context of a store, built once per data version.
 * @example historyContext(store).releases.map((r) => r.key) // ['2019-01_v1', ..., '2026-01_v1']
 */
export function historyContext(store: HcpcsStore): HistoryContext {
  return store.catalog().derived('history', (catalog) => build(store, catalog));
}
