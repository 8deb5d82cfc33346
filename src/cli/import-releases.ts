/**
 * The import step shared by `hcpcs import` and `npm start`: find the releases, skip those already
 * imported from the same files (without reading them again), read all the others and check them
 * before writing any (a bad file stops the import whole, the database unchanged), then store each
 * in its own transaction.
 */
import type { HcpcsError } from '../errors.js';
import { forcedReason, replacedCountError } from '../ingest/completeness.js';
import { type ParsedRelease, planReleases, type ReadOptions } from '../ingest/release.js';
import { RELEASE_ID } from '../model.js';
import type { HcpcsStore, ImportResult } from '../store/store.js';
import { type ImportSummary, importSummary } from './summary.js';

export interface ImportedRelease {
  readonly result: ImportResult;
  /** Absent when the release was already imported from the same files and not read again. */
  readonly summary?: ImportSummary;
  /** The completeness checks `--force` let pass, as their messages. */
  readonly forced?: readonly string[];
}

export interface ImportOptions {
  readonly release?: string;
  readonly replace?: boolean;
  /** Import files a completeness check refuses (a cut TXT, far fewer records than the release replaced). */
  readonly force?: boolean;
}

/**
 * The held release a newly read one would replace: the same key with `--replace`, else the latest
 * revision held of the same quarter (a new revision takes its place as the default). Undefined
 * when the key is held and not replaced: the store refuses that import with its own reason.
 */
function replacedBy(store: HcpcsStore, release: ParsedRelease, replace: boolean) {
  if (!RELEASE_ID.test(release.id)) return undefined;
  const same = store.release(`${release.id}_v${release.revision}`);
  if (same) return replace ? same : undefined;
  return store.release(release.id);
}

export function importReleases(
  store: HcpcsStore,
  paths: readonly string[],
  options: ImportOptions = {},
): ImportedRelease[] {
  const readOptions: ReadOptions = {
    ...(options.release ? { release: options.release } : {}),
    ...(options.force ? { force: true } : {}),
  };
  const plans = planReleases(paths, readOptions);
  const work: ({ kind: 'held'; key: string } | { kind: 'read'; release: ParsedRelease; forced: string[] })[] =
    plans.map((plan) =>
      plan.id && !options.replace && store.holds(plan.id, plan.revision, plan.sha256)
        ? { kind: 'held', key: `${plan.id}_v${plan.revision}` }
        : { kind: 'read', release: plan.read(), forced: [] },
    );
  // Every check before the first write: a refusal leaves the database as it was.
  for (const item of work) {
    if (item.kind !== 'read') continue;
    item.forced.push(...(item.release.forced ?? []));
    const replaced = replacedBy(store, item.release, Boolean(options.replace));
    const error: HcpcsError | undefined = replaced
      ? replacedCountError(item.release.sourceOfRecord, item.release.records.length, {
          key: replaced.key,
          records: replaced.counts.records,
        })
      : undefined;
    if (error && !options.force) throw error;
    if (error) item.forced.push(forcedReason(error));
  }
  return work.map((item) => {
    if (item.kind === 'held') {
      const release = store.release(item.key);
      if (!release) throw new Error(`release ${item.key} vanished during the import`);
      return { result: { release, outcome: 'unchanged' as const } };
    }
    const result = store.importRelease(item.release, { replace: Boolean(options.replace) });
    // Another import may have stored the same files while this one read them: the store then
    // answers "unchanged", and what this run read (its warnings) is not what was stored.
    if (result.outcome === 'unchanged') return { result };
    return {
      result,
      summary: importSummary(item.release),
      ...(item.forced.length > 0 ? { forced: item.forced } : {}),
    };
  });
}
