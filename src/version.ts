/**
 * The package's version, from package.json: one folder up from src/ and from dist/, where the
 * compiled modules live. Read once, by `hcpcs --version` and the User-Agent `hcpcs update` sends.
 */
import { readFileSync } from 'node:fs';

export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
