/**
 * A CMS corrections list published after its release, imported on its own (`hcpcs import
 * <corrections zip>`): it joins the held release it corrects, and `check`, `show` and `history`
 * weigh it at once. Fixtures written here (never CMS files).
 */
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliSandbox } from './support/cli.js';
import { correctionsWorkbook, fileText, procedureLine } from './support/fixtures.js';

const { dir, hcpcs, write } = cliSandbox('hcpcs-corrections-');

const LIST = 'HCPC2099_Corrections_ALPHA.xlsx';

beforeAll(() => {
  write(
    '2099-01/HCPC2099_JAN_ANWEB.txt',
    fileText([
      '***Disclaimers',
      procedureLine('A9999', {
        longDescription: 'Miscellaneous dme supply or accessory, not otherwise specified',
        coverage: 'D',
      }),
      procedureLine('K0001', { longDescription: 'Standard wheelchair', coverage: 'D' }),
    ]),
  );
  const list = correctionsWorkbook([
    ['K0001', 'Discontinue', '02/01/2099', null, null, null, null, null, null, 'K0002'],
    ['A9999', 'Change Cov to C', '01/01/2099', null, null, null, null, 'C'],
  ]);
  write('2099-HCPCS-Alpha-Numeric-Corrections.zip', zipSync({ [LIST]: list }));
  write('2098-HCPCS-Alpha-Numeric-Corrections.zip', zipSync({ 'HCPC2098_Corrections_ALPHA.xlsx': list }));
  write(
    '2099-damaged-Corrections.zip',
    zipSync({ 'HCPC2099_Corrections_ALPHA_v2.xlsx': new Uint8Array([80, 75, 3, 4, 1]) }),
  );
});

describe('hcpcs import <corrections zip>', () => {
  it('refuses a list for a release not imported, and one no list of which can be read; the database stays as it was', () => {
    expect(hcpcs('import', join(dir, '2099-01')).status).toBe(0);
    const before = hcpcs('releases', '--json').stdout;
    const early = hcpcs('import', join(dir, '2098-HCPCS-Alpha-Numeric-Corrections.zip'));
    expect(early.status).toBe(1);
    expect(early.stderr).toContain(
      `${join(dir, '2098-HCPCS-Alpha-Numeric-Corrections.zip')}: a CMS corrections list for release 2098-01, which is not imported: import the release first`,
    );
    const damaged = hcpcs('import', join(dir, '2099-damaged-Corrections.zip'));
    expect(damaged.status).not.toBe(0);
    expect(damaged.stderr).toContain('no corrections list could be read, so nothing was added');
    expect(hcpcs('releases', '--json').stdout).toBe(before);
  });

  it('joins the held release: check, show and history weigh it; the same list again changes nothing', () => {
    expect(hcpcs('check', 'K0001', '--date', '2099-02-15').status).toBe(0);
    const added = hcpcs('import', join(dir, '2099-HCPCS-Alpha-Numeric-Corrections.zip'));
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('2099-01_v1 corrections-added: release 2099-01, revision 1');
    expect(added.stdout).toContain(
      `CMS corrections list: 2 corrections in ${join(dir, '2099-HCPCS-Alpha-Numeric-Corrections.zip')}!${LIST}`,
    );

    const check = hcpcs('check', 'K0001', '--date', '2099-02-15');
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('K0001 on 2099-02-15: NOT VALID (terminated)');
    expect(check.stdout).toContain(
      `terminated on 2099-01-31 (last day of use), replaced by K0002: CMS's corrections to 2099-01: "Discontinue", effective 2099-02-01 (${LIST} [sheet 2019 HCPS Corrections] row 5)`,
    );
    expect(hcpcs('check', 'K0001', '--date', '2099-01-15').status).toBe(0);
    // The file's status, and beside it the last day of use the list sets inside the quarter.
    const k0001 = JSON.parse(hcpcs('show', 'K0001', '--json').stdout) as {
      status: { text: string };
      correctedStatus: { status: string; terminationDate: string; text: string } | null;
    };
    expect([k0001.status.text, k0001.correctedStatus]).toEqual([
      'active',
      {
        status: 'active',
        terminationDate: '2099-01-31',
        text: "active, terminates after 2099-01-31 by CMS's corrections",
      },
    ]);

    const shown = JSON.parse(hcpcs('show', 'A9999', '--json').stdout) as {
      coverage: string;
      corrections: { kind: string; changes: { field: string; from: string; to: string }[] }[];
    };
    expect(shown.coverage).toBe('D');
    expect(shown.corrections.map((c) => [c.kind, c.changes])).toEqual([
      ['change', [expect.objectContaining({ field: 'coverage', from: 'D', to: 'C' })]],
    ]);
    const history = JSON.parse(hcpcs('history', 'K0001', '--json').stdout) as {
      events: { release: string; type: string }[];
    };
    expect(history.events.map((e) => [e.release, e.type])).toEqual([
      ['2099-01_v1', 'first-seen'],
      ['2099-01_v1', 'corrected'],
    ]);

    const again = hcpcs('import', join(dir, '2099-HCPCS-Alpha-Numeric-Corrections.zip'));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('2099-01_v1 unchanged');
  });

  it("a zip of a list's versions (as CMS's 2018 V1_ ... V4_ with a read-me): the last is applied, the earlier named superseded", () => {
    const zip = join(dir, '2099-versions-Corrections.zip');
    write(
      '2099-versions-Corrections.zip',
      zipSync({
        'V1_HCPC2099_Corrections_ANWEB.xlsx': correctionsWorkbook([
          ['A9999', 'Change Cov', '01/01/2099', null, null, null, null, 'M'],
          [
            'K0009',
            'ADD CODE',
            '01/01/2099',
            'Other wheelchair',
            'Other manual wheelchair/base',
            '1',
            null,
            'C',
            '46',
          ],
        ]),
        // The row for A9999 again, with another value; the add of K0009 dropped.
        'V2_HCPC2099_Corrections_ANWEB.xlsx': correctionsWorkbook([
          ['A9999', 'Change Cov', '01/01/2099', null, null, null, null, 'I'],
        ]),
        'HCPC2099_Corrections_README.txt': new TextEncoder().encode('All versions are in this zip.\r\n'),
      }),
    );
    const added = hcpcs('import', zip);
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(
      `CMS corrections list superseded, kept and not applied: 2 corrections in ${zip}!V1_HCPC2099_Corrections_ANWEB.xlsx; V2_HCPC2099_Corrections_ANWEB.xlsx is a later version of it that repeats at least half of its rows`,
    );
    expect(added.stdout).toContain(
      `CMS corrections list: 1 corrections in ${zip}!V2_HCPC2099_Corrections_ANWEB.xlsx`,
    );
    // The read-me is kept with the release's files, and not read as a list.
    expect(added.stdout).not.toContain('not read');
    expect(hcpcs('check', 'K0009', '--date', '2099-02-15').stdout).toContain(
      'K0009 on 2099-02-15: NOT VALID (unknown)',
    );
    const a9999 = JSON.parse(hcpcs('check', 'A9999', '--date', '2099-02-15', '--json').stdout) as {
      coverage: { code: string };
    };
    expect(a9999.coverage.code).toBe('I');
  });
});
