/**
 * `npm start`: imports every release under HCPCS_RELEASES (default ../shared/cms) into HCPCS_DB and
 * prints a summary per release. Releases already imported from the same files are left as they are.
 */
import { env, reportError, withStore } from './context.js';
import { importReleases } from './import-releases.js';
import { formatReleaseSummary } from './summary.js';

export async function start(): Promise<void> {
  const folder = env.releases();
  process.stdout.write(`Importing CMS releases from ${folder} into ${env.db()}\n\n`);
  await withStore((store) => {
    for (const { result, summary } of importReleases(store, [folder])) {
      process.stdout.write(`${formatReleaseSummary(result.release, result.outcome, summary)}\n\n`);
    }
  });
}

try {
  await start();
} catch (error) {
  process.exitCode = reportError(error, false);
}
