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
    const all = (await nlm('terms=wheelchair&maxList=')).body as Answer;
    expect(all[1]).toHaveLength(Math.min(500, first[0]));
    expect(first[1]).toEqual(all[1].slice(0, 7));
    const page = (await nlm('terms=wheelchair&count=5&offset=7')).body as Answer;
    expect(page[1]).toEqual(all[1].slice(7, 12));
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

  it("answers from a release as CMS's corrections lists leave it: a code they end is obsolete, one they add is found", async () => {
    // The 2019 corrections list discontinues C9034 from 2019-01-01 (the 2019 file holds it with no
    // termination date) and adds C1890 and J1095 (the file lacks them).
    const ended = (await nlm('terms=C9034&release=2019-01&ef=term_dt,obsolete')).body;
    expect(ended).toEqual([
      1,
      ['C9034'],
      { term_dt: ['20181231'], obsolete: [true] },
      [['C9034', 'Injection, dexamethasone 9%, intraocular, 1 mcg']],
    ]);
    const added = (await nlm('terms=dexamethasone intraocular&release=2019-01&ef=obsolete&maxList=5'))
      .body as Answer;
    expect([added[1], added[2]]).toEqual([['C9034', 'J1095'], { obsolete: [true, false] }]);
    expect(added[3][1]).toEqual(['J1095', 'Injection, dexamethasone 9 percent, intraocular, 1 microgram']);
    expect(((await nlm('terms=C1890&release=2019-01')).body as Answer)[1]).toEqual(['C1890']);
    // A release no list corrects answers from its file alone: 2013 never held C1890.
    expect(((await nlm('terms=C1890&release=2013-01')).body as Answer)[0]).toBe(0);
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
    // Codes are words like the others: NLM ANDs them with the description words.
    expect((await nlm('terms=wheelchair%20J1640')).body).toEqual([0, [], null, []]);
    expect((await nlm('terms=E0100%20E0105')).body).toEqual([0, [], null, []]);
    // No typo tolerance unless asked for with fuzzy=1 (ours).
    expect((await nlm('terms=whelchair')).body).toEqual([0, [], null, []]);
    const fuzzy = (await nlm('terms=whelchair&fuzzy=1')).body as Answer;
    expect(fuzzy[0]).toBeGreaterThan(100);
  });

  it('answers autocomplete-lhc suggestion requests: [codes, displayRows, extra]', async () => {
    const [codes, rows, extra] = (await nlm('suggest=1&field_val=whelchair&_=1')).body as [
      string[],
      string[][],
      null,
    ];
    expect(codes).toHaveLength(7);
    expect(rows.map((r) => r[0])).toEqual(codes);
    expect(rows.every((r) => /wheelchair/i.test(r[1] as string))).toBe(true);
    expect(extra).toBeNull();
  });

  it('refuses bad parameters with a JSON error naming them', async () => {
    const cases: [string, string][] = [
      ['', 'parameter terms: required'],
      [
        'terms=a&df=code,price',
        'df: "price" is not a field (fields: code, display, short_desc, long_desc, add_dt, act_eff_dt, term_dt, obsolete, is_noc)',
      ],
      ['terms=a&maxList=501', 'maxList: "501" is not a whole number from 0 to 500'],
      ['terms=a&q=long_desc:a~1', 'q: fuzzy and proximity searches (~) are not supported (at character 12)'],
      ['terms=a&fuzzy=maybe', 'fuzzy: "maybe" is not 1 or 0'],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await nlm(query);
      expect(status, query).toBe(400);
      expect(body, query).toEqual({ code: 'HCPCS_E_USAGE', message });
    }
  });
});
