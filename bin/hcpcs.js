#!/usr/bin/env node
// The `hcpcs` command: runs the compiled CLI in dist/ (made by `npm run build`, which `npm ci` and
// `npm pack` run through the `prepare` script). HCPCS_DIST=<folder> runs another compiled tree
// instead: the tests build one from the sources as they are checked out (test/global-setup.ts),
// so they never exercise a stale dist/.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const main = process.env.HCPCS_DIST
  ? pathToFileURL(`${process.env.HCPCS_DIST}/cli/main.js`)
  : new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write(
    `hcpcs: the compiled CLI is missing (${main.pathname}): run \`npm run build\` in the repository\n`,
  );
  process.exitCode = 1;
}
