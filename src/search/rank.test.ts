/**
 * Ranking and query rules on a small index built here from records written by hand (the rules,
 * each on its own; search-index.test.ts and test/search-*.test.ts run them over the CMS files).
 */
import { describe, expect, it } from 'vitest';
import { testRecord } from '../../test/support/fixtures.js';
import type { HcpcsRecord } from '../model.js';
import { parseQuery } from './query.js';
import { rankWords } from './rank.js';
import { buildIndex, type ReferenceTerm } from './search-index.js';

function record(
  code: string,
  longDescription: string,
  shortDescription: string | null,
  extra: Partial<HcpcsRecord> = {},
): HcpcsRecord {
  return testRecord(code, longDescription, { release: '2026-01', shortDescription, ...extra });
}

const records = [
  record('J1640', 'Injection, hemin, 1 mg', 'Hemin, 1 mg'),
  record('J1815', 'Injection, insulin, per 5 units', 'Insulin injection'),
  record(
    'J1817',
    'Insulin for administration through dme (i.e., insulin pump) per 50 units',
    'Insulin per 50 units',
  ),
  record('E0570', 'Nebulizer, with compressor', 'Nebulizer with compressor'),
  record('E0585', 'Nebulizer, with compressor and heater', 'Nebulizer w/ compressor & heater'),
  record('C1874', 'Stent, coated/covered, with delivery system', 'Stent, coated/covered w/ del sys'),
  record('C1875', 'Stent, coated/covered, without delivery system', 'Stent, coated/covered w/o del sys'),
  record('K0001', 'Standard wheelchair', 'Standard wheelchair'),
  record('K0010', 'Standard - weight frame motorized/power wheelchair', 'Stnd wt frame power whlchr'),
  record(
    'K0011',
    'Standard - weight frame motorized/power wheelchair with programmable control',
    'Stnd wt pwr whlchr w control',
  ),
  record(
    'E2368',
    'Power wheelchair component, drive wheel motor, replacement only',
    'Pwr wc drive wheel motor',
  ),
  record('J0287', 'Injection, amphotericin b lipid complex, 10 mg', 'Amphotericin b lipid complex'),
  record('J0640', 'Injection, leucovorin calcium, per 50 mg', 'Leucovorin calcium injection'),
  record('J0641', 'Injection, leucovorin calcium, per 0.5 mg', 'Leucovorin calcium injection', {
    terminationDate: '2020-12-31',
  }),
  record('L1834', 'Knee orthosis, without knee joint, rigid, custom fabricated', 'Ko w/o joint rigid custom'),
  record(
    'L2034',
    'Knee ankle foot orthosis, full plastic, single upright, custom fabricated',
    'Kafo full plastic custom',
  ),
  record('J1020', 'Injection, methylprednisolone acetate, 20 mg', 'Methylprednisolone 20 mg'),
  record('J2550', 'Injection, promethazine hcl, up to 50 mg', 'Promethazine hcl injection'),
  record('J2551', 'Injection, promethazine hcl, per 5 mg', 'Promethazine hcl 5 mg'),
  record('J1030', 'Injection, methylprednisolone acetate, 40 mg', 'Methylprednisolone 40 mg'),
  record(
    'L3224',
    "Orthopedic footwear, woman's shoe, oxford, used as an integral part of a brace (orthosis)",
    "Woman's shoe oxford brace",
  ),
  record('G0008', 'Administration of influenza virus vaccine', 'Admin influenza virus vac'),
  record('E0601', 'Continuous positive airway pressure (cpap) device', 'Cont airway pressure device'),
  record('A7030', 'Full face mask used with positive airway pressure device, each', 'Cpap full face mask'),
  record(
    'A9999',
    'Miscellaneous dme supply or accessory, not otherwise specified',
    'Dme supply or accessory, nos',
  ),
  record('G0009', 'Administration of pneumococcal vaccine', 'Admin pneumococcal vaccine', {
    pricingIndicators: ['54'],
  }),
  // A quality-data code: not priced separately (pricing indicator 00), worded as a finding.
  record('G8864', 'Pneumococcal vaccine administered or previously received', 'Pneumococcal vaccine admin', {
    pricingIndicators: ['00'],
  }),
  record(
    'E0148',
    'Walker, heavy duty, without wheels, rigid or folding, any type, each',
    'Heavyduty walker no wheels',
  ),
  record('E0149', 'Walker, heavy duty, wheeled, rigid or folding, any type', 'Heavy duty wheeled walker'),
  record('LT', 'Left side (used to identify procedures performed on the left side of the body)', 'Left side'),
];
const references: ReferenceTerm[] = [
  {
    text: 'Abelcet, see Amphotericin B Lipid Complex',
    codes: [],
    ranges: [['J0287', 'J0289']],
    source: 'drug-table',
  },
  { text: 'Bathtub stool or bench', codes: ['K0001'], ranges: [], source: 'index' },
];
const index = buildIndex('2026-01_v1', '2026-01-01', records, references, new Set(['J1640']));
/** The codes matching every word, best first (partial matches left out). */
const codesOf = (words: string) =>
  rankWords(index, parseQuery(words, index).words, () => true)
    .ranked.filter((r) => !r.partial)
    .map((r) => index.docs[r.doc]?.code);

