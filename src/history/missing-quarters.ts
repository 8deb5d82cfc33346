/**
 * Which quarters between the releases held are not imported. CMS publishes a release each
 * quarter (January, April, July, October; ARCHITECTURE.md "Release ids"), so a quarter between
 * the first and last release held with no release of its own is a gap the history cannot see
 * into: codes added and terminated there, or changed and changed back, are not in the files held.
 */

const QUARTER_MONTHS = ['01', '04', '07', '10'] as const;

function quarterIndex(id: string): number {
  const year = Number(id.slice(0, 4));
  const month = Number(id.slice(5, 7));
  return year * 4 + Math.floor((month - 1) / 3);
}

function quarterId(index: number): string {
  return `${Math.floor(index / 4)}-${QUARTER_MONTHS[index % 4]}`;
}

/**
 * The quarters (`YYYY-MM`) between the earliest and the latest held release that no held
 * release is for, in order. Revisions count once; ids are `YYYY-MM` (a `_vN` suffix is ignored).
 * @example missingQuarters(['2019-01', '2020-01']) // ['2019-04', '2019-07', '2019-10']
 */
export function missingQuarters(releaseIds: readonly string[]): string[] {
  const held = new Set(releaseIds.filter((id) => /^\d{4}-\d{2}/.test(id)).map(quarterIndex));
  if (held.size === 0) return [];
  const first = Math.min(...held);
  const last = Math.max(...held);
  const missing: string[] = [];
  for (let q = first + 1; q < last; q++) if (!held.has(q)) missing.push(quarterId(q));
  return missing;
}

/** The run of missing quarters that holds `quarter`, or [] when that quarter is not missing. */
export function gapAround(missing: readonly string[], quarter: string): string[] {
  const at = missing.indexOf(quarter);
  if (at < 0) return [];
  let start = at;
  let end = at;
  while (start > 0 && quarterIndex(missing[start - 1] ?? '') === quarterIndex(missing[start] ?? '') - 1)
    start--;
  while (
    end < missing.length - 1 &&
    quarterIndex(missing[end + 1] ?? '') === quarterIndex(missing[end] ?? '') + 1
  )
    end++;
  return missing.slice(start, end + 1);
}

/**
 * Missing quarters as runs people read.
 * @example describeQuarters(['2019-04', '2019-07', '2019-10', '2021-01']) // '2019-04 to 2019-10 (3 quarters), 2021-01'
 */
export function describeQuarters(quarters: readonly string[]): string {
  const runs: string[][] = [];
  for (const q of quarters) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && quarterIndex(q) === quarterIndex(previous) + 1) run.push(q);
    else runs.push([q]);
  }
  return runs
    .map((run) =>
      run.length === 1 ? run[0] : `${run[0]} to ${run[run.length - 1]} (${run.length} quarters)`,
    )
    .join(', ');
}
