/**
 * The import step shared by `hcpcs import` and `npm start`: find the releases, skip those already
 * imported from the same files (without reading them again), read all the others before writing
 * any (a bad file stops the import whole), then store each in its own transaction.
 */
import { type ParsedRelease, planReleases } from '../ingest/release.js';
import type { HcpcsStore, ImportResult } from '../store/store.js';
import { type ImportSummary, importSummary } from './summary.js';

export interface ImportedRelease {
  readonly result: ImportResult;
  /** Absent when the release was already imported from the same files and not read again. */
  readonly summary?: ImportSummary;
}

export function importReleases(
  store: HcpcsStore,
  paths: readonly string[],
  options: { release?: string; replace?: boolean } = {},
): ImportedRelease[] {
  const plans = planReleases(paths, options.release ? { release: options.release } : {});
  const work: ({ kind: 'held'; key: string } | { kind: 'read'; release: ParsedRelease })[] = plans.map(
    (plan) =>
      plan.id && !options.replace && store.holds(plan.id, plan.revision, plan.sha256)
        ? { kind: 'held', key: `${plan.id}_v${plan.revision}` }
        : { kind: 'read', release: plan.read() },
  );
  return work.map((item) => {
    if (item.kind === 'held') {
      const release = store.release(item.key);
      if (!release) throw new Error(`release ${item.key} vanished during the import`);
      return { result: { release, outcome: 'unchanged' as const } };
    }
    return {
      result: store.importRelease(item.release, { replace: Boolean(options.replace) }),
      summary: importSummary(item.release),
    };
  });
}
