import { describe, expect, it } from 'vitest';
import type { HcpcsRecord } from '../../model.js';
import { nlmDocument } from './fields.js';
import { matchesQuery } from './match.js';
import { parseQueryString, QueryStringError } from './query-string.js';

const record = (code: string, long: string, short: string, added: string, ends: string | null) =>
  ({
    code,
    longDescription: long,
    shortDescription: short,
    addedDate: added,
    actionEffectiveDate: added,
    terminationDate: ends,
  }) as HcpcsRecord;

const DOCS = [
  nlmDocument(
    record(
      'E1161',
      'Manual adult size wheelchair, includes tilt in space',
      'Manual adult wc w tiltinspac',
      '2003-01-01',
      null,
    ),
    '2026-01-01',
    false,
  ),
  nlmDocument(
    record(
      'K0813',
      'Power wheelchair, group 1 standard, portable, sling/solid seat and back',
      'Pwc gp 1 std port seat/back',
      '2006-11-15',
      null,
    ),
    '2026-01-01',
    false,
  ),
  nlmDocument(
    record('J1640', 'Injection, hemin, 1 mg', 'Hemin, 1 mg', '2013-01-01', null),
    '2026-01-01',
    false,
  ),
  nlmDocument(
    record(
      'E1399',
      'Durable medical equipment, miscellaneous',
      'Durable medical equipment mi',
      '1986-01-01',
      '2025-06-30',
    ),
    '2026-01-01',
    true,
  ),
];

const codes = (q: string) => DOCS.filter((d) => matchesQuery(d, parseQueryString(q))).map((d) => d.code);

describe('q (Elasticsearch query string)', () => {
  it('matches whole words, phrases, wildcards and fields', () => {
    expect(codes('wheelchair')).toEqual(['E1161', 'K0813']);
    expect(codes('wheel')).toEqual([]);
    expect(codes('wheel*')).toEqual(['E1161', 'K0813']);
    expect(codes('long_desc:"power wheelchair"')).toEqual(['K0813']);
    expect(codes('long_desc:"wheelchair power"')).toEqual([]);
    expect(codes('code:j16?0')).toEqual(['J1640']);
    expect(codes('code:E1*')).toEqual(['E1161', 'E1399']);
    expect(codes('short_desc:wc')).toEqual(['E1161']);
    expect(codes('obsolete:true')).toEqual(['E1399']);
    expect(codes('is_noc:true')).toEqual(['E1399']);
    expect(codes('term_dt:*')).toEqual(['E1399']);
    expect(codes('*')).toHaveLength(4);
  });

  it('combines clauses as Lucene does: default OR; AND and + require; NOT and - prohibit', () => {
    expect(codes('hemin manual')).toEqual(['E1161', 'J1640']);
    expect(codes('wheelchair AND power')).toEqual(['K0813']);
    expect(codes('wheelchair && power')).toEqual(['K0813']);
    expect(codes('wheelchair -power')).toEqual(['E1161']);
    expect(codes('wheelchair NOT power')).toEqual(['E1161']);
    expect(codes('+wheelchair hemin')).toEqual(['E1161', 'K0813']);
    // "a OR b AND c": AND makes b and c required, a stays optional (Lucene's classic parser).
    expect(codes('hemin OR wheelchair AND power')).toEqual(['K0813']);
    expect(codes('(hemin OR wheelchair) AND NOT power')).toEqual(['E1161', 'J1640']);
    expect(codes('long_desc:(hemin OR manual)')).toEqual(['E1161', 'J1640']);
    // A purely negative query matches everything else (Elasticsearch adds match_all).
    expect(codes('-wheelchair')).toEqual(['J1640', 'E1399']);
    expect(codes('!obsolete:true')).toEqual(['E1161', 'K0813', 'J1640']);
  });

  it('ranges on dates (YYYYMMDD or YYYY-MM-DD), inclusive and exclusive, open with *', () => {
    expect(codes('add_dt:[20030101 TO 20061115]')).toEqual(['E1161', 'K0813']);
    expect(codes('add_dt:{20030101 TO 20061115}')).toEqual([]);
    expect(codes('add_dt:[2010-01-01 TO *]')).toEqual(['J1640']);
    expect(codes('add_dt:<19900101')).toEqual(['E1399']);
    expect(codes('add_dt:>=20061115')).toEqual(['K0813', 'J1640']);
  });

  it('escapes special characters with a backslash', () => {
    expect(codes('long_desc:sling\\/solid')).toEqual(['K0813']);
    expect(codes('code:E1\\*')).toEqual([]);
  });

  it('refuses what it does not support, saying what', () => {
    const refused = (q: string) => {
      try {
        parseQueryString(q);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(QueryStringError);
        return (error as Error).message;
      }
    };
    expect(refused('wheel~')).toBe('q: fuzzy and proximity searches (~) are not supported (at character 6)');
    expect(refused('AND wheelchair')).toBe('q: AND has nothing before it');
    expect(refused('wheelchair)')).toBe('q: a closing parenthesis has no opening one');
    expect(refused('wheelchair AND')).toBe('q: a clause is missing at the end');
    expect(refused('desc*:x')).toBe('q: field-name wildcards ("desc*") are not supported');
    expect(refused('add_dt:[a TO b]')).toBe('q: "a" is not a date (YYYYMMDD)');
    expect(refused('add_dt:[20200101 20201231]')).toBe(
      'q: the range "[20200101 20201231]" is not [from TO to] (at character 8)',
    );
  });
});
