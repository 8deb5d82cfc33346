/**
 * What history, diff and validity need of a store, cached per store: the release list and, built
 * on first use, the cross-reference index. The cache is dropped when the set of imported releases
 * changes (a release imported or replaced while a server runs).
 */
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';

export interface CodeOccurrence {
  readonly release: ReleaseInfo;
  readonly record: HcpcsRecord;
}

export interface HistoryContext {
  readonly store: HcpcsStore;
  /** Every imported release, oldest first, revisions in order. */
  readonly releases: readonly ReleaseInfo[];
  readonly byKey: ReadonlyMap<string, ReleaseInfo>;
  /** The code in every release that holds it, oldest first (memoized). */
  occurrences(code: string): readonly CodeOccurrence[];
  /** Codes whose XREF (layout field 15) names `code` in some release: the codes it replaces. */
  replaces(code: string): string[];
}

const MAX_MEMO = 50_000;

interface Cached {
  readonly signature: string;
  readonly context: HistoryContext;
}

const cache = new WeakMap<HcpcsStore, Cached>();

function signatureOf(store: HcpcsStore): string {
  const row = store.database
    .prepare("SELECT count(*) AS n, group_concat(key || '@' || imported_at, ',') AS s FROM releases")
    .get() as { n: number; s: string | null };
  return `${row.n}:${row.s ?? ''}`;
}

function build(store: HcpcsStore): HistoryContext {
  const releases = store.releases();
  const byKey = new Map(releases.map((r) => [r.key, r]));
  const order = new Map(releases.map((r, i) => [r.key, i]));
  const byCode = store.database.prepare('SELECT release_key AS key, record FROM records WHERE code = ?');
  const memo = new Map<string, CodeOccurrence[]>();
  let xref: Map<string, Set<string>> | undefined;
  const context: HistoryContext = {
    store,
    releases,
    byKey,
    occurrences(code) {
      let found = memo.get(code);
      if (!found) {
        // One prepared statement for every lookup (a batch asks for thousands of codes); releases
        // put in order here, as `releases()` orders them.
        found = (byCode.all(code) as { key: string; record: string }[])
          .flatMap((r) => {
            const release = byKey.get(r.key);
            return release ? [{ release, record: JSON.parse(r.record) as HcpcsRecord }] : [];
          })
          .sort((a, b) => (order.get(a.release.key) ?? 0) - (order.get(b.release.key) ?? 0));
        if (memo.size >= MAX_MEMO) memo.clear();
        memo.set(code, found);
      }
      return found;
    },
    replaces(code) {
      if (!xref) {
        // One pass over every stored record (SQLite's json_each), instead of one per history asked.
        xref = new Map();
        const rows = store.database
          .prepare(
            `SELECT DISTINCT j.value AS target, r.code AS source FROM records r,
               json_each(r.record, '$.crossReferences') j`,
          )
          .all() as { target: string; source: string }[];
        for (const { target, source } of rows) {
          const set = xref.get(target) ?? new Set<string>();
          set.add(source);
          xref.set(target, set);
        }
      }
      return [...(xref.get(code) ?? [])].filter((c) => c !== code).sort();
    },
  };
  return context;
}

/**
 * The history context of a store, rebuilt only when its releases change.
 * @example historyContext(store).releases.map((r) => r.key) // ['2019-01_v1', ..., '2026-01_v1']
 */
export function historyContext(store: HcpcsStore): HistoryContext {
  const signature = signatureOf(store);
  const cached = cache.get(store);
  if (cached && cached.signature === signature) return cached.context;
  const context = build(store);
  cache.set(store, { signature, context });
  return context;
}

/** The release a reference names (`2025-10`, `2025-10_v1`), resolved by the store (its errors list what is imported). */
export function releaseOf(context: HistoryContext, ref: string): ReleaseInfo {
  const key = context.store.resolveRelease(ref) as string;
  const release = context.byKey.get(key);
  if (!release) throw new Error(`release ${key} vanished from the store`);
  return release;
}
