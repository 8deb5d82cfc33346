/**
 * The record layout as data (src/layout) agrees with CMS's own record layout files, read by
 * record-layout-file.ts and compared by layout-check.ts. It lives in ingest because the layout layer
 * sits below ingest and must not import the reader.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cms } from '../../test/support/cms.js';
import { BETOS, decodeCode, PRICING_INDICATOR, TYPE_OF_SERVICE } from '../layout/index.js';
import { compareLayout, layoutNotUnderstood } from './layout-check.js';
import { parseRecordLayout } from './record-layout-file.js';

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

describe('a layout file this program does not read whole is not compared', () => {
  it('occurrences written in another form say "not compared", never moved fields (x0)', () => {
    const otherForm = layout2026().replace(
      /OCCURS MIN:\s*\d+\s+OCCURS MAX:\s*(\d+)/g,
      'OCCURS 0 TO $1 TIMES',
    );
    expect(layoutNotUnderstood(parseRecordLayout(otherForm))).toBe(
      'the occurrences (OCCURS) of field 9 are written in a form this program does not read',
    );
    const noOccurs = layout2026().replace(/^.*OCCURS MIN:.*$/gm, '');
    expect(layoutNotUnderstood(parseRecordLayout(noOccurs))).toBe(
      'field 9 reads as 1 occurrence(s) where its columns up to field 10 hold 4: its OCCURS clause was not read',
    );
  });

  it('the older RIF report form "OCCURS MIN: 4 OCCURS MAX: 0" (the 2016 layout, as of 10/28/2015) is read where the columns confirm it', () => {
    // The 2016 file writes the count in MIN and MAX as 0, for the same six fields at the same columns.
    const olderForm = layout2026().replace(
      /OCCURS MIN:\s*\d+\s+OCCURS MAX:\s*(\d+)/g,
      'OCCURS MIN: $1 OCCURS MAX: 0',
    );
    const parsed = parseRecordLayout(olderForm);
    expect(parsed.fields.filter((f) => f.occursFromMin).map((f) => [f.number, f.occursMax])).toEqual([
      [9, 4],
      [11, 3],
      [12, 3],
      [14, 8],
      [15, 5],
      [25, 5],
    ]);
    expect(layoutNotUnderstood(parsed)).toBeUndefined();
    expect(compareLayout(parsed)).toEqual([]);
    // A count in MIN the columns do not confirm (field 10 would overlap it) is not read.
    const tooMany = olderForm.replace('OCCURS MIN: 4 OCCURS MAX: 0', 'OCCURS MIN: 5 OCCURS MAX: 0');
    expect(layoutNotUnderstood(parseRecordLayout(tooMany))).toBe(
      'the occurrences (OCCURS) of field 9 are written in a form this program does not read',
    );
  });

  it('a free-text layout (no numbered fields) and the 2019 and 2026 files', () => {
    expect(layoutNotUnderstood(parseRecordLayout('HCPCS RECORD LAYOUT\nHCPC  1-5  code\n'))).toBe(
      'no numbered field with its positions was found in it',
    );
    expect(layoutNotUnderstood(parseRecordLayout(layout2019()))).toBeUndefined();
    expect(layoutNotUnderstood(parseRecordLayout(layout2026()))).toBeUndefined();
  });
});
