/**
 * Test support for the release-variant tests: real CMS releases (read from ../shared, never copied
 * into the repository) rewritten into the shapes a release not seen yet could take, written to a
 * temporary folder, imported with the project's own reader and compared field by field with the
 * import of the original file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, expect } from 'vitest';
import { type ParsedRelease, readReleases } from '../../src/ingest/release.js';
import type { HcpcsRecord } from '../../src/model.js';

/** One field of one record that a variant reads differently from the original. */
export interface FieldDifference {
  readonly record: string;
  readonly field: string;
  readonly original: unknown;
  readonly variant: unknown;
}

/** What a test file compared, printed after its tests (the figures the report quotes). */
export const tally = { variants: 0, records: 0, fields: 0, differences: 0 };

/** Every property a record carries except `release` (asserted on its own) and the ones given. */
function comparedKeys(record: HcpcsRecord, leaveOut: readonly string[]): string[] {
  return Object.keys(record).filter((k) => k !== 'release' && !leaveOut.includes(k));
}

/**
 * Every field of every record of `original` against the record of the same kind and code in
 * `variant`, and records only one side has. `leaveOut` names fields a variant changes on purpose.
 */
export function fieldDifferences(
  original: readonly HcpcsRecord[],
  variant: readonly HcpcsRecord[],
  leaveOut: readonly string[] = [],
): FieldDifference[] {
  const byKey = new Map(variant.map((r) => [`${r.kind}:${r.code}`, r]));
  const differences: FieldDifference[] = [];
  for (const record of original) {
    const key = `${record.kind}:${record.code}`;
    const other = byKey.get(key);
    byKey.delete(key);
    if (!other) {
      differences.push({ record: key, field: '(record)', original: 'present', variant: 'missing' });
      continue;
    }
    tally.records++;
    for (const field of comparedKeys(record, leaveOut)) {
      tally.fields++;
      const a = JSON.stringify((record as unknown as Record<string, unknown>)[field]);
      const b = JSON.stringify((other as unknown as Record<string, unknown>)[field]);
      if (a !== b) differences.push({ record: key, field, original: a, variant: b });
    }
  }
  for (const key of byKey.keys())
    differences.push({ record: key, field: '(record)', original: 'missing', variant: 'present' });
  return differences;
}

/** A temporary folder for one test file's variants, removed after its tests. */
export function useVariantDir(label: string): { path(...parts: string[]): string } {
  const root = mkdtempSync(join(tmpdir(), `hcpcs-variants-${label}-`));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    console.log(
      `release variants (${label}): ${tally.variants} variants imported, ${tally.records} records and ${tally.fields} fields compared, ${tally.differences} differences`,
    );
  });
  return { path: (...parts) => join(root, ...parts) };
}

/** Writes a file (making its folders). */
export function writeVariant(path: string, bytes: Uint8Array | string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

/** A zip of named members (a member may itself be a zip). */
export function zipOf(members: Readonly<Record<string, Uint8Array>>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(members).map(([n, b]) => [n, [b, { level: 6 }]])));
}

export interface Expected {
  readonly id: string;
  readonly revision?: number;
  /** Fields the variant changes on purpose (left out of the comparison; checked by the test). */
  readonly leaveOut?: readonly string[];
}

/**
 * Imports the variant at `path` with the project's reader and checks it against `original`: one
 * release, the id and revision expected, every field of every record equal.
 */
export function expectSameRelease(path: string, original: ParsedRelease, expected: Expected): ParsedRelease {
  const releases = readReleases([path]);
  tally.variants++;
  expect(releases.map((r) => `${r.id} v${r.revision}`)).toEqual([
    `${expected.id} v${expected.revision ?? 1}`,
  ]);
  const release = releases[0] as ParsedRelease;
  expect(new Set(release.records.map((r) => r.release))).toEqual(new Set([expected.id]));
  const differences = fieldDifferences(original.records, release.records, expected.leaveOut);
  tally.differences += differences.length;
  expect(differences.slice(0, 10)).toEqual([]);
  return release;
}