describe('buildIndex', () => {
  it('holds every record, code order for look-up, and the NOC marks', () => {
    expect(index.docs).toHaveLength(records.length);
    expect(index.sortedCodes.slice(0, 3)).toEqual(['A7030', 'A9999', 'C1874']);
    // From the NOC list given, and from the words "not otherwise specified".
    expect(index.docs.filter((d) => d.noc).map((d) => d.code)).toEqual(['J1640', 'A9999']);
  });
  it('learns abbreviations from the short descriptions seen at least twice', () => {
    expect(index.abbreviations.expansions.get('whlchr')).toEqual(['wheelchair']);
    expect(index.abbreviations.expansions.get('del')).toEqual(['delivery']);
    expect(index.abbreviations.expansions.get('pwr')).toEqual(['power']);
    expect(index.abbreviations.abbreviations.get('power')).toEqual(['pwr']);
    expect(index.abbreviations.expansions.get('wc')).toBeUndefined(); // seen once only
  });
  it('expands reference ranges to the codes the release holds', () => {
    expect(index.docs[index.byCode.get('J0287') as number]?.references.map((r) => r.text)).toEqual([
      'Abelcet, see Amphotericin B Lipid Complex',
    ]);
  });
});

describe('parseQuery', () => {
  it('reads codes, prefixes, ranges and modifiers; the rest are words', () => {
    expect(parseQuery('j1640', index).codes).toEqual([{ type: 'exact', code: 'J1640' }]);
    expect(parseQuery('J16', index).codes).toEqual([{ type: 'prefix', prefix: 'J16' }]);
    expect(parseQuery('J1000-J1099', index).codes).toEqual([{ type: 'range', from: 'J1000', to: 'J1099' }]);
    expect(parseQuery('J1099 - 1000', index).codes).toEqual([{ type: 'range', from: 'J1000', to: 'J1099' }]);
    expect(parseQuery('LT', index)).toMatchObject({
      codes: [{ type: 'exact', code: 'LT' }],
      codesOnly: true,
    });
    expect(parseQuery('J1640 J1815', index).codes).toHaveLength(2);
    // B12 is no code prefix here: a word.
    expect(parseQuery('b12', index)).toMatchObject({ codes: [], words: ['b', '12'] });
    // In a query of words, lower-case two-letter words stay words.
    expect(parseQuery('knee lt', index)).toMatchObject({ codes: [], words: ['knee', 'lt'] });
    expect(parseQuery('knee LT', index)).toMatchObject({
      codes: [{ type: 'exact', code: 'LT' }],
      words: ['knee'],
    });
  });
  it('removes control characters, broken surrogates and U+FFFD', () => {
    expect(parseQuery('hem\u0000in\ud800 x\ufffd', index).text).toBe('hem in  x');
  });
  it('refuses a query over 1000 characters, naming the parameter', () => {
    expect(() => parseQuery('a'.repeat(1001), index)).toThrow(
      /^query: 1001 characters is too long; at most 1000$/,
    );
  });
});

