/** `hcpcs releases`: what is imported, with source files, sha256 and counts. */
import { printJson, withStore } from '../context.js';
import { formatReleaseSummary } from '../summary.js';

export async function releasesCommand(options: { json?: boolean }): Promise<void> {
  const releases = await withStore((store) =>
    // Why a release's own record layout file was not compared with ours, kept from its import.
    store
      .releases()
      .map((r) => ({ ...r, layoutNotCompared: store.release(r.key)?.layoutNotCompared ?? null })),
  );
  if (options.json) {
    printJson(releases);
    return;
  }
  if (releases.length === 0) {
    process.stdout.write('no release imported yet: hcpcs import <path>\n');
    return;
  }
  process.stdout.write(`${releases.map((r) => formatReleaseSummary(r)).join('\n\n')}\n`);
}
