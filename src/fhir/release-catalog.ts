/**
 * The imported releases as FHIR sees them: each stored release (and CMS revision) is one version of
 * the HCPCS CodeSystem. The list changes only on import, so it is read once and re-read when the
 * releases table says something changed (checked at most once a second).
 */

import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';

export interface ReleaseCatalog {
  /** Changes whenever a release is imported or replaced: part of every ETag. */
  readonly dataVersion: string;
  /** Oldest first, revisions in order. */
  readonly releases: readonly ReleaseInfo[];
  /** The latest release, or undefined when none is imported. */
  readonly latest: ReleaseInfo | undefined;
  readonly byKey: ReadonlyMap<string, ReleaseInfo>;
}

const RECHECK_MS = 1_000;
const cache = new WeakMap<HcpcsStore, { catalog: ReleaseCatalog; checkedAt: number }>();

function readVersion(store: HcpcsStore): string {
  const row = store.database
    .prepare(
      "SELECT count(*) AS n, coalesce(group_concat(key || '@' || imported_at, ','), '') AS v FROM releases",
    )
    .get() as { n: number; v: string };
  let hash = 0x811c9dc5;
  for (let i = 0; i < row.v.length; i++) hash = Math.imul(hash ^ row.v.charCodeAt(i), 0x01000193);
  return `${row.n}-${(hash >>> 0).toString(36)}`;
}

/**
 * The catalog of a store, cached per store.
 * @example releaseCatalog(store).latest?.key // '2026-01_v1'
 */
export function releaseCatalog(store: HcpcsStore): ReleaseCatalog {
  const now = Date.now();
  const held = cache.get(store);
  if (held && now - held.checkedAt < RECHECK_MS) return held.catalog;
  const dataVersion = readVersion(store);
  if (held && held.catalog.dataVersion === dataVersion) {
    held.checkedAt = now;
    return held.catalog;
  }
  const releases = store.releases();
  const catalog: ReleaseCatalog = {
    dataVersion,
    releases,
    latest: releases.at(-1),
    byKey: new Map(releases.map((r) => [r.key, r])),
  };
  cache.set(store, { catalog, checkedAt: now });
  return catalog;
}

/**
 * The CodeSystem.version of a release: its release id (`2026-01`) for the latest revision of a
 * quarter, the key (`2025-10_v1`) for a revision a later one supersedes.
 * @example fhirVersion({ id: '2025-10', key: '2025-10_v1', superseded: true }) // '2025-10_v1'
 */
export function fhirVersion(release: Pick<ReleaseInfo, 'id' | 'key' | 'superseded'>): string {
  return release.superseded ? release.key : release.id;
}

/**
 * The release a FHIR call means: `version` (release id or key), else the release in effect on
 * `date` (the latest whose effective date is on or before it), else the latest release.
 * @example selectRelease(store, { date: '2020-05-15' }).key // '2020-04_v1'
 */
export function selectRelease(store: HcpcsStore, options: { version?: string; date?: string }): ReleaseInfo {
  const catalog = releaseCatalog(store);
  if (!catalog.latest)
    throw new FhirError('not-found', 'no HCPCS release is imported yet (run hcpcs import)');
  const known = () =>
    catalog.releases
      .filter((r) => !r.superseded)
      .map((r) => r.id)
      .join(', ');
  if (options.version !== undefined) {
    const m = /^(\d{4}-\d{2})(?:_v(\d+))?$/.exec(options.version);
    const found = m
      ? m[2]
        ? catalog.byKey.get(options.version)
        : catalog.releases.filter((r) => r.id === m[1]).at(-1)
      : undefined;
    if (!found) {
      throw new FhirError(
        'not-found',
        `HCPCS version "${options.version.slice(0, 40)}" is not available: versions are release ids (${known()}), or YYYY-MM_vN for one CMS revision`,
        'version',
      );
    }
    return found;
  }
  if (options.date !== undefined) {
    const date = options.date;
    const inEffect = catalog.releases.filter((r) => !r.superseded && r.effectiveDate <= date).at(-1);
    if (!inEffect) {
      throw new FhirError(
        'not-found',
        `no imported HCPCS release is in effect on ${date}: the earliest imported release takes effect on ${catalog.releases[0]?.effectiveDate}`,
        'date',
      );
    }
    return inEffect;
  }
  return catalog.latest;
}
