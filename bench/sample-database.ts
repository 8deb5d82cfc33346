/**
 * The database a benchmark reads: HCPCS_BENCH_DB when set, else every sample release of
 * ../shared/cms imported into a new database in `dir` (saying how long the import took).
 */
import { join, resolve } from 'node:path';
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';
import { time } from './timing.js';

const CMS = resolve(import.meta.dirname, '../../shared/cms');

export async function benchDatabase(dir: string): Promise<string> {
  const given = process.env.HCPCS_BENCH_DB;
  if (given) return given;
  const path = join(dir, 'hcpcs.sqlite');
  const setup = HcpcsStore.open(path);
  const t = await time(() => {
    for (const r of readReleases([CMS])) setup.importRelease(r);
  });
  setup.close();
  console.log(`setup: imported ../shared/cms in ${t.toFixed(1)} ms`);
  return path;
}
