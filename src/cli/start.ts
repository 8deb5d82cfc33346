/**
 * `npm start`: imports every release under HCPCS_RELEASES (default ../shared/cms) into HCPCS_DB and
 * prints a summary per release. Releases already imported from the same files are left as they are.
 */
import { readReleases } from '../ingest/release.js';
import { env, reportError, withStore } from './context.js';
import { formatReleaseSummary, importSummary } from './summary.js';

export async function start(): Promise<void> {
  const folder = env.releases();
  process.stdout.write(`Importing CMS releases from ${folder} into ${env.db()}\n\n`);
  const releases = readReleases([folder]);
  await withStore((store) => {
    for (const release of releases) {
      const result = store.importRelease(release);
      process.stdout.write(
        `${formatReleaseSummary(result.release, result.outcome, importSummary(release))}\n\n`,
      );
    }
  });
}

try {
  await start();
} catch (error) {
  process.exitCode = reportError(error, false);
}
