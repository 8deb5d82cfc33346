/**
 * The NLM Clinical Tables-compatible endpoint against a separate, simple implementation of NLM's
 * documented rules (./support/nlm-reference.ts) over the same records: for each documented
 * parameter (terms, maxList, count, offset, q, df, sf, cf, ef with aliases) and a set of queries,
 * the totals and code lists must be equal. Served over a real HTTP server from the CMS samples.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from './support/http.js';
import {
  hasPhrase,
  hasWord,
  type ReferenceField,
  type ReferenceRecord,
  referenceRecords,
  referenceSearch,
} from './support/nlm-reference.js';

const server = useTestServer();
let records: ReferenceRecord[] = [];
beforeAll(() => {
  records = referenceRecords(server.store);
});

type Answer = [number, unknown[], Record<string, unknown[]> | null, string[][]];

async function nlm(query: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${server.url}/api/hcpcs/v3/search?${new URLSearchParams(query)}`);
  const body = (await res.json()) as Answer;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Words and codes users type, two-character words and modifiers among them. */
const TERMS = [
  'he',
  'HE',
  'J1',
  'j1',
  'wheelch',
  'wheelchair',
  'hemin',
  'Hemin injection',
  'wheelchair J1640',
  'E0100 E0105',
  'E0100',
  'e-stim',
  'tens unit',
  'power wheelchair',
  'injection',
  'inj 1 mg',
  '1.5',
  'w/o',
  'x-ray',
  'ostomy pouch',
  'ha',
  'a',
  'ka',
  'qqqq',
  'whelchair',
  'J16',
];

