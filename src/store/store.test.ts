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
  it('holds the Index and Table of Drugs terms the import read from the PDFs, of the years that have them', () => {
    const store = openSampleStore();
    try {
      const index = store.referenceTerms('2019-01_v1', 'index');
      const drugs = store.referenceTerms('2019-01_v1', 'drug-table');
      expect(index.length).toBeGreaterThan(1500);
      expect(drugs.length).toBeGreaterThan(1000);
      expect(index).toContainEqual({
        source: 'index',
        text: 'Continuous positive airway pressure (CPAP) device',
        codes: ['E0601'],
        ranges: [],
      });
      expect(index.find((t) => t.text === 'Walker')?.ranges).toEqual([['E0130', 'E0149']]);
      // 2013 came without the PDFs; 2026's annual file is not in the sample set with them.
      expect(store.referenceTerms('2013-01_v1', 'index')).toEqual([]);
      expect(store.referenceTerms('2026-01_v1', 'drug-table')).toEqual([]);
    } finally {
      store.close();
    }
  });
});
