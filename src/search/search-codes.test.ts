/**
 * searchCodes over the database holding every sample CMS release (../shared/cms), with the 2019
 * Alpha-Numeric Index, Table of Drugs and NOC list the import stored.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore } from '../store/store.js';
import { indexFor, searchCodes } from './search-codes.js';

let store: HcpcsStore;
let latest: HcpcsRecord[];

beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-search-cache-'));
  store = openSampleStore();
  latest = [...store.records('2026-01_v1')];
});
afterAll(() => store.close());

const codes = (query: string, options = {}) => searchCodes(store, query, options).hits.map((h) => h.code);

describe('codes', () => {
  it('finds a code exactly, in any case, first', () => {
    const result = searchCodes(store, 'j1640');
    expect(result.hits[0]).toEqual({
      code: 'J1640',
      shortDescription: 'Hemin, 1 mg',
      longDescription: 'Injection, hemin, 1 mg',
      status: 'active',
      release: '2026-01_v1',
      matched: ['J1640'],
      kind: 'procedure',
      score: 1000,
      partial: false,
      noc: false,
    });
    expect(result.total).toBe(1);
  });
  it('lists every code with a prefix, in code order', () => {
    const expected = latest
      .map((r) => r.code)
      .filter((c) => c.startsWith('J16'))
      .sort();
    const result = searchCodes(store, 'J16', { limit: 100 });
    expect(result.total).toBe(expected.length);
    expect(result.hits.map((h) => h.code)).toEqual(expected);
  });
  it('lists every code of a range', () => {
    const expected = latest
      .map((r) => r.code)
      .filter((c) => c >= 'J1000' && c <= 'J1099')
      .sort();
    expect(searchCodes(store, 'J1000-J1099', { limit: 100 }).hits.map((h) => h.code)).toEqual(expected);
    expect(searchCodes(store, 'j1099 to j1000', { limit: 100 }).hits.map((h) => h.code)).toEqual(expected);
  });
  it('finds modifiers and several codes at once, in the order typed', () => {
    expect(codes('LT')[0]).toBe('LT');
    expect(searchCodes(store, 'rt').hits[0]).toMatchObject({ code: 'RT', kind: 'modifier' });
    expect(codes('J1640 J1412')).toEqual(['J1640', 'J1412']);
    expect(codes('J1412, J1640')).toEqual(['J1412', 'J1640']);
  });
});

describe("a release as CMS's corrections lists leave it", () => {
  it('finds a code the 2019 list adds and gives a code it discontinues as terminated', () => {
    const found = searchCodes(store, 'dexamethasone intraocular', { release: '2019-01_v1' }).hits;
    // The code in use first; the one the list ends after it, terminated.
    expect(found.slice(0, 2).map((h) => [h.code, h.status])).toEqual([
      ['J1095', 'active'],
      ['C9034', 'terminated'],
    ]);
    expect(codes('C1890', { release: '2019-01_v1' })).toEqual(['C1890']);
    // The 2013 release, which no list corrects, never held it.
    expect(codes('C1890', { release: '2013-01_v1' })).toEqual([]);
  });
});

describe('words', () => {
  it('puts the code a coder expects first', () => {
    expect(codes('hemin')[0]).toBe('J1640');
    expect(codes('roctavian')[0]).toBe('J1412');
    expect(codes('inj insulin 5 units')[0]).toBe('J1815');
    expect(codes('nebulizer with compressor')[0]).toBe('E0570');
    expect(codes('standard wheelchair')[0]).toBe('K0001');
  });
  it('tolerates typos and abbreviations', () => {
    expect(codes('leucovorn')[0]).toBe('J0640');
    // Ondansetron: the injection (J2405) and the oral tablet (Q0162).
    expect(codes('ondansteron').slice(0, 2).sort()).toEqual(['J2405', 'Q0162']);
    const pwr = searchCodes(store, 'pwr wc', { limit: 5 }).hits;
    expect(pwr.every((h) => /power wheelchair/i.test(h.longDescription))).toBe(true);
    expect(pwr[0]?.matched).toEqual(expect.arrayContaining(['power', 'wheelchair']));
  });
  it('reaches codes through the Table of Drugs and the Alpha-Numeric Index, and says so', () => {
    const abelcet = searchCodes(store, 'abelcet');
    expect(abelcet.hits.map((h) => [h.code, h.via])).toEqual([
      ['J0287', 'drug-table'],
      ['J0289', 'drug-table'],
      ['J0288', 'drug-table'],
    ]);
    expect(abelcet.hits[0]?.references).toEqual(['Abelcet, see Amphotericin B Lipid Complex']);
    const bathtub = searchCodes(store, 'bathtub stool');
    expect(bathtub.hits[0]).toMatchObject({ code: 'E0245', via: 'index' });
    // A word the description holds is no match through the index.
    expect(searchCodes(store, 'hemin').hits[0]?.via).toBeUndefined();
  });
  it('marks partial matches when no record holds every word', () => {
    const result = searchCodes(store, 'hemin zzzzzz');
    expect(result.partial).toBe(true);
    expect(result.hits[0]).toMatchObject({ code: 'J1640', partial: true });
  });
  it('leaves partial matches out when asked (partial: false)', () => {
    expect(searchCodes(store, 'hemin zzzzzz', { partial: false })).toMatchObject({ total: 0, hits: [] });
    const some = searchCodes(store, 'tens unit');
    const strict = searchCodes(store, 'tens unit', { partial: false });
    expect(some.hits.some((h) => h.partial)).toBe(true);
    expect(strict.hits.map((h) => h.code)).toEqual(some.hits.filter((h) => !h.partial).map((h) => h.code));
    expect(strict.total).toBe(strict.hits.length);
  });
  it('pages with a stable total', () => {
    const all = searchCodes(store, 'wheelchair', { limit: 60 });
    const page = searchCodes(store, 'wheelchair', { limit: 20, offset: 40 });
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h) => h.code)).toEqual(all.hits.slice(40, 60).map((h) => h.code));
  });
});

describe('filters', () => {
  it('by status on a date', () => {
    const terminated = searchCodes(store, 'methylprednisolone', { status: 'terminated', limit: 50 });
    expect(terminated.hits.map((h) => h.code).sort()).toEqual(['J1020', 'J1030', 'J1040', 'J2920', 'J2930']);
    expect(terminated.hits.every((h) => h.status === 'terminated')).toBe(true);
    const onDate = searchCodes(store, 'methylprednisolone', {
      status: 'active',
      date: '2024-03-31',
      limit: 50,
    });
    expect(onDate.hits.map((h) => h.code)).toEqual(expect.arrayContaining(['J1020', 'J1030', 'J1040']));
  });
  it('by kind, range, BETOS, coverage and pricing indicator', () => {
    expect(searchCodes(store, 'left', { kind: 'modifier' }).hits.every((h) => h.kind === 'modifier')).toBe(
      true,
    );
    expect(
      codes('injection', { range: 'J1600-J1699', limit: 100 }).every((c) => c >= 'J1600' && c <= 'J1699'),
    ).toBe(true);
    expect(codes('wheelchair', { range: 'k', limit: 100 }).every((c) => c.startsWith('K'))).toBe(true);
    const betos = searchCodes(store, 'injection', { betos: 'O1E', limit: 5 }).hits.map((h) => h.code);
    expect(betos.every((c) => latest.find((r) => r.code === c)?.betos === 'O1E')).toBe(true);
    const covered = codes('wheelchair', { coverage: 'D', limit: 100 });
    expect(covered.every((c) => latest.find((r) => r.code === c)?.coverage === 'D')).toBe(true);
    const priced = codes('insulin', { pricingIndicator: '51', limit: 100 });
    expect(priced.length).toBeGreaterThan(0);
    expect(priced.every((c) => latest.find((r) => r.code === c)?.pricingIndicators.includes('51'))).toBe(
      true,
    );
  });
  it('by NOC: from the CMS list and from descriptions', () => {
    const noc = searchCodes(store, 'ambulance', { noc: true });
    expect(noc.hits.map((h) => h.code)).toEqual(['A0999']);
    expect(noc.hits[0]?.noc).toBe(true);
    expect(codes('ambulance', { noc: false, limit: 100 })).not.toContain('A0999');
  });
  it('by release: another release, the latest revision of a quarter', () => {
    expect(searchCodes(store, 'hemin', { release: '2019-01' }).hits[0]).toMatchObject({
      code: 'J1640',
      release: '2019-01_v1',
    });
    expect(searchCodes(store, 'hemin', { release: '2025-10' }).release).toBe('2025-10_v4');
  });
});

describe('the index', () => {
  it('is built once per store and release, and reused', () => {
    const a = indexFor(store, '2026-01_v1');
    searchCodes(store, 'hemin');
    expect(indexFor(store, '2026-01_v1')).toBe(a);
    expect(a.stats.records).toBe(latest.length);
    expect(indexFor(store, '2019-01_v1')).not.toBe(a);
  });
});

describe('bad options', () => {
  it.each([
    [{ limit: 0 }, 'limit: "0" is not a whole number from 1 to 1000'],
    [{ limit: 1001 }, 'limit: "1001" is not a whole number from 1 to 1000'],
    [{ offset: -1 }, 'offset: "-1" is not a whole number >= 0'],
    [{ date: '2026-13-01' }, 'date: "2026-13-01" is not an ISO date (YYYY-MM-DD)'],
    [{ status: 'gone' }, 'status: "gone" is not one of active, terminated, all'],
    [{ kind: 'drug' }, 'kind: "drug" is not one of procedure, modifier'],
    [
      { range: 'J1000..' },
      'range: "J1000.." is not a code range (J1000-J1099), a prefix (E01) or a letter (J)',
    ],
    [{ release: '2030-01' }, /^release 2030-01 is not imported/],
  ])('%j', (options, message) => {
    expect(() => searchCodes(store, 'hemin', options as never)).toThrow(message);
  });
});
