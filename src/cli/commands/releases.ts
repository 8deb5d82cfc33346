/** `hcpcs releases`: what is imported, with source files, sha256 and counts. */
import { printJson, withStore } from '../context.js';
import { formatReleaseSummary } from '../summary.js';

export async function releasesCommand(options: { json?: boolean }): Promise<void> {
  const releases = await withStore((store) => store.releases());
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
