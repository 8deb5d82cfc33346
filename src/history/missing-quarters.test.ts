import { afterAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import { describeQuarters, gapAround, missingQuarters } from './missing-quarters.js';

describe('missing quarters between held releases', () => {
  it('counts revisions once and lists the quarters between, in runs', () => {
    expect(missingQuarters(['2019-01', '2020-01', '2020-01', '2020-04'])).toEqual([
      '2019-04',
      '2019-07',
      '2019-10',
    ]);
    expect(missingQuarters(['2026-01'])).toEqual([]);
    expect(describeQuarters(['2019-04', '2019-07', '2019-10', '2021-01'])).toBe(
      '2019-04 to 2019-10 (3 quarters), 2021-01',
    );
    expect(gapAround(['2019-04', '2019-07', '2021-01'], '2019-07')).toEqual(['2019-04', '2019-07']);
    expect(gapAround(['2019-04'], '2020-01')).toEqual([]);
  });

  const store = openSampleStore();
  afterAll(() => store.close());

  it('over the real samples (2013 to 2026): 44 quarters are not imported', () => {
    const missing = missingQuarters(store.releases().map((r) => r.id));
    console.log(`sample set: ${missing.length} quarters not imported: ${describeQuarters(missing)}`);
    expect(describeQuarters(missing)).toBe(
      '2013-04 to 2018-10 (23 quarters), 2019-04 to 2019-10 (3 quarters), 2021-01 to 2022-10 (8 quarters), 2023-04 to 2025-07 (10 quarters)',
    );
    expect(missing).toHaveLength(44);
  });
});
