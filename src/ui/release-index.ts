/**
 * A compact, sorted list of every code of one release (code, descriptions, kind, status), derived
 * once per data version from the store's shared snapshot of the release: browse pages,
 * neighbouring codes and the "did you mean" of the 404 page all read it instead of parsing every
 * record JSON on each request.
 */
import { isActiveOn } from '../model.js';
import type { ReleaseSnapshot } from '../store/release-catalog.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';

export interface CodeEntry {
  readonly code: string;
  readonly kind: 'procedure' | 'modifier';
  readonly shortDescription: string | null;
  readonly longDescription: string;
  readonly active: boolean;
  readonly terminationDate: string | null;
  readonly betos: string | null;
  readonly coverage: string | null;
}

export interface ReleaseIndex {
  readonly release: ReleaseInfo;
  /** Procedures and modifiers, sorted by code (ASCII order, as CMS sorts the file). */
  readonly entries: readonly CodeEntry[];
  readonly byCode: ReadonlyMap<string, number>;
}

/**
 * The index of one release, built on first use (a new import of the release builds it again).
 * @example releaseIndex(store, release).entries.length // 8,9xx codes for 2026-01
 */
export function releaseIndex(store: HcpcsStore, release: ReleaseInfo): ReleaseIndex {
  return store.catalog().snapshot(release).derived('page-index', build);
}

function build(snapshot: ReleaseSnapshot): ReleaseIndex {
  const { release } = snapshot;
  const entries: CodeEntry[] = snapshot.records.map((r) => ({
    code: r.code,
    kind: r.kind,
    shortDescription: r.shortDescription,
    longDescription: r.longDescription,
    active: isActiveOn(r, release.effectiveDate),
    terminationDate: r.terminationDate,
    betos: r.betos,
    coverage: r.coverage,
  }));
  entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { release, entries, byCode: new Map(entries.map((e, i) => [e.code, i])) };
}

/** Position where `code` is or would be inserted (first entry >= code). */
export function lowerBound(entries: readonly CodeEntry[], code: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entries[mid] as CodeEntry).code < code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The codes around `code` in the same letter section: `before` codes before it and `after` after,
 * whether or not the release holds `code` itself (the 404 page's "nearest codes").
 */
export function neighbours(index: ReleaseIndex, code: string, before = 3, after = 3): CodeEntry[] {
  const at = lowerBound(index.entries, code);
  const exact = index.entries[at]?.code === code;
  const from = Math.max(0, at - before);
  const to = Math.min(index.entries.length, at + (exact ? 1 : 0) + after);
  const letter = code.charAt(0);
  return index.entries.slice(from, to).filter((e) => e.code !== code && e.code.charAt(0) === letter);
}
