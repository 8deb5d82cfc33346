/**
 * `hcpcs history / diff / check` end to end: the real CLI on a copy of the sample database (every
 * CMS sample release imported), claim files written here.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './support/cli.js';
import { sampleDbPath } from './support/cms.js';

const { dir, db, hcpcs } = cliSandbox('hcpcs-history-cli-');

beforeAll(() => {
  copyFileSync(sampleDbPath(), db);
});

describe('hcpcs history', () => {
  it('prints the timeline as JSON with {code, events: [{release, type}]}', () => {
    const result = hcpcs('history', 'C9041', '--json');
    expect(result.status).toBe(0);
    const history = JSON.parse(result.stdout);
    expect(history.code).toBe('C9041');
    expect(history.events.map((e: { release: string; type: string }) => `${e.release} ${e.type}`)).toEqual([
      '2020-01_v1 added',
      '2020-07_v1 terminated',
      '2020-07_v1 administrative-change',
      '2023-01_v3 administrative-change',
    ]);
    expect(history.replacedBy).toEqual(['J7169']);
  });

  it('prints the timeline as text with old -> new values and decoded meanings', () => {
    const result = hcpcs('history', 'C9041');
    expect(result.status).toBe(0);
    // Consecutive releases of one status and action code on one line.
    expect(result.stdout).toContain(
      [
        'Releases (10 imported):',
        '  2013-01_v1 to 2019-01_v1  2013-01-01 to 2019-01-01  absent  (2 releases)',
        '  2020-01_v1  2020-01-01  active  (action code A)',
        '  2020-04_v1  2020-04-01  active  (action code N)',
        '  2020-07_v1  2020-07-01  terminated  (action code D)',
        '  2020-10_v1 to 2026-01_v1  2020-10-01 to 2026-01-01  terminated  (action code N)  (5 releases)',
        '',
        'Events:',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      '2020-07_v1  terminated: terminated: last day of use 2020-06-30, replaced by J7169',
    );
    expect(result.stdout).toContain(
      'ASC Payment Group Code: YY (Approved to be performed in an ambulatory surgical center) -> (blank)',
    );
    expect(result.stdout).toContain('Replaced by (XREF): J7169');
  });

  it('exits 1 for a code in no release', () => {
    const result = hcpcs('history', 'Z9999');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('hcpcs: Z9999 is in no imported release\n');
  });
});

describe('hcpcs diff', () => {
  it('two revisions of October 2025: one change, as JSON and CSV', () => {
    const json = hcpcs('diff', '2025-10_v1', '2025-10', '--json');
    expect(json.status).toBe(0);
    const diff = JSON.parse(json.stdout);
    expect(diff).toMatchObject({
      from: '2025-10_v1',
      to: '2025-10_v4',
      added: [],
      removed: [],
      terminated: [],
      reactivated: [],
    });
    expect(diff.changed.map((c: { code: string; field: string }) => `${c.code} ${c.field}`)).toEqual([
      'L6034 longDescription',
    ]);
    const csv = hcpcs('diff', '2025-10_v1', '2025-10_v4', '--csv').stdout.trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(
      /^2025-10_v1,2025-10_v4,changed,L6034,longDescription,Code Description,"Partial hand/,
    );
  });

  it('--csv carries the description of each added and terminated code', () => {
    const csv = hcpcs('diff', '2020-04', '2020-07', '--csv').stdout.trim().split('\n');
    expect(csv[0]?.endsWith(',description')).toBe(true);
    expect(csv).toContain('2020-04_v1,2020-07_v1,added,C9059,,,,,,,"Injection, meloxicam, 1 mg"');
    expect(csv).toContain(
      '2020-04_v1,2020-07_v1,terminated,C9054,terminationDate,Termination Date,,2020-06-30,,,"Injection, lefamulin (xenleta), 1 mg"',
    );
    const events = csv.filter((l) => /^[^,]*,[^,]*,(added|terminated),/.test(l));
    expect(events).toHaveLength(61 + 9);
    expect(events.filter((l) => l.endsWith(','))).toEqual([]);
  });

  it("names CMS's corrections to either release: counted, marked where a code is listed, then listed (text and CSV)", () => {
    const text = hcpcs('diff', '2019-01', '2020-01').stdout.split('\n');
    expect(text).toContain("  CMS's corrections to 2019-01: 14 (the files are compared as published)");
    expect(text).toContain("  C1890  No device w/dev-intensive px  [CMS's corrections: see below]");
    expect(text).toContain(
      "  C9034  Injection, dexamethasone 9%  (last day 2018-12-31, replaced by J1095)  [CMS's corrections: see below]",
    );
    const listed = text.slice(
      text.indexOf(
        "CMS's corrections (14): published after the release they correct; the records above are the files as published",
      ) + 1,
    );
    expect(listed.filter((l) => l !== '').map((l) => l.slice(0, 7).trim())).toEqual([
      'A5513',
      'B4105',
      'C1890',
      'C9034',
      'C9468',
      'J1095',
      'J2186',
      'J2787',
      'Q2026',
      'Q5111',
      'Q9994',
      'DA',
      'C1890',
      'J7329',
    ]);
    expect(listed[1]).toBe(
      `  B4105  CMS's corrections to 2019-01: "Change Cov to C and Price to 39", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 6): Pricing Indicator Code 00 -> 39; Coverage Code D -> C`,
    );
    const csv = hcpcs('diff', '2019-01', '2020-01', '--csv').stdout.trim().split('\n');
    const corrected = csv.filter((l) => l.startsWith('2019-01_v1,2020-01_v1,corrected,'));
    expect(corrected).toHaveLength(14);
    expect(corrected[3]).toBe(
      `2019-01_v1,2020-01_v1,corrected,C9034,discontinue,"CMS's corrections to 2019-01: ""Discontinue"", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8): Cross Reference Code (blank) -> J1095",,,,,"Injection, dexamethasone 9%, intraocular, 1 mcg"`,
    );
    // Releases no list corrects: no line, no row.
    expect(hcpcs('diff', '2020-04', '2020-07').stdout).not.toContain("CMS's corrections");
  });

  it("show: a code the 2019 file lacks and CMS's corrections add, as they give it (J1095 in 2019-01)", () => {
    const text = hcpcs('show', 'J1095', '--release', '2019-01', '--no-definitions');
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      'J1095  Injection, dexamethasone 9 percent, intraocular, 1 microgram',
      'Procedure code · release 2019-01_v1 · status: active',
      "not in the file as published: the 2019-01_v1 file as published lacks J1095; CMS's corrections to 2019-01: \"ADD CODE\", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 10) adds it, so the record is as CMS's corrections give it: their values over the nearest file's record of the code",
    ]);
    expect(text.stdout).toContain(
      "CMS's corrections to this release (the values above are as they give them):",
    );
    const json = JSON.parse(hcpcs('show', 'J1095', '--release', '2019-01', '--json').stdout) as {
      releaseKey: string;
      coverage: string;
      notInFile: string;
    };
    expect([json.releaseKey, json.coverage, json.notInFile.slice(0, 48)]).toEqual([
      '2019-01_v1',
      'D',
      'the 2019-01_v1 file as published lacks J1095; CM',
    ]);
    // A code neither the file nor a correction holds is still not found.
    expect(hcpcs('show', 'J1096', '--release', '2019-01').status).toBe(1);
  });

  it('--summary prints only the counts by kind and by field', () => {
    const result = hcpcs('diff', '2020-04', '2020-07', '--summary');
    expect(result.stdout).toBe(
      [
        '2020-04_v1 (2020-04-01) -> 2020-07_v1 (2020-07-01)',
        '  added: 61',
        '  removed: 0',
        '  terminated: 9',
        '  reactivated: 0',
        '  changed: 26 field changes in 15 codes',
        '    longDescription: 5',
        '    shortDescription: 5',
        '    crossReferences: 6',
        '    addedDate: 1',
        '    terminationDate: 9',
        '',
      ].join('\n'),
    );
  });

  it('--against-cms counts agreements with the transaction report', () => {
    const result = hcpcs('diff', '2020-01', '2020-04', '--against-cms', '--summary', '--json');
    expect(result.status).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.againstCms).toMatchObject({
      from: '2020-01_v1',
      to: '2020-04_v1',
      agree: 7072,
      disagree: 25,
      byCategory: { cosmetic: 24, 'changed-without-action': 1 },
    });
    const text = hcpcs('diff', '2020-01', '2020-04', '--against-cms').stdout;
    expect(text).toContain('  agree: 7072   disagree: 25');
    expect(text).toContain('  C9053  CMS: ADD  computed: added  agree');
    expect(text).toContain(
      '  L2006  CMS: No Change  computed: longDescription  DISAGREE [changed-without-action] field changed without an action code: CMS lists "No Change" but longDescription changed',
    );
  });

  it('refuses --json with --csv (exit 2) and an unknown release (exit 1)', () => {
    expect(hcpcs('diff', '2020-01', '2020-04', '--json', '--csv').status).toBe(2);
    const missing = hcpcs('diff', '2018-01', '2020-04');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^hcpcs: release 2018-01 is not imported \(imported: 2013-01_v1, 2019-01_v1/,
    );
  });
});

describe('hcpcs check', () => {
  it('J1412 on 2023-12-15: not valid, not yet effective (JSON shape, exit 1)', () => {
    const result = hcpcs('check', 'J1412', '--date', '2023-12-15', '--json');
    expect(result.status).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body).slice(0, 7)).toEqual([
      'code',
      'date',
      'valid',
      'status',
      'reasons',
      'release',
      'replacedBy',
    ]);
    expect(body).toMatchObject({
      code: 'J1412',
      date: '2023-12-15',
      valid: false,
      status: 'not-yet-effective',
      release: '2025-10_v4',
    });
  });

  it('a terminated code: text names the termination date and the successor', () => {
    const result = hcpcs('check', 'C9041', '--date', '2020-08-01', '--modifier', 'LT');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('C9041 on 2020-08-01: NOT VALID (terminated)');
    expect(result.stdout).toContain(
      '  - terminated on 2020-06-30 (last day of use), replaced by J7169 (release 2020-07_v1)',
    );
    expect(result.stdout).toContain('  modifier LT: valid');
  });

  it('a valid code exits 0', () => {
    const result = hcpcs('check', 'J1640', '--date', '2026-02-01');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('J1640 on 2026-02-01: VALID');
  });

  it('usage errors exit 2', () => {
    expect(hcpcs('check', 'J1640', '--date', '2026-02-30').status).toBe(2);
    expect(hcpcs('check').status).toBe(2);
    expect(hcpcs('check', 'J1640', '--file', 'x.csv').status).toBe(2);
  });

  it('--file streams one row per claim line, malformed rows by line number, CSV or NDJSON', () => {
    const claims = join(dir, 'claims.csv');
    writeFileSync(
      claims,
      'code,date,modifiers\nJ1412,2023-12-15,\nC9041,2020-08-01,LT\nJ1640,2026-02-30,\nj1640,2026-02-01,\n',
    );
    const csv = hcpcs('check', '--file', claims);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'line,code,date,modifiers,valid,status,release,replaced_by,coverage,payable_by_medicare,reasons,warnings,error',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      '2,J1412,2023-12-15,,false,not-yet-effective',
      '3,C9041,2020-08-01,LT,false,terminated',
      '4,J1640,2026-02-30,,false,error',
      '5,j1640,2026-02-01,,false,malformed',
    ]);
    expect(csv.stderr).toContain(`hcpcs: ${claims}:4: date "2026-02-30" is not a date`);
    expect(csv.stderr).toContain('hcpcs: checked 4 rows: 0 valid, 3 not valid, 1 malformed (lines 4)');
    const ndjson = hcpcs('check', '--file', claims, '--json')
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ndjson.map((r) => [r.line, r.status])).toEqual([
      [2, 'not-yet-effective'],
      [3, 'terminated'],
      [4, 'error'],
      [5, 'malformed'],
    ]);
    expect(ndjson[3].suggestion).toBe('J1640');
  });

  it('--file of a missing file is an input error (exit 1)', () => {
    const result = hcpcs('check', '--file', join(dir, 'nope.csv'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no such file');
  });
});

describe('history and check say which quarters between the releases held are missing', () => {
  it('history: every run of quarters with no release held, as text and JSON', () => {
    const text = hcpcs('history', 'J1640');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      '44 quarters between the releases held are not imported: 2013-04 to 2018-10 (23 quarters), 2019-04 to 2019-10 (3 quarters), 2021-01 to 2022-10 (8 quarters), 2023-04 to 2025-07 (10 quarters)',
    );
    const json = JSON.parse(hcpcs('history', 'J1640', '--json').stdout) as { missingQuarters: string[] };
    expect(json.missingQuarters).toHaveLength(44);
    expect(json.missingQuarters.slice(0, 2)).toEqual(['2013-04', '2013-07']);
  });

  it('check: the run of missing quarters the date of service falls in', () => {
    const text = hcpcs('check', 'J1640', '--date', '2016-03-01');
    expect(text.stdout).toContain(
      'quarters not imported around 2016-03-01: 2013-04 to 2018-10 (23 quarters) (between the releases held before and after)',
    );
    const json = JSON.parse(hcpcs('check', 'J1640', '--date', '2024-05-01', '--json').stdout) as {
      missingQuarters: string[];
    };
    expect(json.missingQuarters[0]).toBe('2023-04');
    expect(json.missingQuarters).toHaveLength(10);
    const held = JSON.parse(hcpcs('check', 'J1640', '--date', '2020-05-01', '--json').stdout) as {
      missingQuarters: string[];
    };
    expect(held.missingQuarters).toEqual([]);
  });
});
