/**
 * Which Chromium the browser tests drive. By default the one shipped inside the npm package
 * @sparticuz/chromium (a devDependency, so `npm ci` brings it on a machine with no browser): its
 * brotli-compressed binary is unpacked once into node_modules/.cache, under the package's version,
 * written to a temporary name and renamed, so test workers starting together never run half a
 * file. HCPCS_CHROMIUM=/path uses a Chromium already on the machine (Debian's /usr/bin/chromium)
 * instead; it is never required.
 */

import {
  accessSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

const root = resolve(import.meta.dirname, '../..');

/** An error whose report is its message alone: a set-up problem, not a failure inside the code. */
export class ChromiumSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumSetupError';
    // Vitest prints a stack when there is one: a wrong path in a variable needs no stack trace.
    this.stack = `${this.name}: ${message}`;
  }
}

/** The Chromium named by HCPCS_CHROMIUM, checked; undefined when the variable is unset or empty. */
export function machineChromium(): string | undefined {
  const path = process.env.HCPCS_CHROMIUM;
  if (!path) return undefined;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.X_OK);
  } catch {
    throw new ChromiumSetupError(
      `HCPCS_CHROMIUM=${path}: no executable Chromium there. Point HCPCS_CHROMIUM at a Chromium binary (e.g. /usr/bin/chromium), or unset it to use the one from the @sparticuz/chromium package.`,
    );
  }
  return path;
}

/** The packaged Chromium, unpacked on first use; its path. */
export async function packagedChromium(): Promise<string> {
  let packed: string;
  let version: string;
  try {
    // The package's entry point is build/cjs/index.cjs; its compressed binaries are in bin/.
    const pkgRoot = resolve(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../..');
    packed = join(pkgRoot, 'bin/chromium.br');
    version = (JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    throw new ChromiumSetupError(
      'the @sparticuz/chromium package is not installed: run `npm ci`, or set HCPCS_CHROMIUM to a Chromium binary',
    );
  }
  const dir = join(root, 'node_modules/.cache/hcpcs-chromium', version);
  const binary = join(dir, 'chromium');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  await pipeline(
    createReadStream(packed),
    createBrotliDecompress(),
    createWriteStream(partial, { mode: 0o755 }),
  );
  renameSync(partial, binary);
  return binary;
}

/** HCPCS_CHROMIUM when set (and present), else the packaged Chromium. */
export async function chromiumPath(): Promise<string> {
  return machineChromium() ?? (await packagedChromium());
}