describe('NLM compatibility: ours equals the reference implementation of the documented rules', () => {
  it('terms: the same total and the same first codes for every query', async () => {
    for (const terms of TERMS) {
      const expected = referenceSearch(records, { terms });
      const [total, codes] = await nlm({ terms });
      expect({ terms, total, codes }).toEqual({
        terms,
        total: expected.length,
        codes: expected.slice(0, 7).map((r) => r.code),
      });
    }
  });

  it('maxList: 1, 7, 500 and empty (500)', async () => {
    for (const terms of ['wheelch', 'he', 'J1']) {
      const expected = referenceSearch(records, { terms }).map((r) => r.code);
      for (const [maxList, n] of [
        ['1', 1],
        ['7', 7],
        ['500', 500],
        ['', 500],
      ] as const) {
        const [total, codes] = await nlm({ terms, maxList });
        expect({ terms, maxList, total, codes }).toEqual({
          terms,
          maxList,
          total: expected.length,
          codes: expected.slice(0, n),
        });
      }
    }
  });

  it('count and offset: pages of 100 put together give the whole list; limits as NLM states them', async () => {
    const expected = referenceSearch(records, { terms: 'he' }).map((r) => r.code);
    const pages: unknown[] = [];
    for (let offset = 0; offset < expected.length; offset += 100) {
      const [total, codes] = await nlm({ terms: 'he', count: '100', offset: String(offset) });
      expect(total).toBe(expected.length);
      pages.push(...codes);
    }
    expect(pages).toEqual(expected);
    const [, middle] = await nlm({ terms: 'he', count: '3', offset: '10' });
    expect(middle).toEqual(expected.slice(10, 13));
    const [, defaultCount] = await nlm({ terms: 'he', offset: '5' });
    expect(defaultCount).toEqual(expected.slice(5, 12));
    const refused = async (query: string) => {
      const res = await fetch(`${server.url}/api/hcpcs/v3/search?${query}`);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    expect(await refused('terms=he&count=500&offset=7001')).toEqual({
      status: 400,
      body: { code: 'HCPCS_E_USAGE', message: "offset + count: 7501 is more than 7500, NLM's paging limit" },
    });
    expect((await refused('terms=he&count=500&offset=7000')).status).toBe(200);
    expect((await refused('terms=he&count=501')).status).toBe(400);
  });

  it('q: field terms, phrases, AND/OR/NOT, -, groups, wildcards and date ranges', async () => {
    const cases: [string, string, (r: ReferenceRecord) => boolean][] = [
      ['', 'long_desc:"power wheelchair"', (r) => hasPhrase(r.long_desc, 'power wheelchair')],
      ['wheelchair', 'long_desc:"power wheelchair"', (r) => hasPhrase(r.long_desc, 'power wheelchair')],
      [
        '',
        'manual wheelchair',
        (r) => ['manual', 'wheelchair'].some((w) => hasWord(r.long_desc, w) || hasWord(r.short_desc, w)),
      ],
      ['injection', 'code:J16*', (r) => r.code.startsWith('J16')],
      ['injection', 'code:j16?0', (r) => /^J16.0$/.test(r.code)],
      ['injection', 'obsolete:true', (r) => r.obsolete],
      ['injection', 'obsolete:false', (r) => !r.obsolete],
      ['drug', 'is_noc:true', (r) => r.is_noc],
      ['wheelchair', 'short_desc:transit*', (r) => /\btransit/i.test(r.short_desc ?? '')],
      [
        'wheelchair',
        'long_desc:(power OR manual)',
        (r) => hasWord(r.long_desc, 'power') || hasWord(r.long_desc, 'manual'),
      ],
      [
        'wheelchair',
        'long_desc:power AND long_desc:seat',
        (r) => hasWord(r.long_desc, 'power') && hasWord(r.long_desc, 'seat'),
      ],
      [
        'wheelchair',
        'long_desc:power && long_desc:seat',
        (r) => hasWord(r.long_desc, 'power') && hasWord(r.long_desc, 'seat'),
      ],
      [
        'wheelchair',
        'long_desc:power -long_desc:seat',
        (r) => hasWord(r.long_desc, 'power') && !hasWord(r.long_desc, 'seat'),
      ],
      ['wheelchair', 'NOT long_desc:power', (r) => !hasWord(r.long_desc, 'power')],
      ['wheelchair', '!long_desc:power', (r) => !hasWord(r.long_desc, 'power')],
      ['wheelchair', '+long_desc:power long_desc:seat', (r) => hasWord(r.long_desc, 'power')],
      [
        'wheelchair',
        '(long_desc:power OR long_desc:manual) AND NOT obsolete:true',
        (r) => (hasWord(r.long_desc, 'power') || hasWord(r.long_desc, 'manual')) && !r.obsolete,
      ],
      [
        '',
        'add_dt:[20200101 TO 20201231]',
        (r) => r.add_dt !== null && r.add_dt >= '20200101' && r.add_dt <= '20201231',
      ],
      [
        '',
        'add_dt:{20200101 TO 20201231}',
        (r) => r.add_dt !== null && r.add_dt > '20200101' && r.add_dt < '20201231',
      ],
      ['', 'add_dt:[2024-01-01 TO *]', (r) => r.add_dt !== null && r.add_dt >= '20240101'],
      ['', 'term_dt:>=20250101', (r) => r.term_dt !== null && r.term_dt >= '20250101'],
      ['', 'act_eff_dt:<19900101', (r) => r.act_eff_dt !== null && r.act_eff_dt < '19900101'],
      ['', 'term_dt:*', (r) => r.term_dt !== null],
      ['he', '*', () => true],
      ['he', '*:*', () => true],
    ];
    for (const [terms, q, where] of cases) {
      const expected = referenceSearch(records, { terms, where });
      const [total, codes] = await nlm({ terms, q, maxList: '500' });
      expect({ terms, q, total, codes }).toEqual({
        terms,
        q,
        total: expected.length,
        codes: expected.slice(0, 500).map((r) => r.code),
      });
      expect(expected.length, `${terms} ${q} matches something`).toBeGreaterThan(0);
    }
  });

  it('sf: only the named fields are searched', async () => {
    const cases: [string, ReferenceField[]][] = [
      ['wheelchair', ['code']],
      ['wheelchair', ['short_desc']],
      ['whlchr', ['short_desc']],
      ['wheelchair', ['long_desc']],
      ['J16', ['code']],
      ['J16', ['display']],
      ['he', ['code', 'short_desc']],
      ['1986', ['add_dt']],
    ];
    for (const [terms, sf] of cases) {
      const expected = referenceSearch(records, { terms, sf });
      const [total, codes] = await nlm({ terms, sf: sf.join(','), maxList: '500' });
      expect({ terms, sf, total, codes }).toEqual({
        terms,
        sf,
        total: expected.length,
        codes: expected.slice(0, 500).map((r) => r.code),
      });
    }
  });

  it('df, cf and ef (with aliases) give the fields of the same records', async () => {
    const expected = referenceSearch(records, { terms: 'wheelch' }).slice(0, 20);
    const [, codes, extra, rows] = await nlm({
      terms: 'wheelch',
      maxList: '20',
      df: 'code,short_desc,add_dt',
      cf: 'short_desc',
      ef: 'add_dt,term_dt:ends,obsolete,is_noc:noc,long_desc:text',
    });
    expect(codes).toEqual(expected.map((r) => r.short_desc));
    expect(rows).toEqual(expected.map((r) => [r.code, r.short_desc ?? '', r.add_dt ?? '']));
    expect(extra).toEqual({
      add_dt: expected.map((r) => r.add_dt),
      ends: expected.map((r) => r.term_dt),
      obsolete: expected.map((r) => r.obsolete),
      noc: expected.map((r) => r.is_noc),
      text: expected.map((r) => r.long_desc),
    });
  });

  it('ignores parameters NLM does not document (jQuery cache-buster, JSONP callback, others)', async () => {
    const plain = await nlm({ terms: 'wheelch' });
    expect(await nlm({ terms: 'wheelch', _: '1733526000000' })).toEqual(plain);
    expect(await nlm({ terms: 'wheelch', callback: 'x', authenticity_token: 't' })).toEqual(plain);
  });

  it('q with what is not supported: 400 naming it', async () => {
    const cases: [string, string][] = [
      ['wheelchair~1', 'q: fuzzy and proximity searches (~) are not supported (at character 11)'],
      ['"power wheelchair"~2', 'q: fuzzy and proximity searches (~) are not supported (at character 19)'],
      [
        'long_desc:power^2',
        'q: boosts (^) are not supported: they change ranking only, and this endpoint does not rank by score (at character 16)',
      ],
      ['long_desc:/wheel.*/', 'q: regular expressions (/.../) are not supported (at character 11)'],
      ['_exists_:term_dt', 'q: _exists_ is not supported: use field:* instead'],
      [
        'price:1',
        'q: "price" is not a field (fields: code, display, short_desc, long_desc, add_dt, act_eff_dt, term_dt, obsolete, is_noc)',
      ],
      ['(long_desc:power', 'q: a parenthesis is not closed'],
      ['long_desc:"power', 'q: a quoted phrase is not closed (at character 11)'],
      ['add_dt:[2020 TO 2021]', 'q: "2020" is not a date (YYYYMMDD)'],
    ];
    for (const [q, message] of cases) {
      const res = await fetch(`${server.url}/api/hcpcs/v3/search?${new URLSearchParams({ terms: 'a', q })}`);
      expect({ q, status: res.status, body: await res.json() }).toEqual({
        q,
        status: 400,
        body: { code: 'HCPCS_E_USAGE', message },
      });
    }
  });
});
