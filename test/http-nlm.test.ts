/**
 * The NLM Clinical Tables-compatible endpoint (/api/hcpcs/v3/search) over a real HTTP server:
 * the positional answer [total, codes, extra, displayRows], its parameters, and its errors.
 */
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/http.js';

const server = useTestServer();

async function nlm(query: string) {
  const res = await fetch(`${server.url}/api/hcpcs/v3/search?${query}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

type Answer = [number, string[], Record<string, unknown[]> | null, string[][]];

describe('NLM-compatible search', () => {
  it('answers [total, codes, null, rows] with code and display by default', async () => {
    expect((await nlm('terms=hemin')).body).toEqual([
      1,
      ['J1640'],
      null,
      [['J1640', 'Injection, hemin, 1 mg']],
    ]);
  });

  it('returns 7 by default, maxList up to 500, and pages with count and offset', async () => {
    const first = (await nlm('terms=wheelchair')).body as Answer;
    expect(first[0]).toBeGreaterThan(100);
    expect(first[1]).toHaveLength(7);
    const api = (await (await fetch(`${server.url}/api/search?q=wheelchair&limit=20`)).json()) as {
      total: number;
      hits: { code: string }[];
    };
    expect(first[0]).toBe(api.total);
    expect(first[1]).toEqual(api.hits.slice(0, 7).map((h) => h.code));
    const page = (await nlm('terms=wheelchair&count=5&offset=7')).body as Answer;
    expect(page[1]).toEqual(api.hits.slice(7, 12).map((h) => h.code));
    const many = (await nlm('terms=wheelchair&maxList=')).body as Answer;
    expect(many[1]).toHaveLength(Math.min(500, first[0]));
  });

  it('gives display fields, extra fields with aliases, and a code field', async () => {
    const [total, codes, extra, rows] = (
      await nlm('terms=E0100&df=code,short_desc&ef=add_dt,term_dt:ends,obsolete,is_noc')
    ).body as Answer;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(codes[0]).toBe('E0100');
    expect(rows[0]).toEqual(['E0100', 'Cane adjust/fixed with tip']);
    expect(extra).toEqual({ add_dt: ['19860101'], ends: [null], obsolete: [false], is_noc: [false] });
    const byShort = (await nlm('terms=hemin&cf=short_desc')).body as Answer;
    expect(byShort[1]).toEqual(['Hemin, 1 mg']);
  });

  it('filters with the supported q clauses', async () => {
    const active = (await nlm('terms=injection&q=obsolete:false&maxList=500')).body as Answer;
    const obsolete = (await nlm('terms=injection&q=obsolete:true&maxList=500')).body as Answer;
    const all = (await nlm('terms=injection&maxList=1')).body as Answer;
    expect(active[0] + obsolete[0]).toBe(all[0]);
    const j16 = (await nlm('terms=injection&q=code:J16*&maxList=500')).body as Answer;
    expect(j16[1].length).toBeGreaterThan(0);
    expect(j16[1].every((c) => c.startsWith('J16'))).toBe(true);
    const desc = (await nlm('terms=wheelchair&q=short_desc:transit*&maxList=50&df=short_desc'))
      .body as Answer;
    expect(desc[3].length).toBeGreaterThan(0);
    expect(desc[3].every(([short]) => /\btransit/i.test(short as string))).toBe(true);
    const noc = (await nlm('terms=drug&q=is_noc:true&maxList=500&ef=is_noc')).body as Answer;
    expect((noc[2]?.is_noc ?? []).every((v) => v === true)).toBe(true);
  });

  it('answers nothing when not every word matches, and for empty terms', async () => {
    expect((await nlm('terms=wheelchair%20qqqqzzzz')).body).toEqual([0, [], null, []]);
    expect((await nlm('terms=')).body).toEqual([0, [], null, []]);
    // Partial hits that our own search lists after full ones are not NLM's AND of prefixes.
    const tens = (await nlm('terms=tens%20unit')).body as Answer;
    expect(tens[0]).toBe(tens[1].length);
    const api = (await (await fetch(`${server.url}/api/search?q=tens%20unit&limit=100`)).json()) as {
      hits: { code: string; partial?: boolean }[];
    };
    expect(tens[1]).toEqual(
      api.hits
        .filter((h) => !h.partial)
        .map((h) => h.code)
        .slice(0, 7),
    );
  });

  it('refuses bad parameters with a JSON error naming them', async () => {
    const cases: [string, string][] = [
      ['', 'parameter terms: required'],
      [
        'terms=a&df=code,price',
        'df: "price" is not a field (fields: code, display, short_desc, long_desc, add_dt, act_eff_dt, term_dt, obsolete, is_noc)',
      ],
      ['terms=a&maxList=501', 'maxList: "501" is not a whole number from 0 to 500'],
      [
        'terms=a&q=long_desc:(a OR b)',
        expect.stringMatching(/^q: "long_desc:\(a" is not supported/) as unknown as string,
      ],
      [
        'terms=a&callback=x',
        expect.stringMatching(/^callback: not a parameter of this API/) as unknown as string,
      ],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await nlm(query);
      expect(status, query).toBe(400);
      expect(body, query).toEqual({ code: 'HCPCS_E_USAGE', message });
    }
  });

  it('refuses a code: clause with a non-ASCII letter instead of upper-casing it into another code', async () => {
    // Unicode upper case would read 'ß' as SS and 'ﬀ' as FF, both modifier shapes.
    for (const value of ['ß', 'ﬀ', 'j16ß*']) {
      const { status, body } = await nlm(`terms=a&q=${encodeURIComponent(`code:${value}`)}`);
      expect(status, value).toBe(400);
      expect(body, value).toMatchObject({
        code: 'HCPCS_E_USAGE',
        message: expect.stringContaining(`code:${value}`),
      });
    }
  });
});
