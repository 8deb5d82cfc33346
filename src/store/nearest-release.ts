/**
 * CMS ships some files only with the annual release (processing notes, the Alpha-Numeric Index,
 * the Table of Drugs, the NOC list), so a quarterly release borrows them from the nearest release
 * that has them. One rule for every such file, used by the store and by search.
 */
/** What the rule reads of a release (a `ReleaseInfo` has it). */
export interface ReleaseFiles {
  readonly key: string;
  readonly effectiveDate: string;
  readonly revision: number;
  readonly files: readonly { readonly role: string }[];
}

/**
 * The key of the release nearest to `releaseKey` that holds source files of `role`: the release
 * itself first, then the closest effective date, the later of two equally close, the higher revision.
 * @example nearestWithRole(store.releases(), '2025-10_v4', 'processing-notes') // '2026-01_v1'
 */
export function nearestWithRole(
  releases: readonly ReleaseFiles[],
  releaseKey: string,
  role: string,
): string | undefined {
  const target = releases.find((r) => r.key === releaseKey);
  if (!target) return undefined;
  const time = (d: string) => Date.parse(d);
  const holding = releases
    .filter((r) => r.files.some((f) => f.role === role))
    .sort(
      (a, b) =>
        Number(b.key === releaseKey) - Number(a.key === releaseKey) ||
        Math.abs(time(a.effectiveDate) - time(target.effectiveDate)) -
          Math.abs(time(b.effectiveDate) - time(target.effectiveDate)) ||
        b.effectiveDate.localeCompare(a.effectiveDate) ||
        b.revision - a.revision,
    );
  return holding[0]?.key;
}
