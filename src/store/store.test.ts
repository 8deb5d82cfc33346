import { describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';

describe('sample store', () => {
  it('holds every sample release and revision, the latest revision by default', () => {
    const store = openSampleStore();
    try {
      expect(store.releases().map((r) => r.key)).toEqual([
        '2013-01_v1',
        '2019-01_v1',
        '2020-01_v1',
        '2020-04_v1',
        '2020-07_v1',
        '2020-10_v1',
        '2023-01_v3',
        '2025-10_v1',
        '2025-10_v4',
        '2026-01_v1',
      ]);
      expect(store.resolveRelease('2025-10')).toBe('2025-10_v4');
      expect(store.resolveRelease(undefined)).toBe('2026-01_v1');
    } finally {
      store.close();
    }
  });
});
