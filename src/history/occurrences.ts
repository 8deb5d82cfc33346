/**
 * Where a code is around one release: in it, in the first release after it and in the last before
 * it that hold it. What a validity verdict weighs, and what a code the release's file lacks is
 * taken from when CMS's corrections put it back.
 */
import type { ReleaseInfo, VersionRun } from '../store/store.js';
import type { CodeOccurrence, HistoryContext } from './context.js';

/** The occurrences of a code a verdict weighs (see occurrencesAround). */
export interface Around {
  /** In the release in effect on the date. */
  readonly here: CodeOccurrence | undefined;
  /** The first after it (the first of all when no release is in effect). */
  readonly later: CodeOccurrence | undefined;
  /** The last before it. */
  readonly earlier: CodeOccurrence | undefined;
}

/**
 * The code in the release in effect, the first release after it and the last before it that hold
 * it, read from the code's runs of releases (context.runs): a check costs by the code's versions,
 * not by the releases held. A superseded revision of a quarter (2025-10_v1 when v4 is imported)
 * counts only when no other release holds the code.
 */
export function occurrencesAround(context: HistoryContext, code: string, inEffectAt: number): Around {
  const releases = context.releases;
  const runs = context.runs(code);
  const superseded = (i: number) => (releases[i] as ReleaseInfo).superseded;
  const anyCurrent = runs.some((run) => {
    for (let i = run.from; i <= run.to; i++) if (!superseded(i)) return true;
    return false;
  });
  const usable = (i: number) => !anyCurrent || !superseded(i);
  const at = (run: VersionRun, i: number): CodeOccurrence => ({
    release: releases[i] as ReleaseInfo,
    record: run.record,
    version: run.version,
  });
  let here: CodeOccurrence | undefined;
  let later: CodeOccurrence | undefined;
  let earlier: CodeOccurrence | undefined;
  for (const run of runs) {
    if (inEffectAt >= run.from && inEffectAt <= run.to && usable(inEffectAt)) here = at(run, inEffectAt);
    if (!later) {
      for (let i = Math.max(run.from, inEffectAt + 1); i <= run.to; i++) {
        if (usable(i)) {
          later = at(run, i);
          break;
        }
      }
    }
    for (let i = Math.min(run.to, inEffectAt - 1); i >= run.from; i--) {
      if (usable(i)) {
        earlier = at(run, i);
        break;
      }
    }
  }
  return { here, later, earlier };
}
