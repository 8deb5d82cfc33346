import { describe, expect, it } from 'vitest';
import { BETOS } from './code-tables.js';
import { DETAIL_FIELDS, RECORD_FIELDS } from './fields.js';
import { COVERAGE, decodeCode, PRICING_INDICATOR, TYPE_OF_SERVICE, UNKNOWN_CODE } from './index.js';

describe('the record layout as data', () => {
  it('decodes what the reference pages decode, and says "unknown code" for the rest', () => {
    expect(decodeCode(PRICING_INDICATOR, '51')).toBe('Drugs');
    expect(decodeCode(COVERAGE, 'D')).toBe('Special coverage instructions apply');
    expect(decodeCode(BETOS, 'O1E')).toBe('Other drugs');
    expect(decodeCode(TYPE_OF_SERVICE, 'P')).toBe('Lump sum purchase of DME, prosthetics, orthotics');
    expect(decodeCode(COVERAGE, 'Q')).toBe(UNKNOWN_CODE);
  });

  it('fields tile the 320-character record without overlap', () => {
    const spans = RECORD_FIELDS.flatMap((f) =>
      f.key === 'code' ? [] : [[f.start, f.start + f.length * f.occurs - 1]],
    );
    spans.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThan(spans[i - 1]?.[1] ?? 0);
    expect(DETAIL_FIELDS.at(-1)?.start).toBe(293);
  });
});
