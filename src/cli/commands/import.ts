/** `hcpcs import <path...>`: read releases, store each in one transaction, print what happened. */
import { readReleases } from '../../ingest/release.js';
import type { ImportResult } from '../../store/store.js';
import { printJson, withStore } from '../context.js';
import { formatReleaseSummary, importSummary } from '../summary.js';

export async function importCommand(
  paths: string[],
  options: { release?: string; replace?: boolean; json?: boolean },
): Promise<void> {
  // Every file is read and checked before anything is written: a bad file stops the import whole.
  const releases = readReleases(paths, options.release ? { release: options.release } : {});
  const results: { result: ImportResult; summary: ReturnType<typeof importSummary> }[] = [];
  await withStore((store) => {
    for (const release of releases) {
      const result = store.importRelease(release, { replace: Boolean(options.replace) });
      results.push({ result, summary: importSummary(release) });
    }
  });
  if (options.json) {
    printJson(
      results.map(({ result, summary }) => ({ outcome: result.outcome, ...result.release, ...summary })),
    );
    return;
  }
  for (const { result, summary } of results) {
    process.stdout.write(`${formatReleaseSummary(result.release, result.outcome, summary)}\n`);
  }
}
