/**
 * `hcpcs search` end to end: the real CLI on a copy of the database holding every sample release.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sampleDbPath } from './support/cms.js';

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-search-cli-'));
const db = join(dir, 'hcpcs.sqlite');
const env = { ...process.env, HCPCS_DB: db, HCPCS_SEARCH_CACHE: join(dir, 'cache') };

function hcpcs(...args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/hcpcs.js'), 'search', ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  copyFileSync(sampleDbPath(), db);
});

describe('hcpcs search', () => {
  it('--json prints {total, hits} with every field a hit carries', () => {
    const out = hcpcs('hemin', '--json');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      total: 1,
      hits: [
        {
          code: 'J1640',
          shortDescription: 'Hemin, 1 mg',
          longDescription: 'Injection, hemin, 1 mg',
          status: 'active',
          release: '2026-01_v1',
          matched: ['hemin'],
          kind: 'procedure',
          score: expect.any(Number),
          partial: false,
          noc: false,
        },
      ],
      release: '2026-01_v1',
      partial: false,
      query: 'hemin',
    });
  });

  it('takes the query as several words, with filters and paging', () => {
    const all = JSON.parse(hcpcs('power', 'wheelchair', '--range', 'K', '--limit', '30', '--json').stdout);
    const page = JSON.parse(
      hcpcs('power', 'wheelchair', '--range', 'K', '--limit', '10', '--offset', '10', '--json').stdout,
    );
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h: { code: string }) => h.code)).toEqual(
      all.hits.slice(10, 20).map((h: { code: string }) => h.code),
    );
    expect(all.hits.every((h: { code: string }) => h.code.startsWith('K'))).toBe(true);
  });

  it('prints one hit a line, with how it matched', () => {
    const out = hcpcs('abelcet', '--limit', '2');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(
      [
        'J0287  Injection, amphotericin b lipid complex, 10 mg  [via Table of Drugs: Abelcet, see Amphotericin B Lipid Complex]',
        'J0289  Injection, amphotericin b liposome, 10 mg  [via Table of Drugs: Abelcet, see Amphotericin B Lipid Complex]',
        '',
        '1-2 of 3 in release 2026-01_v1',
        '',
      ].join('\n'),
    );
  });

  it('--date puts the codes in effect on it first, as /api/search does; --order relevance keeps the ranking', () => {
    const codes = (...args: string[]) =>
      JSON.parse(hcpcs('methylprednisolone', '40', 'mg', '--json', ...args).stdout).hits.map(
        (h: { code: string }) => h.code,
      );
    const ranked = codes();
    expect(ranked.indexOf('J1030')).toBeLessThan(ranked.indexOf('J1010'));
    const dated = codes('--date', '2026-02-01');
    expect(dated.slice(0, 3).sort()).toEqual(['J1010', 'J2919', 'J7509']);
    expect(dated.slice(3).sort()).toEqual(['J1020', 'J1030', 'J1040', 'J2920', 'J2930']);
    expect(codes('--date', '2026-02-01', '--order', 'relevance')).toEqual(ranked);
  });

  it('searches another release when asked', () => {
    const out = JSON.parse(hcpcs('J1640', '--release', '2019-01', '--json').stdout);
    expect(out.hits[0]).toMatchObject({ code: 'J1640', release: '2019-01_v1' });
  });
});

describe('hcpcs search, bad input', () => {
  it.each([[''], ['!!!'], ['"'], ['*'], ['--'], ['\u0001\u0002']])('%j: an empty result, exit 0', (query) => {
    const out = hcpcs('--json', '--', query);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ total: 0, hits: [] });
  });

  it('FTS words: NEAR( and OR are words', () => {
    const out = hcpcs('--json', '--', 'NEAR(', 'OR');
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).total).toBeGreaterThan(0);
  });

  it('invalid UTF-8 bytes in the argument', () => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" bin/hcpcs.js search --json "$(printf 'hemin\\377\\376')"`],
      {
        cwd: REPO_ROOT,
        env,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).hits[0].code).toBe('J1640');
  });

  it('10,000 characters: exit 2 and a message naming the limit', () => {
    const out = hcpcs('--json', 'x'.repeat(10_000));
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(JSON.parse(out.stderr)).toEqual({
      error: { code: 'HCPCS_E_USAGE', message: 'query: 10000 characters is too long; at most 1000' },
    });
  });

  it.each([
    [['hemin', '--limit', 'ten'], 'hcpcs: --limit: "ten" is not a whole number\n'],
    [['hemin', '--limit', '0'], 'hcpcs: limit: "0" is not a whole number from 1 to 1000\n'],
    [['hemin', '--date', '2026-02-30x'], 'hcpcs: date: "2026-02-30x" is not an ISO date (YYYY-MM-DD)\n'],
    [
      ['hemin', '--range', 'J1*'],
      'hcpcs: range: "J1*" is not a code range (J1000-J1099), a prefix (E01) or a letter (J)\n',
    ],
  ])('%j: exit 2', (args, message) => {
    const out = hcpcs(...args);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe(message);
  });

  it('an unknown release: exit 1', () => {
    const out = hcpcs('hemin', '--release', '2030-01');
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(
      /^hcpcs: release 2030-01 is not imported \(imported: 2013-01_v1, 2019-01_v1, /,
    );
  });
});
