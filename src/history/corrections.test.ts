/**
 * CMS's 2019 corrections lists (2019-HCPCS-Alpha-Numeric-Corrections.zip, imported with the 2019
 * annual release of the sample set) as validity, history and record views give them.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath, useSampleStore } from '../../test/support/cms.js';
import {
  correctionsFile,
  correctionsWorkbook,
  testRecord,
  testRelease,
} from '../../test/support/fixtures.js';
import { CORRECTIONS_READER } from '../ingest/corrections.js';
import { HcpcsStore } from '../store/store.js';
import { codeHistory } from './code-history.js';
import { historyContext } from './context.js';
import { recordCorrections } from './corrected-code.js';
import { releaseAsCorrected } from './corrected-release.js';
import { checkCode } from './validity.js';

const store = useSampleStore();
const LIST = 'HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections]';

describe("CMS's 2019 corrections over the sample releases", () => {
  it('reads both lists of the 2019 release from the store: 11 and 3 corrections, the PRN prints set aside', () => {
    const { lists } = historyContext(store).corrections();
    expect(lists.map((l) => [l.release, l.file, l.format, l.entries, l.error])).toEqual([
      ['2019-01_v1', 'HCPC2019_Corrections_ALPHA.xlsx', 'workbook', 11, null],
      ['2019-01_v1', 'HCPC2019_Corrections_ALPHA_v2.xlsx', 'workbook', 3, null],
    ]);
    expect(lists[0]?.warnings).toEqual([
      `${LIST} row 14: EFF DATE "01/0/12019" is not a date; the correction is kept without one`,
    ]);
  });

  it('the import kept each list as read, by file and reader version; another version reads the file again', () => {
    const files = store
      .sourceFileContents('2019-01_v1', 'corrections')
      .filter((f) => f.name.endsWith('.xlsx'));
    const kept = files.map((f) => store.correctionsRead(f.sha256, CORRECTIONS_READER));
    expect(kept.map((k) => (JSON.parse(k ?? '{}') as { entries?: unknown[] }).entries?.length)).toEqual([
      11, 3,
    ]);
    expect(store.correctionsRead(files[0]?.sha256 ?? '', CORRECTIONS_READER + 1)).toBeUndefined();
  });

  it('C9034, discontinued by the corrections from 2019-01-01: not valid on 2019-03-01 though the 2019 file holds it', () => {
    const result = checkCode(store, { code: 'C9034', date: '2019-03-01' });
    expect(result).toMatchObject({
      valid: false,
      status: 'terminated',
      release: '2019-01_v1',
      releaseInEffect: '2019-01_v1',
      terminationDate: '2018-12-31',
      replacedBy: ['J1095'],
    });
    expect(result.reasons).toEqual([
      `terminated on 2018-12-31 (last day of use), replaced by J1095: CMS's corrections to 2019-01: "Discontinue", effective 2019-01-01 (${LIST} row 8); the 2019-01_v1 file as published holds it without a termination date`,
    ]);
    expect(result.corrections.map((c) => [c.kind, c.source])).toEqual([['discontinue', `${LIST} row 8`]]);
    // What `show`, /api/codes and the code page put beside the file's status.
    const shown = recordCorrections(
      historyContext(store),
      store.release('2019-01_v1') as NonNullable<ReturnType<typeof store.release>>,
      store.record('2019-01_v1', 'C9034') as NonNullable<ReturnType<typeof store.record>>,
    );
    expect(shown.correctedStatus).toEqual({
      status: 'terminated',
      terminationDate: '2018-12-31',
      text: "terminated on 2018-12-31 by CMS's corrections",
    });
    // Before the 2019 file takes effect, its corrections do not apply.
    expect(checkCode(store, { code: 'C9034', date: '2018-12-15' }).corrections).toEqual([]);
  });

  it('C1890, added by the corrections and missing from the 2019 file: valid on 2019-03-01, the correction named', () => {
    const result = checkCode(store, { code: 'C1890', date: '2019-03-01' });
    expect(result).toMatchObject({ valid: true, status: 'valid', releaseInEffect: '2019-01_v1' });
    expect(result.reasons).toContain(
      `CMS's corrections to 2019-01: "ADD CODE", effective 2019-01-01 (${LIST} row 7) adds it; the 2019-01_v1 file as published lacks it`,
    );
    expect(result.corrections.map((c) => [c.kind, c.changes])).toEqual([
      ['add', null],
      ['change', null],
    ]);
  });

  it("B4105: the coverage the corrections give (C, not the file's D) is the one reported, with what changed", () => {
    const result = checkCode(store, { code: 'B4105', date: '2019-03-01' });
    expect(result.coverage?.code).toBe('C');
    expect(result.corrections[0]?.changes?.map((c) => [c.field, c.from, c.to])).toEqual([
      ['pricingIndicators', ['00'], ['39']],
      ['coverage', 'D', 'C'],
    ]);
    expect(result.notes).toEqual([
      `CMS's corrections to 2019-01: "Change Cov to C and Price to 39", effective 2019-01-01 (${LIST} row 6): Pricing Indicator Code 00 -> 39; Coverage Code D -> C`,
    ]);
    // The release record itself stays as CMS published it.
    const release = store.release('2019-01_v1');
    expect(store.record('2019-01_v1', 'B4105')?.coverage).toBe('D');
    const shown = recordCorrections(
      historyContext(store),
      release as NonNullable<typeof release>,
      store.record('2019-01_v1', 'B4105') as NonNullable<ReturnType<typeof store.record>>,
    );
    // Values change, the status does not: no corrected status.
    expect(shown.correctedStatus).toBeNull();
    const views = shown.corrections;
    expect(views.map((v) => v.action)).toEqual(['Change Cov to C and Price to 39']);
  });

  it("C9468, Q2026 and A5513: values read from CMS's words (the rows give none), said so", () => {
    const c9468 = checkCode(store, { code: 'C9468', date: '2019-03-01' }).corrections[0];
    // The 2019 file's cross reference is a typo CMS corrected: J7023 for J7203.
    expect(c9468?.changes?.map((c) => [c.field, c.from, c.to])).toEqual([
      ['crossReferences', ['J7023'], ['J7203']],
    ]);
    expect(c9468?.message).toBe(
      `CMS's corrections to 2019-01: "Change xref code to J7203", effective 2019-01-01 (${LIST} row 9): Cross Reference Code J7023 -> J7203 (read from CMS's words)`,
    );
    const q2026 = checkCode(store, { code: 'Q2026', date: '2019-03-01' }).corrections[0];
    expect(q2026?.changes?.map((c) => [c.field, c.from, c.to])).toEqual([
      ['ascGroup', 'YY', null],
      ['ascEffectiveDate', '2019-01-01', null],
    ]);
    // "Change Action code to "F" and add Action Effective date": the date named with no value is
    // the row's EFF DATE. The 2019 file holds both already, so nothing changes.
    const a5513 = checkCode(store, { code: 'A5513', date: '2019-03-01' }).corrections[0];
    expect([a5513?.values, a5513?.changes]).toEqual([
      [
        { field: 'actionCode', value: 'F' },
        { field: 'actionEffectiveDate', value: '2019-01-01' },
      ],
      [],
    ]);
  });

  it('the 2019 release as corrected: the six codes the lists add at their places, the others as corrected', () => {
    const corrected = releaseAsCorrected(store, '2019-01_v1');
    const published = [...store.records('2019-01_v1')];
    expect(corrected.added).toBe(6);
    expect(corrected.records).toHaveLength(published.length + 6);
    const codes = corrected.records.map((r) => r.code);
    // Each before the first code of its kind that follows it: DA among the modifiers.
    const around = (code: string) => codes.slice(codes.indexOf(code) - 1, codes.indexOf(code) + 2);
    expect(around('C1890')).toEqual(['C1889', 'C1890', 'C1891']);
    expect(around('DA')).toEqual(['CT', 'DA', 'E1']);
    expect(corrected.byCode.get('C9034')?.terminationDate).toBe('2018-12-31');
    expect(corrected.byCode.get('B4105')?.coverage).toBe('C');
    // The file's records are not changed; a release no list corrects is its snapshot.
    expect(store.record('2019-01_v1', 'B4105')?.coverage).toBe('D');
    expect(releaseAsCorrected(store, '2020-01_v1').added).toBe(0);
  });

  it('a history shows each correction as an event of the release it corrects, in release order', () => {
    const history = codeHistory(store, 'C1890');
    expect(history.events.map((e) => [e.release, e.type])).toEqual([
      ['2019-01_v1', 'corrected'],
      ['2019-01_v1', 'corrected'],
      ['2020-01_v1', 'added'],
    ]);
    expect(history.events[0]?.message).toMatch(
      /"ADD CODE".*Coverage Code: D; .*the 2019-01_v1 file as published lacks the code$/,
    );
    const c9034 = codeHistory(store, 'C9034').events.map((e) => [e.release, e.type]);
    expect(c9034.slice(0, 2)).toEqual([
      ['2019-01_v1', 'added'],
      ['2019-01_v1', 'corrected'],
    ]);
    expect(codeHistory(store, 'J1640').events.some((e) => e.type === 'corrected')).toBe(false);
  });
});

describe('corrections on a store written here: a release no later file corrects', () => {
  let small: HcpcsStore;
  beforeAll(() => {
    small = HcpcsStore.open(tempDbPath());
    const list = correctionsWorkbook([
      ['X1001', 'Discontinue', '2/1/30'],
      ['X2002', 'ADD CODE', '3/1/30', 'Widget, each', 'Widget of any kind, each', '1', null, 'C', '46'],
      ['X3003', 'Change Cov to I', '3/1/30', null, null, null, null, 'I'],
      ['X4004', 'ADD CODE', '1/1/30'],
    ]);
    const damaged = new TextEncoder().encode('PK\u0003\u0004 not really a workbook');
    small.importRelease({
      ...testRelease('2030-01', [
        testRecord('X1001', 'Gadget, each', { addedDate: '2020-01-01' }),
        testRecord('X3003', 'Sprocket, each', { addedDate: '2020-01-01' }),
      ]),
      files: [
        correctionsFile('HCPC2030_Corrections_ALPHA.xlsx', list),
        correctionsFile('HCPC2030_Corrections_ALPHA_v2.xlsx', damaged),
      ],
    });
    // The next quarter holds X4004, ended before it began: a later file's own dates.
    small.importRelease(
      testRelease('2030-04', [
        testRecord('X4004', 'Cog, each', { addedDate: '2030-01-01', terminationDate: '2030-03-10' }),
      ]),
    );
  });
  afterAll(() => small.close());

  it('a code only the corrections add: valid from their date, described by them', () => {
    expect(checkCode(small, { code: 'X2002', date: '2030-03-15' })).toMatchObject({
      valid: true,
      status: 'valid',
      release: null,
      description: 'Widget of any kind, each',
      reasons: [
        'valid on 2030-03-15: CMS\'s corrections to 2030-01: "ADD CODE", effective 2030-03-01 (HCPC2030_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 6) adds it; the 2030-01_v1 file as published lacks it',
      ],
    });
    expect(checkCode(small, { code: 'X2002', date: '2030-02-15' })).toMatchObject({
      valid: false,
      status: 'not-yet-effective',
    });
  });

  it('a code the corrections discontinue with no later file: its last day is the day before their date', () => {
    expect(checkCode(small, { code: 'X1001', date: '2030-01-15' })).toMatchObject({ valid: true });
    expect(checkCode(small, { code: 'X1001', date: '2030-02-01' })).toMatchObject({
      valid: false,
      status: 'terminated',
      terminationDate: '2030-01-31',
    });
  });

  it("a correction's values count from its date; a later file's termination stands over a correction that adds the code", () => {
    expect(checkCode(small, { code: 'X3003', date: '2030-02-15' }).coverage?.code).toBe('C');
    expect(checkCode(small, { code: 'X3003', date: '2030-03-15' }).coverage?.code).toBe('I');
    const ended = checkCode(small, { code: 'X4004', date: '2030-03-20' });
    expect(ended).toMatchObject({ valid: false, status: 'terminated', terminationDate: '2030-03-10' });
    expect(ended.reasons[1]).toBe(
      'CMS\'s corrections to 2030-01: "ADD CODE", effective 2030-01-01 (HCPC2030_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8) adds it; the 2030-01_v1 file as published lacks it',
    );
    expect(checkCode(small, { code: 'X4004', date: '2030-02-01' })).toMatchObject({ valid: true });
  });

  it('a list that cannot be read is named with why, and takes nothing from the release', () => {
    const lists = historyContext(small).corrections().lists;
    expect(lists.map((l) => [l.file, l.entries, l.error === null])).toEqual([
      ['HCPC2030_Corrections_ALPHA.xlsx', 4, true],
      ['HCPC2030_Corrections_ALPHA_v2.xlsx', 0, false],
    ]);
    expect(lists[1]?.error).toMatch(/HCPC2030_Corrections_ALPHA_v2\.xlsx/);
    expect(small.record('2030-01_v1', 'X1001')?.terminationDate).toBeNull();
  });

  it('a list added to the held release later (addCorrections) is weighed at once, the same one again adds nothing', () => {
    const before = small.catalog().dataVersion;
    const bytes = correctionsWorkbook([['X1001', 'Change Cov to D', '1/1/30', null, null, null, null, 'D']]);
    const late = {
      path: 'late.zip!HCPC2030_Corrections_ALPHA_v3.xlsx',
      name: 'HCPC2030_Corrections_ALPHA_v3.xlsx',
      role: 'corrections' as const,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      bytes,
    };
    expect(small.addCorrections('2030-01_v1', [late])).toBe(1);
    expect(small.addCorrections('2030-01_v1', [late])).toBe(0);
    expect(small.catalog().dataVersion).not.toBe(before);
    expect(checkCode(small, { code: 'X1001', date: '2030-01-15' }).coverage?.code).toBe('D');
    expect(() => small.addCorrections('2031-01_v1', [late])).toThrow('release 2031-01_v1 is not imported');
  });
});

describe("versions of one list: a later version repeating half of the earlier's rows replaces it", () => {
  let versions: HcpcsStore;
  beforeAll(() => {
    versions = HcpcsStore.open(tempDbPath());
    // As CMS's 2018 lists V1 ... V4: V2 repeats V1's rows for X1001 (with another value) and
    // X7007, drops V1's add of X5005 and says "DO NOT ADD" of X6006, which V1 added too.
    const v1 = correctionsWorkbook([
      ['X1001', 'Change Cov', '1/1/40', null, null, null, null, 'I'],
      ['X5005', 'ADD CODE', '1/1/40', 'Gizmo, each', 'Gizmo of any kind, each', '1', null, 'C', '46'],
      ['X6006', 'ADD CODE', '1/1/40', 'Doohickey', 'Doohickey, each', '1', null, 'C', '46'],
      ['X7007', 'Revise Short Desc', '1/1/40', 'Gadget'],
    ]);
    const v2 = correctionsWorkbook([
      ['X1001', 'Change Cov', '1/1/40', null, null, null, null, 'M'],
      ['X6006', 'DO NOT ADD - Remove from previous corrections document', null],
      ['X7007', 'Revise Short Desc', '1/1/40', 'Gadget'],
    ]);
    versions.importRelease({
      ...testRelease('2040-01', [
        testRecord('X1001', 'Gadget, each', { addedDate: '2020-01-01', coverage: 'C' }),
      ]),
      files: [
        correctionsFile('V1_HCPC2040_Corrections_ANWEB.xlsx', v1),
        correctionsFile('V2_HCPC2040_Corrections_ANWEB.xlsx', v2),
        correctionsFile(
          'HCPC2040_Corrections_README.txt',
          new TextEncoder().encode('The update only added all versions.\r\n'),
        ),
      ],
    });
  });
  afterAll(() => versions.close());

  it('the earlier version is named as superseded and applies nothing; the read-me is no list', () => {
    expect(
      historyContext(versions)
        .corrections()
        .lists.map((l) => [l.file, l.entries, l.supersededBy]),
    ).toEqual([
      ['V1_HCPC2040_Corrections_ANWEB.xlsx', 4, 'V2_HCPC2040_Corrections_ANWEB.xlsx'],
      ['V2_HCPC2040_Corrections_ANWEB.xlsx', 3, undefined],
    ]);
    expect(
      historyContext(versions)
        .corrections()
        .ofQuarter('2040-01')
        .map((c) => [c.code, c.file]),
    ).toEqual([
      ['X1001', 'V2_HCPC2040_Corrections_ANWEB.xlsx'],
      ['X6006', 'V2_HCPC2040_Corrections_ANWEB.xlsx'],
      ['X7007', 'V2_HCPC2040_Corrections_ANWEB.xlsx'],
    ]);
  });

  it("the codes V1 added and V2 takes back are not valid; X1001's coverage is V2's", () => {
    expect(checkCode(versions, { code: 'X5005', date: '2040-02-01' })).toMatchObject({
      valid: false,
      status: 'unknown',
    });
    expect(checkCode(versions, { code: 'X6006', date: '2040-02-01' })).toMatchObject({
      valid: false,
      status: 'unknown',
    });
    expect(checkCode(versions, { code: 'X1001', date: '2040-02-01' }).coverage?.code).toBe('M');
    expect(releaseAsCorrected(versions, '2040-01_v1').records.map((r) => [r.code, r.coverage])).toEqual([
      ['X1001', 'M'],
    ]);
  });
});

describe("2017's and 2018's corrections: one value added to a repeated field or taken from it, a code deleted before its added date", () => {
  let store41: HcpcsStore;
  beforeAll(() => {
    store41 = HcpcsStore.open(tempDbPath());
    const list = correctionsWorkbook([
      ['G0499', 'Add Lab Cert code 220', '1/1/41'],
      ['E0627', 'Remove xref code Q0080', '1/1/41'],
      ['E0628', 'Remove xref code Q0078', '1/1/41'],
      ['G9890', 'DELETE', null],
    ]);
    store41.importRelease({
      ...testRelease('2041-01', [
        testRecord('E0627', 'Seat lift mechanism', { crossReferences: ['Q0080', 'Q0081'] }),
        testRecord('E0628', 'Seat lift mechanism, electric', {
          terminationDate: '2040-12-31',
          crossReferences: ['Q0078'],
        }),
        testRecord('G0499', 'Hepatitis b screening', { labCertifications: ['140'] }),
        testRecord('G9890', 'Dilated macular exam performed', { addedDate: '2041-01-01' }),
      ]),
      files: [correctionsFile('HCPC2041_Corrections_ALPHA.xlsx', list)],
    });
  });
  afterAll(() => store41.close());

  it("the record's other values stay; what changes is said with the whole field before and after", () => {
    const e0627 = checkCode(store41, { code: 'E0627', date: '2041-02-01' });
    expect(e0627.corrections[0]?.message).toBe(
      'CMS\'s corrections to 2041-01: "Remove xref code Q0080", effective 2041-01-01 (HCPC2041_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 6): Cross Reference Code Q0080, Q0081 -> Q0081 (read from CMS\'s words)',
    );
    const corrected = releaseAsCorrected(store41, '2041-01_v1').byCode;
    expect(corrected.get('G0499')?.labCertifications).toEqual(['140', '220']);
    expect(corrected.get('E0627')?.crossReferences).toEqual(['Q0081']);
  });

  it('a terminated code whose only cross reference the corrections take away is named with no successor', () => {
    const e0628 = checkCode(store41, { code: 'E0628', date: '2041-02-01' });
    expect([e0628.status, e0628.replacedBy, e0628.reasons]).toEqual([
      'terminated',
      [],
      ['terminated on 2040-12-31 (last day of use) (release 2041-01_v1)'],
    ]);
  });

  it('a code the file adds and the corrections delete with no date (2018 G9890): never in effect, said so', () => {
    const g9890 = checkCode(store41, { code: 'G9890', date: '2041-02-01' });
    expect([g9890.valid, g9890.status, g9890.reasons]).toEqual([
      false,
      'terminated',
      [
        'never in effect: CMS\'s corrections to 2041-01: "DELETE", no effective date given (HCPC2041_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 8) ends it before its added date 2041-01-01; the 2041-01_v1 file as published adds it without a termination date',
      ],
    ]);
    const release = store41.release('2041-01_v1') as NonNullable<ReturnType<typeof store41.release>>;
    const record = store41.record('2041-01_v1', 'G9890') as NonNullable<ReturnType<typeof store41.record>>;
    expect(recordCorrections(historyContext(store41), release, record).correctedStatus).toEqual({
      status: 'terminated',
      terminationDate: '2040-12-31',
      text: "never in effect: CMS's corrections end it before its added date 2041-01-01",
    });
  });
});

describe("words that put back an earlier year's description (2018's G9637, 'revert back to 2017 description')", () => {
  let reverted: HcpcsStore;
  beforeAll(() => {
    reverted = HcpcsStore.open(tempDbPath());
    const x8008 = (longDescription: string, shortDescription: string) =>
      testRecord('X8008', longDescription, { shortDescription, addedDate: '2020-01-01' });
    reverted.importRelease(testRelease('2038-10', [x8008('Doohickey, first', 'Doohickey 1')]));
    reverted.importRelease(
      testRelease('2039-07', [x8008('Dose reduction technique documented', 'Dose reduc doc')]),
    );
    const list = correctionsWorkbook([
      ['X8008', 'Should not have been updated - revert back to 2039 description', null],
      ['X9009', 'Should not have been updated - revert back to 2039 description', null],
    ]);
    reverted.importRelease({
      ...testRelease('2040-01', [
        x8008('At least two orders for the same high-risk medication', '>= 2 same hi-rsk med ord'),
        testRecord('X9009', 'Gizmo'),
      ]),
      files: [correctionsFile('HCPC2040_Corrections_ALPHA.xlsx', list)],
    });
  });
  afterAll(() => reverted.close());

  it('the descriptions of the latest release held of that year are put back, said so; none held: the words stay words', () => {
    const x8008 = checkCode(reverted, { code: 'X8008', date: '2040-02-01' });
    expect(x8008.description).toBe('Dose reduction technique documented');
    expect(x8008.corrections[0]?.what).toBe(
      "Code Description At least two orders for the same high-risk medication -> Dose reduction technique documented; Short Description >= 2 same hi-rsk med ord -> Dose reduc doc (CMS's words: the 2039 values, from release 2039-07_v1)",
    );
    expect(releaseAsCorrected(reverted, '2040-01_v1').byCode.get('X8008')?.shortDescription).toBe(
      'Dose reduc doc',
    );
    // X9009 is in no 2039 release held.
    const x9009 = checkCode(reverted, { code: 'X9009', date: '2040-02-01' });
    expect([x9009.description, x9009.corrections[0]?.what]).toEqual([
      'Gizmo',
      'the 2039 values it puts back are in no release held',
    ]);
  });
});
