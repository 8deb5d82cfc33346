import { describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import { billingUnits, dosageOfDescription, parseQuantity } from './units.js';

describe('billing units', () => {
  it('reads doses and the dosage a long description states', () => {
    expect(parseQuantity('250 mg')).toEqual({ amount: 250, unit: 'mg' });
    expect(parseQuantity('1,000 Units')).toEqual({ amount: 1000, unit: 'units' });
    expect(parseQuantity('1 million PFU')).toBeUndefined();
    expect(dosageOfDescription('Injection, hemin, 1 mg')).toEqual({ amount: 1, unit: 'mg' });
    expect(dosageOfDescription('Injection, epoetin alfa, (for non-esrd use), 1000 units')).toEqual({
      amount: 1000,
      unit: 'units',
    });
  });

  it("without an ASP file, J1640's long description in the sample releases gives 1 mg: 250 mg is 250 units", () => {
    const store = openSampleStore();
    try {
      const answer = billingUnits(store, 'J1640', '250 mg');
      expect(answer).toMatchObject({ code: 'J1640', dosage: '1 MG', units: 250, billingUnits: 250 });
      expect(answer.source).toMatch(/^the long description of 2026-01_v1 \("Injection, hemin, 1 mg"\)$/);
      expect(() => billingUnits(store, 'J1640', '2 ml')).toThrow(
        'dose: 2 ml is a volume, but J1640 is billed per 1 MG (mass): the units are incompatible',
      );
    } finally {
      store.close();
    }
  });
});
