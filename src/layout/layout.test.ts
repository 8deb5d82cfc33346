import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cms } from '../../test/support/cms.js';
import { compareLayout } from '../ingest/layout-check.js';
import { parseRecordLayout } from '../ingest/record-layout-file.js';
import { BETOS } from './code-tables.js';
import { DETAIL_FIELDS, RECORD_FIELDS } from './fields.js';
import { COVERAGE, decodeCode, PRICING_INDICATOR, TYPE_OF_SERVICE, UNKNOWN_CODE } from './index.js';

function layout2019(): string {
  const zip = unzipSync(readFileSync(cms('2019', '2019-HCPCS-Record-Layout.zip')));
  return new TextDecoder('latin1').decode(zip['HCPCS2019_recordlayout.txt']);
}
const layout2026 = () => readFileSync(cms('2026-01', 'HCPC2026_recordlayout.txt'), 'latin1');

describe('the record layout as data agrees with CMS layout files', () => {
  for (const [year, text] of [
    ['2019', layout2019],
    ['2026', layout2026],
  ] as const) {
    it(`${year}: every field's positions and occurrences, every code of every table`, () => {
      const file = parseRecordLayout(text());
      expect(file.recordLength).toBe(320);
      expect(file.fields).toHaveLength(31);
      expect(compareLayout(file)).toEqual([]);
    });
  }

  it('labels in our tables are CMS labels (2026 wording), whitespace joined', () => {
    const file = parseRecordLayout(layout2026());
    const betos = file.tables.BETOS_TB ?? [];
    expect(betos.length).toBe(BETOS.entries.length);
    for (const entry of betos) expect(decodeCode(BETOS, entry.code)).toBe(entry.label);
    const tos = file.tables.CMS_TYPE_SRVC_TB ?? [];
    for (const entry of tos) expect(decodeCode(TYPE_OF_SERVICE, entry.code)).toBe(entry.label);
    expect(decodeCode(PRICING_INDICATOR, '40')).toBe('Lymphedema Compression Treatment Items (eff 1/1/2024)');
  });

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

  it('a moved field in a layout file is reported, not read past', () => {
    const moved = layout2026().replace(
      /(30\.\s+HCPCS Action Code\s*\n\s+1\s+)293(\s+)293/,
      (_m, a: string, b: string) => `${a}294${b}294`,
    );
    expect(compareLayout(parseRecordLayout(moved))).toEqual([
      {
        field: 30,
        name: 'HCPCS Action Code',
        problem: 'layout file has columns 294-294 x1, we read 293-293 x1',
      },
    ]);
  });
});