describe('rankWords', () => {
  it('matches every word as a prefix, all words required', () => {
    expect(codesOf('hem')).toEqual(['J1640']);
    expect(codesOf('insulin pump')).toEqual(['J1817']);
  });
  it('puts a description the query names whole before longer ones', () => {
    expect(codesOf('nebulizer with compressor')).toEqual(['E0570', 'E0585']);
  });
  it('does not let "with" match "without"', () => {
    expect(codesOf('covered stent with delivery system')[0]).toBe('C1874');
  });
  it('tolerates one typo in words of five letters or more, not in shorter ones', () => {
    expect(codesOf('leucovorn')).toEqual(['J0640', 'J0641']);
    expect(codesOf('wheelchiar standard')[0]).toBe('K0001');
    expect(codesOf('hemn')).toEqual([]);
  });
  it('matches CMS abbreviations and their expansions both ways', () => {
    expect(codesOf('whlchr standard')).toContain('K0001');
    expect(codesOf('wheelchair stnd')).toContain('K0010');
  });
  it('matches numbers whole, and ranks the drug giving the dose typed first', () => {
    // The other dose of the drug follows (a dose is not required): 5 does not match its 50.
    expect(codesOf('insulin 5 units')).toEqual(['J1815', 'J1817']);
    expect(codesOf('leucovorin 0.5 mg')).toEqual(['J0641', 'J0640']);
  });
  it('ranks the code of the dose typed before codes of other doses, and one it fits next', () => {
    expect(codesOf('methylprednisolone 40 mg')).toEqual(['J1030', 'J1020']);
    expect(codesOf('methylprednisolone 20 mg')).toEqual(['J1020', 'J1030']);
    expect(codesOf('methylprednisolone 60 mg')).toEqual(['J1020', 'J1030']);
    // "Up to 50 mg" is the one unit of 25 mg.
    expect(codesOf('promethazine 25 mg')).toEqual(['J2550', 'J2551']);
    // A dose no code gives still finds the drug, as full matches.
    const ranking = rankWords(index, ['methylprednisolone', '7', 'mg'], () => true, false);
    expect(ranking.ranked.map((r) => index.docs[r.doc]?.code).sort()).toEqual(['J1020', 'J1030']);
  });
  it('finds what a lay term means, for less than the words typed', () => {
    expect(codesOf('knee brace')[0]).toBe('L1834');
    expect(codesOf('flu shot')).toEqual(['G0008']);
    // Typed words win: the shoe that names a brace comes before the orthoses brace only means.
    expect(codesOf('brace')[0]).toBe('L3224');
  });
  it('ranks the device the query names before its accessories', () => {
    expect(codesOf('cpap')).toEqual(['E0601', 'A7030']);
  });
  it('ranks a quality-reporting code below the service, unless the query is about reporting', () => {
    expect(codesOf('pneumococcal vaccine')).toEqual(['G0009', 'G8864']);
    // Asked about ("... reported"): G8864 is no longer lowered against G0009.
    const ratio = (words: string[]) => {
      const r = rankWords(index, words, () => true).ranked;
      const score = (code: string) => r.find((h) => index.docs[h.doc]?.code === code)?.score ?? 0;
      return score('G8864') / score('G0009');
    };
    expect(ratio(['pneumococcal', 'vaccine', 'reported'])).toBeGreaterThan(
      ratio(['pneumococcal', 'vaccine']) * 1.5,
    );
  });
  it('ranks a description that says it lacks what the query names below one that has it', () => {
    expect(codesOf('walker wheels')).toEqual(['E0149', 'E0148']);
    // Asked for: no longer lowered. "Without knee joint" still has a knee.
    expect(codesOf('walker without wheels')[0]).toBe('E0148');
    expect(codesOf('knee orthosis rigid')[0]).toBe('L1834');
  });
  it('ranks active codes before terminated ones of the same relevance', () => {
    expect(codesOf('leucovorin calcium')).toEqual(['J0640', 'J0641']);
  });
  it('prefers the words next to each other, in the order typed', () => {
    expect(codesOf('knee orthosis custom')).toEqual(['L1834', 'L2034']);
  });
  it('finds codes through drug-table and index terms, and says so', () => {
    const ranking = rankWords(index, ['abelcet'], () => true);
    expect(ranking.ranked.map((r) => index.docs[r.doc]?.code)).toEqual(['J0287']);
    expect(ranking.details(ranking.ranked[0]?.doc as number)).toEqual({
      matched: ['abelcet'],
      via: 'drug-table',
      references: ['Abelcet, see Amphotericin B Lipid Complex'],
    });
    const bath = rankWords(index, ['bathtub', 'stool'], () => true);
    expect(bath.details(bath.ranked[0]?.doc as number).via).toBe('index');
  });
  it('follows with partial matches, marked, when few records match every word', () => {
    const ranking = rankWords(index, ['hemin', 'zzzz'], () => true);
    expect(ranking.partial).toBe(true);
    expect(ranking.ranked.map((r) => [index.docs[r.doc]?.code, r.partial])).toEqual([['J1640', true]]);
    const mixed = rankWords(index, ['nebulizer', 'heater'], () => true);
    expect(mixed.partial).toBe(false);
    expect(mixed.ranked.map((r) => [index.docs[r.doc]?.code, r.partial])).toEqual([
      ['E0585', false],
      ['E0570', true],
    ]);
  });
  it('applies the filter it is given', () => {
    expect(rankWords(index, ['leucovorin'], (d) => d.terminationDate === null).ranked).toHaveLength(1);
  });
});
