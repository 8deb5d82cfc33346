import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import type { ReleaseInfo } from '../store/store.js';
import { type CodeEntry, type ReleaseIndex, releaseIndex } from './release-index.js';
import { type DrugTable, descriptionStem, drugTable, suggestedSuccessors } from './successor-suggestions.js';

const entry = (code: string, longDescription: string, active: boolean): CodeEntry => ({
  code,
  kind: 'procedure',
  shortDescription: null,
  longDescription,
  active,
  terminationDate: active ? null : '2024-03-31',
  betos: null,
  coverage: null,
});

const entries = [
  entry('J1010', 'Injection, methylprednisolone acetate, 1 mg', true),
  entry('J1030', 'Injection, methylprednisolone acetate, 40 mg', false),
  entry('J1040', 'Injection, methylprednisolone acetate, 80 mg', false),
  entry('J2919', 'Injection, methylprednisolone sodium succinate, 5 mg', true),
  entry('E0100', 'Cane, includes canes of all materials, adjustable or fixed, with tip', true),
];
const index: ReleaseIndex = {
  release: { key: 'test' } as ReleaseInfo,
  entries,
  byCode: new Map(entries.map((e, i) => [e.code, i])),
};

describe('suggested successors', () => {
  it('cuts the trailing amount, and nothing when there is none', () => {
    expect(descriptionStem('Injection, methylprednisolone acetate, 40 mg')).toBe(
      'injection, methylprednisolone acetate',
    );
    expect(descriptionStem('Injection, methylprednisolone sodium succinate, up to 40 mg')).toBe(
      'injection, methylprednisolone sodium succinate',
    );
    expect(
      descriptionStem('Cane, includes canes of all materials, adjustable or fixed, with tip'),
    ).toBeNull();
  });

  it('offers the active codes of the same stem, never the code itself or ended ones', () => {
    expect(
      suggestedSuccessors(index, 'J1030', 'Injection, methylprednisolone acetate, 40 mg').map(
        (s) => s.entry.code,
      ),
    ).toEqual(['J1010']);
    expect(
      suggestedSuccessors(index, 'J2920', 'Injection, methylprednisolone sodium succinate, up to 40 mg').map(
        (s) => s.entry.code,
      ),
    ).toEqual(['J2919']);
    expect(suggestedSuccessors(index, 'E0105', 'Cane, quad or three prong, with tips')).toEqual([]);
  });
});

describe('suggested successors from the Table of Drugs', () => {
  const drugs: DrugTable = {
    release: '2019-01_v1',
    namesOf: new Map([
      ['J1030', ['Methylprednisolone acetate']],
      ['E0100', ['subcutaneous']],
    ]),
    codesOf: new Map([['methylprednisolone acetate', ['J1020', 'J1030', 'J1040']]]),
  };

  it('adds nothing the stem rule found already, and skips a name the code’s description lacks', () => {
    expect(
      suggestedSuccessors(index, 'J1030', 'Injection, methylprednisolone acetate, 40 mg', drugs).map((s) => [
        s.entry.code,
        s.source,
      ]),
    ).toEqual([['J1010', 'description-stem']]);
    expect(
      suggestedSuccessors(
        index,
        'E0100',
        'Cane, includes canes of all materials, adjustable or fixed, with tip',
        drugs,
      ),
    ).toEqual([]);
  });

  describe('the real releases (2019 Table of Drugs, 2026-01 codes)', () => {
    const store = useSampleStore();
    const suggest = (code: string) => {
      const latest = store.releases().find((r) => r.key === '2026-01_v1') as ReleaseInfo;
      const record = store.record('2026-01_v1', code);
      expect(record?.crossReferences, `${code} names no successor`).toEqual([]);
      return suggestedSuccessors(
        releaseIndex(store, latest),
        code,
        record?.longDescription ?? '',
        drugTable(store, '2026-01_v1'),
      ).map((s) =>
        s.source === 'table-of-drugs' ? `${s.entry.code} ${s.drug} ${s.table}` : `${s.entry.code} stem`,
      );
    };

    it('reads the stored Table: the generic rows, from the 2019 release', () => {
      const table = drugTable(store, '2026-01_v1');
      expect(table?.release).toBe('2019-01_v1');
      expect(table?.namesOf.get('J1030')).toEqual(['Methylprednisolone acetate']);
      expect(table?.codesOf.get('methylprednisolone acetate')).toEqual(['J1020', 'J1030', 'J1040']);
    });

    it('methylprednisolone 40 mg: J1030 and J2920 get J1010 and J2919 by their stem, nothing more', () => {
      expect(suggest('J1030')).toEqual(['J1010 stem']);
      expect(suggest('J2920')).toEqual(['J2919 stem']);
    });

    it('corticotropin: the Table finds J0801 and J0802, which the stem rule misses', () => {
      expect(suggest('J0800')).toEqual(['J0801 Corticotropin 2019-01_v1', 'J0802 Corticotropin 2019-01_v1']);
    });

    it('methotrexate sodium: the Table lists J9260 beside the ended J9250', () => {
      expect(suggest('J9250')).toContain('J9260 Methotrexate sodium 2019-01_v1');
    });
  });
});
