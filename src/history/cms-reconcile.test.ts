/**
 * The computed diffs against CMS's transaction reports over the sample set. These counts are the
 * figures of the closing note: every add CMS lists is added, every discontinuation is
 * terminated or removed, and each remaining disagreement has a category and a reason.
 */
import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { type CmsReconciliation, reconcileWithCms } from './cms-reconcile.js';
import { diffReleases } from './release-diff.js';

const store = useSampleStore();

function reconcile(from: string, to: string): CmsReconciliation {
  return reconcileWithCms(store, diffReleases(store, from, to));
}

function actionCounts(r: CmsReconciliation): Record<string, [number, number, number]> {
  return Object.fromEntries(
    r.byAction.filter((a) => a.listed > 0).map((a) => [a.action, [a.listed, a.agree, a.disagree]]),
  );
}

describe('diff --against-cms over the sample releases', () => {
  it("2019 -> 2020: 7054 agree, 25 disagree: 11 codes CMS's 2019 corrections name, 14 explained by the quarters in between", () => {
    const r = reconcile('2019-01', '2020-01');
    expect([r.report.codes, r.agree, r.disagree]).toEqual([7079, 7054, 25]);
    expect(actionCounts(r)).toEqual({
      A: [250, 250, 0],
      C: [70, 70, 0],
      D: [99, 99, 0],
      N: [6648, 6623, 25],
      P: [10, 10, 0],
      S: [2, 2, 0],
    });
    expect(r.byCategory).toEqual({
      cosmetic: 0,
      'between-releases': 14,
      'changed-without-action': 0,
      'action-without-change': 0,
      'same-quarter-revision': 0,
      corrected: 11,
    });
    // The 2019 file lacks C1890 and its corrections add it: CMS's 2020 report lists "No Change".
    expect(r.disagreements.filter((d) => d.category === 'corrected').map((d) => d.code)).toEqual([
      'B4105',
      'C1890',
      'C9034',
      'C9468',
      'DA',
      'J1095',
      'J2186',
      'J2787',
      'J7329',
      'Q5111',
      'Q9994',
    ]);
    expect(r.disagreements.find((d) => d.code === 'C1890')?.reason).toBe(
      'field changed without an action code: CMS lists "No Change" but the code was added: CMS\'s corrections to 2019-01: "ADD CODE", effective 2019-01-01 (HCPC2019_Corrections_ALPHA.xlsx [sheet 2019 HCPS Corrections] row 7); CMS\'s corrections to 2019-01: "Add "YY" ASC Ind", effective 2019-01-01 (HCPC2019_Corrections_ALPHA_v2.xlsx [sheet 2019 HCPS Corrections] row 6); the diff compares the files as published',
    );
    const between = r.disagreements.find((d) => d.category === 'between-releases');
    expect(between?.reason).toContain('the report covers only the quarter before 2020-01_v1');
  });

  it('2020 -> 2020-04: 7072 agree, 25 disagree: 24 cosmetic, L2006 changed without an action', () => {
    const r = reconcile('2020-01', '2020-04');
    expect([r.report.codes, r.agree, r.disagree]).toEqual([7097, 7072, 25]);
    expect(actionCounts(r)).toEqual({ A: [18, 18, 0], C: [4, 4, 0], D: [1, 1, 0], N: [7074, 7049, 25] });
    expect(r.byCategory).toEqual({
      cosmetic: 24,
      'between-releases': 0,
      'changed-without-action': 1,
      'action-without-change': 0,
      'same-quarter-revision': 0,
      corrected: 0,
    });
    expect(r.disagreements.filter((d) => d.category === 'changed-without-action')).toEqual([
      {
        code: 'L2006',
        cmsActions: ['N'],
        cmsText: 'No Change',
        computed: { kinds: ['changed'], fields: ['longDescription'] },
        agrees: false,
        category: 'changed-without-action',
        reason: 'field changed without an action code: CMS lists "No Change" but longDescription changed',
      },
    ]);
    expect(r.disagreements.find((d) => d.code === 'AX')?.reason).toBe(
      'processing note "0000" and blank both mean no note; CMS lists no action for such corrections',
    );
    expect(r.disagreements.find((d) => d.code === 'G2136')?.reason).toContain('differs only in punctuation');
  });

  it('2020-04 -> 2020-07: 7157 agree, 1 disagree (U0002, spaces only)', () => {
    const r = reconcile('2020-04', '2020-07');
    expect([r.report.codes, r.agree, r.disagree]).toEqual([7158, 7157, 1]);
    expect(actionCounts(r)).toEqual({
      A: [61, 61, 0],
      C: [4, 4, 0],
      D: [9, 9, 0],
      N: [7083, 7082, 1],
      S: [2, 2, 0],
    });
    expect(r.disagreements.map((d) => [d.code, d.category, d.reason])).toEqual([
      [
        'U0002',
        'cosmetic',
        'longDescription differs only in spaces; CMS lists no action for such corrections',
      ],
    ]);
  });

  it('2020-07 -> 2020-10: all 7196 agree', () => {
    const r = reconcile('2020-07', '2020-10');
    expect([r.report.codes, r.agree, r.disagree]).toEqual([7196, 7196, 0]);
    expect(actionCounts(r)).toEqual({
      A: [38, 38, 0],
      C: [7, 7, 0],
      D: [4, 4, 0],
      F: [2, 2, 0],
      N: [7145, 7145, 0],
    });
  });

  it('two revisions of one quarter: the report speaks of the quarter before, so its 99 actions are explained', () => {
    const r = reconcile('2025-10_v1', '2025-10_v4');
    expect([r.report.codes, r.agree, r.disagree]).toEqual([8847, 8748, 99]);
    expect(r.byCategory['same-quarter-revision']).toBe(99);
    expect(r.disagreements.find((d) => d.code === 'L6034')).toMatchObject({
      cmsText: 'ADD',
      computed: { kinds: ['changed'], fields: ['longDescription'] },
    });
  });

  it('says when the "to" release has no transaction report', () => {
    expect(() => reconcile('2025-10_v4', '2026-01')).toThrowError(
      'release 2026-01_v1 was imported without a transaction report: --against-cms needs the report of the "to" release',
    );
  });
});
