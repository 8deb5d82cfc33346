/**
 * The imported releases as FHIR sees them: each stored release (and CMS revision) is one version of
 * the HCPCS CodeSystem, read from the store's release catalog (src/store/release-catalog.ts).
 */

import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';

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
  const catalog = store.catalog();
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
