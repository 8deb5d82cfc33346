/**
 * "In effect first" over the sample database: across every page of the ranking, the codes in effect
 * on the date lead, each group in relevance order.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import { statusOnDate } from '../model.js';
import type { HcpcsStore } from '../store/store.js';
import { inEffectFirst } from './in-effect-first.js';

const isInEffectOn = (record: Parameters<typeof statusOnDate>[0], date: string) =>
  statusOnDate(record, date) === 'in-effect';

import { searchCodes } from './search-codes.js';

let store: HcpcsStore;
beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-search-cache-'));
  store = openSampleStore();
});
afterAll(() => store.close());

describe('in effect on a date', () => {
  it('reads the added date and the last day of use', () => {
    const j1412 = { addedDate: '2024-01-01', terminationDate: null };
    expect(isInEffectOn(j1412, '2023-12-31')).toBe(false);
    expect(isInEffectOn(j1412, '2024-01-01')).toBe(true);
    const j1030 = { addedDate: '1994-01-01', terminationDate: '2024-03-31' };
    expect(isInEffectOn(j1030, '2024-03-31')).toBe(true);
    expect(isInEffectOn(j1030, '2024-04-01')).toBe(false);
    expect(isInEffectOn({ addedDate: null, terminationDate: null }, '2000-01-01')).toBe(true);
  });

  it('a stable partition of positions', () => {
    expect(inEffectFirst(6, (i) => i % 3 === 2)).toEqual([2, 5, 0, 1, 3, 4]);
    expect(inEffectFirst(0, () => true)).toEqual([]);
  });
});

describe('searchCodes order in-effect-first', () => {
  const date = '2026-02-01';
  const all = (query: string, order: 'relevance' | 'in-effect-first') => {
    const pages: string[] = [];
    for (let offset = 0; ; offset += 20) {
      const page = searchCodes(store, query, { date, order, limit: 20, offset });
      pages.push(...page.hits.map((h) => h.code));
      if (offset + 20 >= page.total) return pages;
    }
  };
  const inEffect = (code: string) => {
    const record = store.catalog().snapshot('2026-01_v1').byCode.get(code);
    return record !== undefined && isInEffectOn(record, date);
  };

  it('puts every code in effect before every ended one, across pages, relevance kept within each', () => {
    for (const query of ['stent', 'glucose', 'immune globulin', 'methylprednisolone 40 mg']) {
      const ranked = all(query, 'relevance');
      const ordered = all(query, 'in-effect-first');
      expect(ordered.length, query).toBe(ranked.length);
      const flags = ordered.map(inEffect);
      expect(flags.indexOf(false) === -1 || !flags.slice(flags.indexOf(false)).includes(true), query).toBe(
        true,
      );
      expect(ordered, query).toEqual([...ranked.filter(inEffect), ...ranked.filter((c) => !inEffect(c))]);
    }
  });

  it('"stent" on 2026-02-01: page 1 holds only codes in effect, though the ranking mixes ended ones in', () => {
    const ranked = all('stent', 'relevance');
    const ordered = all('stent', 'in-effect-first');
    const current = ranked.filter(inEffect).length;
    expect(current).toBeGreaterThanOrEqual(20);
    expect(ordered.slice(0, 20).every(inEffect)).toBe(true);
    expect(ordered.slice(current).some(inEffect)).toBe(false);
  });

  it("in 2019-01 as CMS's corrections leave it: J1095 (added by them) is in effect, C9034 (ended by them) follows", () => {
    const codes = searchCodes(store, 'dexamethasone intraocular', {
      release: '2019-01_v1',
      date: '2019-03-01',
      order: 'in-effect-first',
    }).hits.map((h) => h.code);
    expect(codes.indexOf('J1095')).toBe(0);
    expect(codes.indexOf('C9034')).toBeGreaterThan(codes.indexOf('J8540'));
  });

  it('the terminated methylprednisolone 40 mg codes follow the current ones', () => {
    const ordered = all('methylprednisolone 40 mg', 'in-effect-first');
    expect(ordered.indexOf('J1010')).toBeLessThan(ordered.indexOf('J1030'));
    expect(ordered.indexOf('J2919')).toBeLessThan(ordered.indexOf('J2920'));
    expect(ordered.slice(-5).sort()).toEqual(['J1020', 'J1030', 'J1040', 'J2920', 'J2930']);
  });

  it('before J1010 was added (2024-04-01), it is not in effect: ended-later codes lead', () => {
    const hits = searchCodes(store, 'methylprednisolone', { date: '2023-12-15', order: 'in-effect-first' });
    const codes = hits.hits.map((h) => h.code);
    expect(codes.indexOf('J1030')).toBeLessThan(codes.indexOf('J1010'));
    expect(codes.indexOf('J2920')).toBeLessThan(codes.indexOf('J2919'));
  });

  it('an unknown order is named', () => {
    expect(() => searchCodes(store, 'stent', { order: 'newest' as never })).toThrow(
      'order: "newest" is not one of relevance, in-effect-first',
    );
  });
});
