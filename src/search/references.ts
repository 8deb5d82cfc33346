/**
 * What CMS publishes beside the records and search uses: the Alpha-Numeric Index and the Table of
 * Drugs (PDFs: lay terms, drug and brand names -> codes) and the NOC code list. CMS ships them with
 * the annual file only, so a release without them borrows them from the nearest release that has
 * them (the terms still lead to codes; codes the release lacks are skipped when indexed).
 */
import { createHash } from 'node:crypto';
import { read as readWorkbook, utils } from '@e965/xlsx';
import { readAlphaIndexSync } from '../ingest/alpha-index.js';
import { readTableOfDrugsSync } from '../ingest/table-of-drugs.js';
import { nearestWithRole } from '../store/nearest-release.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { cached } from './disk-cache.js';
import type { ReferenceTerm } from './search-index.js';

export interface References {
  readonly references: ReferenceTerm[];
  readonly nocCodes: Set<string>;
  /** Release keys the files came from, by role. */
  readonly sources: Record<string, string | undefined>;
}

/**
 * NOC codes from CMS's list: the PRN report (`  A0999  Unlisted ambulance service ...`) or the
 * workbook (codes in the first column).
 * @example nocCodesFrom([{ name: 'NOC_Codes_2019.prn', content: Buffer.from('  A0999  Unlisted ...') }]) // Set { 'A0999' }
 */
function nocCodesFrom(files: readonly { name: string; content: Buffer }[]): Set<string> {
  const codes = new Set<string>();
  for (const f of files) {
    if (/\.xlsx?$/i.test(f.name)) {
      const book = readWorkbook(f.content, { type: 'buffer' });
      for (const name of book.SheetNames) {
        const rows = utils.sheet_to_json<unknown[]>(book.Sheets[name] as never, { header: 1, raw: false });
        for (const row of rows) {
          const cell = String(row?.[0] ?? '').trim();
          if (/^[A-Z]\d{4}$/.test(cell)) codes.add(cell);
        }
      }
    } else {
      for (const m of f.content.toString('latin1').matchAll(/^\s*([A-Z]\d{4})\s/gm))
        codes.add(m[1] as string);
    }
  }
  return codes;
}

/** The terms of one release's PDFs of `role`, read once per data version (kept on the store's catalog). */
function referencesOf(store: HcpcsStore, key: string | undefined, role: string): ReferenceTerm[] {
  if (!key) return [];
  return store.catalog().derived(`reference-terms ${key} ${role}`, () => {
    const references: ReferenceTerm[] = [];
    for (const file of store.sourceFileContents(key, role).filter((f) => /\.pdf$/i.test(f.name))) {
      references.push(
        ...cachedOnDisk(role, file.content, () => readReference(role, file.content, file.name)),
      );
    }
    return references;
  });
}

function readReference(role: string, content: Buffer, name: string): ReferenceTerm[] {
  return role === 'alpha-index'
    ? readAlphaIndexSync(content, name).map((e) => ({
        text: e.term,
        codes: e.codes,
        ranges: e.ranges,
        source: 'index',
      }))
    : readTableOfDrugsSync(content, name).map((e) => ({
        text: e.name,
        codes: e.codes,
        ranges: e.ranges,
        source: 'drug-table',
      }));
}

/** What the terms of a release are derived from: the releases and files they come from. */
export function referenceSources(releases: readonly ReleaseInfo[], releaseKey: string): string[] {
  return REFERENCE_ROLES.flatMap((role) => {
    const key = nearestWithRole(releases, releaseKey, role);
    const info = releases.find((r) => r.key === key);
    return [
      role,
      key ?? '',
      info?.importedAt ?? '',
      ...(info?.files.filter((f) => f.role === role).map((f) => f.sha256) ?? []),
    ];
  });
}

const REFERENCE_ROLES = ['alpha-index', 'table-of-drugs', 'noc-list'] as const;

/**
 * Reading the two PDFs takes about two seconds, too long for every `hcpcs search`: their terms are
 * kept on disk, named by the PDF's sha256 (see disk-cache.ts).
 */
function cachedOnDisk(role: string, pdf: Buffer, read: () => ReferenceTerm[]): ReferenceTerm[] {
  return cached(
    `terms-${role}-${createHash('sha256').update(pdf).digest('hex').slice(0, 16)}`,
    [pdf],
    (terms) => Buffer.from(JSON.stringify(terms)),
    (bytes) => JSON.parse(bytes.toString('utf8')) as ReferenceTerm[],
    read,
  );
}

/**
 * The index and drug-table terms and NOC codes that apply to a release.
 * @example loadReferences(store, '2026-01_v1').sources // { 'alpha-index': '2019-01_v1', ... }
 */
export function loadReferences(
  store: HcpcsStore,
  releaseKey: string,
  releases: readonly ReleaseInfo[] = store.catalog().releases,
): References {
  const indexKey = nearestWithRole(releases, releaseKey, 'alpha-index');
  const drugsKey = nearestWithRole(releases, releaseKey, 'table-of-drugs');
  const nocKey = nearestWithRole(releases, releaseKey, 'noc-list');
  const nocFiles = nocKey ? store.sourceFileContents(nocKey, 'noc-list') : [];
  // The PRN and the workbook list the same codes; one is enough.
  const prn = nocFiles.filter((f) => !/\.xlsx?$/i.test(f.name));
  return {
    references: [
      ...referencesOf(store, indexKey, 'alpha-index'),
      ...referencesOf(store, drugsKey, 'table-of-drugs'),
    ],
    nocCodes: nocCodesFrom(prn.length > 0 ? prn : nocFiles),
    sources: { 'alpha-index': indexKey, 'table-of-drugs': drugsKey, 'noc-list': nocKey },
  };
}
