/**
 * The import step shared by `hcpcs import` and `npm start`: find the releases, skip those already
 * imported from the same files (without reading them again), read all the others and check them
 * before writing any (a bad file stops the import whole, the database unchanged), then store each
 * in its own transaction.
 */
import { HcpcsError } from '../errors.js';
import { forcedReason, replacedCountError } from '../ingest/completeness.js';
import type { CorrectionsListSummary } from '../ingest/corrections.js';
import {
  correctionsListsOf,
  type ParsedRelease,
  planImport,
  type ReadOptions,
  type ReleaseFile,
} from '../ingest/release.js';
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
  const plan = planImport(paths, readOptions);
  type Work =
    | { kind: 'held'; key: string; corrections: readonly ReleaseFile[]; lists?: CorrectionsListSummary[] }
    | { kind: 'read'; release: ParsedRelease; forced: string[] };
  const work: Work[] = plan.releases.map((planned) =>
    planned.id && !options.replace && store.holds(planned.id, planned.revision, planned.sha256)
      ? { kind: 'held', key: `${planned.id}_v${planned.revision}`, corrections: planned.corrections() }
      : { kind: 'read', release: planned.read(), forced: [] },
  );
  // Corrections lists on their own join the release they correct, which must be held: the latest
  // revision of its quarter (a list corrects the quarter's file). Checked before any write.
  for (const { id, files } of plan.corrections) {
    // The zip (or folder) the lists came in, once, rather than each member.
    const where = [...new Set(files.map((f) => f.path.split('!')[0]))].join(', ');
    if (!id) {
      throw new HcpcsError(
        'HCPCS_E_USAGE',
        `${where}: a CMS corrections list whose names do not say the release it corrects: pass --release YYYY-MM`,
      );
    }
    const target = store.release(id);
    if (!target) {
      throw new HcpcsError(
        'HCPCS_E_NOT_FOUND',
        `${where}: a CMS corrections list for release ${id}, which is not imported: import the release first`,
      );
    }
    const lists = correctionsListsOf(files);
    if (lists.every((list) => list.error)) {
      throw new HcpcsError(
        'HCPCS_E_INPUT',
        `no corrections list could be read, so nothing was added: ${lists.map((l) => `${l.file}: ${l.error}`).join('; ')}`,
      );
    }
    work.push({ kind: 'held', key: target.key, corrections: files, lists });
  }
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
      const added = item.corrections.length > 0 ? store.addCorrections(item.key, item.corrections) : 0;
      const release = store.release(item.key);
      if (!release) throw new Error(`release ${item.key} vanished during the import`);
      if (added === 0) return { result: { release, outcome: 'unchanged' as const } };
      return {
        result: { release, outcome: 'corrections-added' as const },
        summary: {
          layoutDifferences: [],
          warnings: [],
          corrections: item.lists ?? correctionsListsOf(item.corrections),
        },
      };
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
