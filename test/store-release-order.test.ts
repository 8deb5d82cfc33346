/**
 * The store answers the same whatever order the releases came in: every CMS sample release is
 * imported in a shuffled order (2013 after 2026, revision 4 of 2025-10 before revision 1), one of
 * them replaced, and every reader is compared with the files as read and with the sample database
 * (the same releases imported in folder order).
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCode, codeHistory, diffReleases } from '../src/history/index.js';
import { type ParsedRelease, readReleases } from '../src/ingest/release.js';
import type { HcpcsRecord } from '../src/model.js';
import { searchCodes } from '../src/search/search-codes.js';
import { HcpcsStore, releaseKey } from '../src/store/store.js';
import { CMS_DIR, tempDbPath, useSampleStore } from './support/cms.js';
import { seededRandom } from './support/random.js';

const inOrder = useSampleStore();
let shuffled: HcpcsStore;
let releases: ParsedRelease[];
let importOrder: string[];

/** A value as JSON without import times (the two databases imported at different times). */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'importedAt' ? undefined : v)));
}

beforeAll(() => {
  releases = readReleases([CMS_DIR, resolve(CMS_DIR, '../cms-more')]);
  const random = seededRandom(13);
  const order = releases
    .map((release) => ({ release, sort: random() }))
    .sort((a, b) => a.sort - b.sort)
    .map((r) => r.release);
  importOrder = order.map((r) => releaseKey(r.id, r.revision));
  shuffled = HcpcsStore.open(tempDbPath());
  for (const release of order) shuffled.importRelease(release);
  // One release replaced by the same files: it leaves the spans and comes back between the others.
  const middle = order.find((r) => r.id === '2020-04') as ParsedRelease;
  expect(shuffled.importRelease(middle, { replace: true }).outcome).toBe('replaced');
}, 300_000);
afterAll(() => shuffled?.close());

describe('releases imported out of date order', () => {
  it('were imported in an order other than their dates', () => {
    expect(importOrder).toHaveLength(10);
    expect(importOrder).not.toEqual([...importOrder].sort());
    expect(shuffled.releases().map((r) => r.key)).toEqual(inOrder.releases().map((r) => r.key));
  });

  it('give every record of every release exactly as the files read', () => {
    for (const release of releases) {
      const key = releaseKey(release.id, release.revision);
      const read = comparable(release.records) as HcpcsRecord[];
      expect([...shuffled.records(key)], key).toEqual(read);
      // One record at a time too, for every tenth code (the whole loop costs seconds for nothing new).
      for (const record of read.filter((_, n) => n % 10 === 0)) {
        expect(shuffled.record(key, record.code), `${key} ${record.code}`).toEqual(record);
      }
    }
  });

  it('give each code through the releases as the files read, oldest first', () => {
    const sorted = [...releases]
      .sort((a, b) => a.id.localeCompare(b.id) || a.revision - b.revision)
      .map((r) => ({
        key: releaseKey(r.id, r.revision),
        byCode: new Map(r.records.map((x) => [x.code, x])),
      }));
    const codes = new Set(releases.flatMap((r) => r.records.map((x) => x.code)));
    expect(codes.size).toBeGreaterThan(9_000);
    for (const code of codes) {
      const expected = sorted.flatMap(({ key, byCode }) => {
        const record = byCode.get(code);
        return record ? [{ releaseKey: key, record: comparable(record) }] : [];
      });
      const found = shuffled.recordsOfCode(code).map(({ releaseKey, record }) => ({ releaseKey, record }));
      expect(found, code).toEqual(expected);
    }
  }, 120_000);

  it('answer history, check, diff, search, releases and cross-references as the database imported in folder order', () => {
    const keys = inOrder.releases().map((r) => r.key);
    for (const code of new Set(releases.flatMap((r) => r.records.map((x) => x.code)))) {
      expect(comparable(codeHistory(shuffled, code)), code).toEqual(comparable(codeHistory(inOrder, code)));
      const input = { code, date: '2020-05-01' };
      expect(comparable(checkCode(shuffled, input)), code).toEqual(comparable(checkCode(inOrder, input)));
    }
    for (let i = 1; i < keys.length; i++) {
      const [from, to] = [keys[i - 1] as string, keys[i] as string];
      expect(comparable(diffReleases(shuffled, from, to)), `${from} ${to}`).toEqual(
        comparable(diffReleases(inOrder, from, to)),
      );
    }
    for (const key of keys) {
      expect(comparable(shuffled.release(key)), key).toEqual(comparable(inOrder.release(key)));
      expect(shuffled.processingNote(key, '10'), key).toEqual(inOrder.processingNote(key, '10'));
    }
    expect(shuffled.crossReferences().sort(byPair)).toEqual(inOrder.crossReferences().sort(byPair));
    for (const query of ['wheelchair', 'insulin pump', 'J1640']) {
      expect(comparable(searchCodes(shuffled, query)), query).toEqual(
        comparable(searchCodes(inOrder, query)),
      );
    }
  }, 180_000);
});

function byPair(a: { source: string; target: string }, b: { source: string; target: string }): number {
  return a.source.localeCompare(b.source) || a.target.localeCompare(b.target);
}
