/** `hcpcs import <path...>`: read releases, store each in one transaction, print what happened. */
import { printJson, withStore } from '../context.js';
import { importReleases } from '../import-releases.js';
import { formatReleaseSummary } from '../summary.js';

export async function importCommand(
  paths: string[],
  options: { release?: string; replace?: boolean; force?: boolean; json?: boolean },
): Promise<void> {
  const results = await withStore((store) => importReleases(store, paths, options), { write: true });
  if (options.json) {
    printJson(
      results.map(({ result, summary, forced }) => ({
        outcome: result.outcome,
        ...result.release,
        ...summary,
        ...(forced ? { forced } : {}),
      })),
    );
    return;
  }
  for (const { result, summary, forced } of results) {
    process.stdout.write(`${formatReleaseSummary(result.release, result.outcome, summary)}\n`);
    // What --force let through, so that the output says the release may be incomplete.
    for (const reason of forced ?? []) process.stdout.write(`  imported with --force although: ${reason}\n`);
  }
}
