/**
 * `hcpcs import / releases / show / export` end to end: the real CLI on real SQLite files, with
 * fixtures written here (never CMS files).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './support/cli.js';
import { fileText, procedureLine, recordLine } from './support/fixtures.js';

const { dir, hcpcs, write } = cliSandbox('hcpcs-cli-');

const goodLines = [
  '***Disclaimers',
  recordLine({
    code: 'LT',
    longDescription: 'Left side (used to identify procedures performed on the left side of the body)',
    actionCode: 'N',
  }),
  procedureLine('A9999', {
    longDescription: 'Miscellaneous dme supply or accessory, not otherwise specified',
  }),
  procedureLine('J9999', {
    longDescription: 'Not otherwise classified, antineoplastic drugs',
    coverage: 'Q',
  }),
  procedureLine('K0001', {
    longDescription: 'Standard wheelchair',
    terminationDate: '20981231',
    actionCode: 'D',
  }),
];

/** Everything a user can see of the database: must not move when an import fails. */
function snapshot(): string {
  const releases = hcpcs('releases', '--json').stdout;
  const records = hcpcs('export', '--format', 'ndjson').stdout;
  return releases + records;
}

beforeAll(() => {
  write('2099-01/HCPC2099_JAN_ANWEB.txt', fileText(goodLines));
});

