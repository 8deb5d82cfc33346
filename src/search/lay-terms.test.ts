/**
 * The lay-term thesaurus against the CMS files: every entry leads to a current code of the latest
 * sample release (January 2026), every source it cites says what it is cited for, and the
 * searches people type land where a coder would look.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import type { HcpcsStore } from '../store/store.js';
import { LAY_TERMS } from './lay-terms.js';
import { indexFor, searchCodes } from './search-codes.js';
import { STOP_WORDS, words } from './text.js';

const RELEASE = '2026-01_v1';
let store: HcpcsStore;

beforeAll(() => {
  process.env.HCPCS_SEARCH_CACHE = mkdtempSync(join(tmpdir(), 'hcpcs-lay-terms-cache-'));
  store = openSampleStore();
});
afterAll(() => store.close());

const codes = (query: string, limit = 20) =>
  searchCodes(store, query, { release: RELEASE, limit }).hits.map((h) => h.code);

describe('lay-term thesaurus', () => {
  it('leads from every entry, and from what it means, to at least one current code', () => {
    const dead = LAY_TERMS.filter((e) =>
      [e.say, e.means].some(
        (q) => searchCodes(store, q, { release: RELEASE, status: 'active', partial: false }).total === 0,
      ),
    );
    expect(dead).toEqual([]);
    expect(LAY_TERMS.length).toBeGreaterThanOrEqual(60);
  });
  it('cites sources that say what they are cited for', () => {
    const index = indexFor(store, RELEASE);
    const indexTerms = new Set(index.references.map((r) => r.text.toLowerCase()));
    for (const e of LAY_TERMS) {
      if (e.source.kind === 'alpha-index') {
        expect(indexTerms.has(e.source.term.toLowerCase()), `${e.say}: ${e.source.term}`).toBe(true);
      } else if (e.source.kind === 'cms-description') {
        const doc = index.docs[index.byCode.get(e.source.code) ?? -1];
        const text = `${doc?.shortDescription} ${doc?.longDescription}`.toLowerCase();
        const named = words(e.means).filter((w) => !STOP_WORDS.has(w));
        expect(
          named.every((w) => text.includes(w)),
          `${e.say} -> ${e.means}: ${e.source.code} "${text}"`,
        ).toBe(true);
      } else if (e.source.kind === 'established-name') {
        // The brand's established name is a drug CMS describes (the test above: a current code).
        expect(e.say).toBe(e.source.brand);
      } else {
        expect(e.source.note.length).toBeGreaterThan(10);
      }
    }
  });
  it('puts knee orthoses (L1810-L1860) first for "knee brace"', () => {
    const top = codes('knee brace', 10);
    const knee = top.filter((c) => c >= 'L1810' && c <= 'L1860');
    expect(knee[0]).toBe(top[0]);
    expect(knee.length).toBeGreaterThanOrEqual(8);
  });
  it('answers the lay searches of new users', () => {
    expect(codes('glucometer', 10)).toContain('E0607');
    expect(codes('flu shot administration')[0]).toBe('G0008');
    expect(codes('hoyer lift', 5)).toContain('E0630');
    expect(codes('wound vac', 3)).toContain('E2402');
  });
  it('still puts the words typed first: "behind the ear" finds what BTE abbreviates too', () => {
    const typed = codes('hearing aid bte', 3);
    expect(typed.every((c) => c.startsWith('V5'))).toBe(true);
    expect(codes('hearing aid bte', 20)).toContain('V5060'); // "behind the ear", never "bte"
  });
});

describe('doses and devices', () => {
  it('finds the code of the dose typed before other doses of the drug', () => {
    const hits = codes('methylprednisolone 40 mg');
    expect(hits[0]).toBe('J1030');
    expect(hits.indexOf('J1030')).toBeLessThan(hits.indexOf('J1020'));
    expect(codes('insulin 5 units', 3)).toContain('J1815');
    // 7 mg fits no code's unit: the drug is still found, as full matches.
    const odd = searchCodes(store, 'methylprednisolone 7 mg', { release: RELEASE, partial: false });
    expect(odd.hits.map((h) => h.code)).toContain('J1030');
  });
  it('converts grams and micrograms to milligrams to fit a dose to a code', () => {
    // 1 g is four of "per 250 mg"; 1 mg is CMS's "up to 1000 mcg".
    expect(codes('ceftriaxone 1 g', 1)).toEqual(['J0696']);
    expect(codes('cyanocobalamin 1 mg', 1)).toEqual(['J3420']);
  });
  it('finds drugs by brands the 2019 Table of Drugs lacks, through their established names', () => {
    expect(codes('keytruda', 1)).toEqual(['J9271']);
    expect(codes('remicade', 1)).toEqual(['J1745']);
  });
  it('reads everyday words for the Latin ones of CMS descriptions', () => {
    const top = searchCodes(store, 'nerve stimulator through the skin', { release: RELEASE, limit: 3 }).hits;
    expect(top.every((h) => h.longDescription.startsWith('Transcutaneous'))).toBe(true);
  });
  it('ranks the device before its accessories when the query names it', () => {
    expect(codes('cpap')[0]).toBe('E0601');
  });
});
