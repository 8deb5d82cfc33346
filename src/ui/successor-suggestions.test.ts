import { describe, expect, it } from 'vitest';
import type { ReleaseInfo } from '../store/store.js';
import type { CodeEntry, ReleaseIndex } from './release-index.js';
import { descriptionStem, suggestedSuccessors } from './successor-suggestions.js';

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
      suggestedSuccessors(index, 'J1030', 'Injection, methylprednisolone acetate, 40 mg').map((e) => e.code),
    ).toEqual(['J1010']);
    expect(
      suggestedSuccessors(index, 'J2920', 'Injection, methylprednisolone sodium succinate, up to 40 mg').map(
        (e) => e.code,
      ),
    ).toEqual(['J2919']);
    expect(suggestedSuccessors(index, 'E0105', 'Cane, quad or three prong, with tips')).toEqual([]);
  });
});