describe('hcpcs import', () => {
  it('imports a release, counts and lists its data-quality warnings, and the same files again change nothing', () => {
    const first = hcpcs('import', join(dir, '2099-01'));
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2099-01_v1 imported: release 2099-01, revision 1, effective 2099-01-01');
    expect(first.stdout).toContain(
      'records 4: 3 procedure codes, 1 modifiers; 3 active, 1 terminated; 0 processing notes; 1 data-quality warnings',
    );
    expect(first.stdout).toContain('J9999 coverage "Q": not in the code table HCPCS Coverage Code');
    const again = hcpcs('import', join(dir, '2099-01'));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('2099-01_v1 unchanged');
    const releases = JSON.parse(hcpcs('releases', '--json').stdout) as {
      key: string;
      files: { sha256: string }[];
    }[];
    expect(releases.map((r) => r.key)).toEqual(['2099-01_v1']);
    expect(releases[0]?.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a second revision is added beside the first; the latest is the default and both can be shown', () => {
    const revised = goodLines.map((l) => l.replace('Standard wheelchair', 'Standard wheelchair, revised'));
    write('2099-01-v2/HCPC2099_JAN_ANWEB_v2.txt', fileText(revised));
    const result = hcpcs('import', join(dir, '2099-01-v2'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2099-01_v2 imported');
    const latest = JSON.parse(hcpcs('show', 'k0001', '--json').stdout);
    expect(latest.longDescription).toBe('Standard wheelchair, revised');
    expect(latest.releaseKey).toBe('2099-01_v2');
    const older = JSON.parse(hcpcs('show', 'K0001', '--release', '2099-01_v1', '--json').stdout);
    expect(older.longDescription).toBe('Standard wheelchair');
    expect(older.status).toEqual({
      status: 'terminated',
      terminationDate: '2098-12-31',
      text: 'terminated on 2098-12-31',
    });
  });

  it('show prints every field with its meaning and definition, and the JSON carries warnings and decoded values', () => {
    const text = hcpcs('show', 'J9999');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Pricing Indicator Code #1: 51 = Drugs');
    expect(text.stdout).toContain('Coverage Code: Q = unknown code');
    expect(text.stdout).toContain(
      'Code used to identify the appropriate methodology for developing unique pricing',
    );
    expect(text.stdout).toContain('coverage "Q": not in the code table HCPCS Coverage Code');
    const json = JSON.parse(hcpcs('show', 'J9999', '--json').stdout);
    expect(json.warnings).toEqual([
      { field: 'coverage', value: 'Q', problem: 'not in the code table HCPCS Coverage Code' },
    ]);
    expect(json.decoded.coverage).toBe('unknown code');
    expect(json.decoded.pricingIndicators).toEqual(['Drugs']);
    expect(json.definitions.coverage).toBe('A code denoting Medicare coverage status.');
    expect(json.coverage).toBe('Q');
  });

  it('export writes one record per code as NDJSON or CSV', () => {
    const ndjson = hcpcs('export', '--release', '2099-01_v1').stdout.trim().split('\n');
    expect(ndjson.map((l) => JSON.parse(l).code)).toEqual(['LT', 'A9999', 'J9999', 'K0001']);
    const out = join(dir, 'export.csv');
    expect(hcpcs('export', '--format', 'csv', '--out', out).status).toBe(0);
    const csv = spawnSync('cat', [out], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(csv[0]?.startsWith('code,kind,release,longDescription,shortDescription,pricingIndicators,')).toBe(
      true,
    );
    expect(csv).toHaveLength(5);
    expect(csv[3]).toContain('J9999,procedure,2099-01,"Not otherwise classified, antineoplastic drugs"');
  });

  describe('bad input: exit 1, a message naming file and line, and the database exactly as before', () => {
    const cases: [string, () => string, RegExp][] = [
      [
        'a truncated file',
        () => write('bad/HCPC2098_JAN_ANWEB.txt', fileText(goodLines).slice(0, 700)),
        /HCPC2098_JAN_ANWEB\.txt:4: record is 40 characters long: a first line must reach column 293 .* \(is the file truncated\?\)/,
      ],
      [
        'a file of another kind',
        () => write('bad/notes.txt', 'Dear coder,\nthis is a letter.\n'),
        /notes\.txt: not an Alpha-Numeric HCPCS record file/,
      ],
      [
        // A line that ends before its description (a record ending early at a later field is
        // kept with a warning: src/ingest/fixed-width.test.ts).
        'a record line cut inside its record id',
        () =>
          write(
            'bad/HCPC2098_JAN_ANWEB.txt',
            fileText([goodLines[2] ?? '', (goodLines[3] ?? '').slice(0, 11), goodLines[4] ?? '']),
          ),
        /HCPC2098_JAN_ANWEB\.txt:2: record is 11 characters long/,
      ],
      [
        'an unknown record id',
        () => write('bad/HCPC2098_JAN_ANWEB.txt', fileText([recordLine({ code: 'A0021', rid: '6' })])),
        /HCPC2098_JAN_ANWEB\.txt:1: unknown record identification code "6"/,
      ],
      [
        'a continuation line without its first line',
        () =>
          write(
            'bad/HCPC2098_JAN_ANWEB.txt',
            fileText([
              goodLines[2] ?? '',
              recordLine({ code: 'A0021', seq: '00200', rid: '4', longDescription: 'x' }),
            ]),
          ),
        /HCPC2098_JAN_ANWEB\.txt:2: continuation line of procedure A0021 without its first line/,
      ],
      [
        'a code defined twice with different values',
        () =>
          write(
            'bad/HCPC2098_JAN_ANWEB.txt',
            fileText([goodLines[2] ?? '', procedureLine('A9999', { longDescription: 'Another supply' })]),
          ),
        /HCPC2098_JAN_ANWEB\.txt:2: duplicate procedure code A9999: already defined at line 1/,
      ],
      ['an empty zip', () => write('bad/empty.zip', zipSync({})), /empty\.zip: the zip holds no files/],
      ['a path that does not exist', () => join(dir, 'nowhere.zip'), /nowhere\.zip: no such file or folder/],
    ];
    for (const [name, make, message] of cases) {
      it(name, () => {
        const before = snapshot();
        const path = make();
        const result = hcpcs('import', path);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(message);
        expect(snapshot()).toBe(before);
      });
    }

    it('two releases in one import: one bad file stops both', () => {
      write('both/HCPC2097_JAN_ANWEB.txt', fileText(goodLines));
      write(
        'both/HCPC2096_JAN_ANWEB.txt',
        fileText([goodLines[2] ?? '', procedureLine('A9999', { longDescription: 'Another supply' })]),
      );
      const before = snapshot();
      const result = hcpcs('import', join(dir, 'both'));
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/HCPC2096_JAN_ANWEB\.txt:2: duplicate procedure code A9999/);
      expect(snapshot()).toBe(before);
    });
  });

  it('usage errors exit 2; unknown codes and releases exit 1 with a reason', () => {
    expect(hcpcs('show').status).toBe(2);
    expect(hcpcs('export', '--format', 'xml').status).toBe(2);
    const badRelease = hcpcs('show', 'K0001', '--release', 'last-year');
    expect(badRelease.status).toBe(2);
    expect(badRelease.stderr).toContain('release "last-year" is not a release id: use YYYY-MM or YYYY-MM_vN');
    const missing = hcpcs('show', 'Z9999');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Z9999 is not in release 2099-01_v2');
    const notImported = hcpcs('show', 'K0001', '--release', '2001-01');
    expect(notImported.status).toBe(1);
    expect(notImported.stderr).toContain(
      'release 2001-01 is not imported (imported: 2099-01_v1, 2099-01_v2)',
    );
  });
});
