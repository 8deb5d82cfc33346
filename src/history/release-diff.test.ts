import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { diffToCsv } from './diff-csv.js';
import { diffReleases } from './release-diff.js';

const store = useSampleStore();

describe('diffReleases over the CMS sample releases', () => {
  it('finds exactly one change between the two revisions of October 2025: L6034 long description', () => {
    const diff = diffReleases(store, '2025-10_v1', '2025-10');
    expect(diff).toMatchObject({
      from: '2025-10_v1',
      to: '2025-10_v4',
      added: [],
      removed: [],
      terminated: [],
      reactivated: [],
    });
    expect(diff.changed).toEqual([
      {
        code: 'L6034',
        field: 'longDescription',
        label: 'Code Description',
        from: 'Partial hand, finger, and thumb prosthesis without prosthetic digit(s)/thumb, amputation at transmetacarpal level, including flexible or non-flexible interface, molded to patient model, for use without external power and/or passive prosthetic digit/thumb, not including inserts described by l6692',
        to: 'Partial hand, finger, and thumb prosthesis without prosthetic digit(s)/thumb, amputation at distal to metacarpal joint, including flexible or non-flexible interface, molded to patient model, for use without external power and/or passive prosthetic digit/thumb, not including inserts described by l6692',
      },
    ]);
    expect(diffToCsv(store, diff).trim().split('\n')).toHaveLength(2);
  });

  it('counts every kind of change from April to July 2020', () => {
    const diff = diffReleases(store, '2020-04', '2020-07');
    expect(diff.summary).toEqual({
      added: 61,
      removed: 0,
      removedWithoutTermination: 0,
      terminated: 9,
      reactivated: 0,
      changedCodes: 15,
      changes: 26,
      byField: {
        longDescription: 5,
        shortDescription: 5,
        crossReferences: 6,
        addedDate: 1,
        terminationDate: 9,
      },
      corrections: 0,
    });
    expect(diff.terminatedDetails.find((t) => t.code === 'C9041')).toEqual({
      code: 'C9041',
      terminationDate: '2020-06-30',
      replacedBy: ['J7169'],
    });
  });

  it("carries CMS's corrections to either release's quarter, with what each changes in its record", () => {
    const diff = diffReleases(store, '2019-01', '2020-01');
    expect(diff.summary.corrections).toBe(14);
    expect(diff.corrections.map((c) => `${c.releaseId} ${c.code} ${c.kind}`).slice(0, 4)).toEqual([
      '2019-01 A5513 change',
      '2019-01 B4105 change',
      '2019-01 C1890 add',
      '2019-01 C9034 discontinue',
    ]);
    const c9034 = diff.corrections[3];
    expect([c9034?.release, c9034?.what, c9034?.changes?.map((c) => [c.field, c.from, c.to])]).toEqual([
      '2019-01_v1',
      'Cross Reference Code (blank) -> J1095',
      [['crossReferences', [], ['J1095']]],
    ]);
    // The other way round lists the same corrections: 2019-01 is still one of the two.
    expect(diffReleases(store, '2020-01', '2019-01').corrections).toHaveLength(14);
    expect(diffReleases(store, '2020-04', '2020-07').corrections).toEqual([]);
  });

  it('counts a code added already terminated as added and terminated (2019 -> 2020)', () => {
    const diff = diffReleases(store, '2019-01', '2020-01');
    expect(diff.summary).toMatchObject({ added: 279, terminated: 100, changes: 270 });
    expect(diff.addedAlreadyTerminated).toHaveLength(11);
    expect(diff.added).toContain('C9040');
    expect(diff.terminated).toContain('C9040');
  });

  it('decodes coded values beside them and leaves action fields out unless asked', () => {
    const diff = diffReleases(store, '2020-07', '2020-10');
    expect(diff.changed.find((c) => c.code === 'A4226' && c.field === 'coverage')).toEqual({
      code: 'A4226',
      field: 'coverage',
      label: 'Coverage Code',
      from: 'C',
      to: 'I',
      fromMeaning: 'Carrier judgment',
      toMeaning: 'Not payable by Medicare',
    });
    expect(diff.changed.some((c) => c.field === 'actionCode')).toBe(false);
    const withAction = diffReleases(store, '2020-07', '2020-10', { includeActionFields: true });
    expect(withAction.summary.byField).toMatchObject({ actionCode: 85, actionEffectiveDate: 13 });
  });

  it('refuses a release that is not imported, naming those that are', () => {
    expect(() => diffReleases(store, '2018-01', '2020-01')).toThrowError(
      /release 2018-01 is not imported \(imported: 2013-01_v1, 2019-01_v1, .*2026-01_v1\)/,
    );
  });
});
