/**
 * Every field read exactly, checked against the official CMS sample files in ../shared/cms and
 * ../shared/cms-more (2013: the older naming and workbook headings; 2023-01: a workbook alone).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { finishRecord } from '../src/ingest/record-builder.js';
import { readReleases } from '../src/ingest/release.js';
import { readWorkbook } from '../src/ingest/workbook.js';
import { presentFields } from '../src/layout/describe.js';
import { RECORD_FIELDS } from '../src/layout/index.js';
import type { HcpcsRecord } from '../src/model.js';
import { recordView } from '../src/store/record-view.js';
import { cms, useSampleStore } from './support/cms.js';
import { seedFields } from './support/seeds.js';

const store = useSampleStore();

describe('TXT and workbook of one release agree except where CMS’s own files disagree', () => {
  it('2019 (TXT vs XLSX): same 6,800 codes; the workbook leaves 115 action effective dates blank and lists one type of service more for 2 codes', () => {
    const release = store.release('2019-01');
    const rec = release?.reconciliation;
    console.log(
      `2019 reconciliation: TXT ${rec?.txtCount} codes, XLSX ${rec?.workbookCount}; disagreements by field ${JSON.stringify(rec?.byField)}`,
    );
    expect(rec?.txtCount).toBe(6800);
    expect(rec?.workbookCount).toBe(6800);
    expect(rec?.onlyInTxt).toEqual([]);
    expect(rec?.onlyInWorkbook).toEqual([]);
    expect(rec?.byField).toEqual({ actionEffectiveDate: 115, typesOfService: 2 });
    const blankInWorkbook = rec?.disagreements.filter(
      (d) => d.field === 'actionEffectiveDate' && d.workbook === null && typeof d.txt === 'string',
    );
    expect(blankInWorkbook).toHaveLength(115);
    expect(rec?.disagreements.filter((d) => d.field === 'typesOfService')).toEqual([
      { code: 'E0210', field: 'typesOfService', txt: ['A', 'L', 'P'], workbook: ['A', 'L', 'P', 'R'] },
      { code: 'E0776', field: 'typesOfService', txt: ['A', 'E', 'P'], workbook: ['A', 'E', 'P', 'R'] },
    ]);
    // The TXT stays the source of record.
    expect(store.record('2019-01_v1', 'E0210')?.typesOfService).toEqual(['A', 'L', 'P']);
  });

  it('2020 (TXT vs legacy XLS): the two agree completely on 7,079 codes', () => {
    const rec = store.release('2020-01')?.reconciliation;
    console.log(
      `2020 reconciliation: TXT ${rec?.txtCount} codes, XLS ${rec?.workbookCount}; ${rec?.disagreements.length} disagreements`,
    );
    expect(rec?.txtCount).toBe(7079);
    expect(rec?.workbookCount).toBe(7079);
    expect(rec?.disagreements).toEqual([]);
    expect(rec?.onlyInTxt).toEqual([]);
    expect(rec?.onlyInWorkbook).toEqual([]);
  });
});

describe('older and workbook-only releases of the family (../shared/cms-more)', () => {
  it('2013 (13anweb.zip: TXT vs XLSX with the older headings): same 5,951 codes; 11 long descriptions differ in CMS’s own files', () => {
    const release = store.release('2013-01');
    const rec = release?.reconciliation;
    console.log(
      `2013 reconciliation: TXT ${rec?.txtCount} codes, XLSX ${rec?.workbookCount}; disagreements by field ${JSON.stringify(rec?.byField)}`,
    );
    expect(release?.files.map((f) => `${f.role} ${f.path.replace(/^.*\//, '')}`)).toEqual([
      'records-txt 13anweb.zip!HCPC2013_A-N.txt',
      'records-workbook 13anweb.zip!HCPC2013_A-N.xlsx',
      'readme 13anweb.zip!HCPCREAD_13.txt',
      'processing-notes 13anweb.zip!proc_notes_2013.txt',
    ]);
    expect([rec?.txtCount, rec?.workbookCount, rec?.onlyInTxt, rec?.onlyInWorkbook]).toEqual([
      5951,
      5951,
      [],
      [],
    ]);
    expect(rec?.byField).toEqual({ longDescription: 11 });
    // The TXT's "- homemix" is a number (29) in the workbook; its windows-1252 "á" a "ß" there.
    expect(rec?.disagreements.map((d) => d.code)).toEqual([
      'B4172',
      'B4176',
      'B4178',
      'C9600',
      'C9601',
      'C9602',
      'C9603',
      'C9604',
      'C9605',
      'C9607',
      'C9608',
    ]);
    expect(release?.counts).toMatchObject({ records: 5951, processingNotes: 186, warnings: 0 });
  });

  it('2023-01 revision 3 (the ANWEB workbook alone): 7,785 codes, nothing to reconcile with', () => {
    const release = store.release('2023-01');
    console.log(`2023-01: ${release?.key}, ${release?.counts.records} records from the workbook alone`);
    expect(release?.key).toBe('2023-01_v3');
    expect(release?.counts).toMatchObject({ records: 7785, procedures: 7404, modifiers: 381, active: 6840 });
    expect(release?.reconciliation ?? null).toBeNull();
  });
});

/** The pages print CMS's `10^13` as a superscript and dates as YYYYMMDD. */
const comparable = (s: string) => s.replace(/\^13/g, '¹³').replace(/[\s-]/g, '').toLowerCase();

describe('2025-10 carries the values of the reference pages', () => {
  for (const [code, file, fieldCount] of [
    ['J1640', '000_a8d5ed219993a9e2.txt', 17],
    ['J1412', '001_ffe820fa710c903d.txt', 15],
  ] as const) {
    it(`${code}: every field the page shows, with its value and decoded meaning`, () => {
      const seed = new Map(seedFields(file).map((f) => [f.label, [f.value, f.meaning]]));
      const release = store.release('2025-10');
      expect(release?.key).toBe('2025-10_v4');
      const view = recordView(store, release!, code);
      const ours = new Map(presentFields(view!).map((f) => [f.label, f]));
      let compared = 0;
      for (const [label, [value, meaning]] of seed) {
        if (label === 'Status' || label === 'Last Update Date') continue; // not CMS record fields
        const field = ours.get(label);
        expect(field, `${code} ${label}`).toBeDefined();
        expect(comparable(field!.value), `${code} ${label}`).toBe(comparable(value ?? ''));
        if (meaning !== undefined) expect(field?.meaning, `${code} ${label} meaning`).toBe(meaning);
        compared++;
      }
      expect(compared).toBe(fieldCount);
      // And we show no field the page leaves out.
      expect(
        presentFields(view!)
          .map((f) => f.label)
          .filter((l) => !seed.has(l)),
      ).toEqual([]);
    });
  }

  it('J1640 processing note 0095 has its text (from the nearest release that ships the notes)', () => {
    const view = recordView(store, store.release('2025-10')!, 'J1640');
    expect(view?.processingNoteText).toEqual({
      text: 'AS REQUIRED BY BBRA SECTION 201.',
      fromRelease: '2026-01_v1',
    });
  });
});

describe('long descriptions joined from continuation lines are complete', () => {
  it('2019 G0503: over 1,200 characters, ending with the text the workbook ends with', () => {
    const txt = store.record('2019-01_v1', 'G0503');
    const zip = unzipSync(readFileSync(cms('2019', '2019-Alpha-Numeric-HCPCS-File.zip')));
    const workbook = readWorkbook(zip['HCPC2019_CONTR_ANWEB.xlsx']!, 'HCPC2019_CONTR_ANWEB.xlsx');
    const fromWorkbook = workbook.drafts.find((d) => d.code === 'G0503');
    const workbookText = finishRecord(fromWorkbook!, '2019-01').longDescription.replace(/\s+/g, ' ');
    expect(txt?.longDescription.length).toBeGreaterThan(1200);
    expect(txt?.longDescription.endsWith(workbookText.slice(-60))).toBe(true);
    expect(txt?.longDescription.replace(/\s+/g, ' ')).toBe(workbookText);
  });
});

describe('revisions of one quarter', () => {
  it('2025-10: both revisions kept, the latest the default, differing in one field of one code (L6034 long description)', () => {
    const earlier = new Map<string, HcpcsRecord>([...store.records('2025-10_v1')].map((r) => [r.code, r]));
    const later = [...store.records('2025-10_v4')];
    expect(later).toHaveLength(earlier.size);
    const differences: string[] = [];
    for (const record of later) {
      const old = earlier.get(record.code);
      for (const field of RECORD_FIELDS) {
        const key = field.key as keyof HcpcsRecord;
        if (JSON.stringify(old?.[key]) !== JSON.stringify(record[key]))
          differences.push(`${record.code} ${field.key}`);
      }
    }
    expect(differences).toEqual(['L6034 longDescription']);
    expect(store.resolveRelease('2025-10')).toBe('2025-10_v4');
    expect(store.record('2025-10_v1', 'L6034')?.longDescription).not.toBe(
      store.record('2025-10_v4', 'L6034')?.longDescription,
    );
  });
});

describe('every sample release', () => {
  it('imports with its counts, and no record has a blank code or description', () => {
    const summary = Object.fromEntries(
      store.releases().map((r) => [r.key, [r.counts.procedures, r.counts.modifiers]]),
    );
    console.log('procedure and modifier counts per release', JSON.stringify(summary));
    expect(summary).toEqual({
      '2013-01_v1': [5630, 321],
      '2019-01_v1': [6440, 360],
      '2020-01_v1': [6710, 369],
      '2020-04_v1': [6728, 369],
      '2020-07_v1': [6789, 369],
      '2020-10_v1': [6825, 371],
      '2023-01_v3': [7404, 381],
      '2025-10_v1': [8463, 383],
      '2025-10_v4': [8463, 383],
      '2026-01_v1': [8623, 383],
    });
    for (const release of store.releases()) {
      for (const r of store.records(release.key)) {
        expect(r.code).toMatch(r.kind === 'modifier' ? /^[A-Z0-9]{2}$/ : /^[A-Z][0-9]{4}$/);
        expect(r.longDescription.length).toBeGreaterThan(0);
      }
    }
  });

  it('the quarterly folders are found by name: ids and revisions', () => {
    const found = readReleases([cms('2025-10'), cms('2025-10-earlier')]).map((r) => [
      r.id,
      r.revision,
      r.files.length,
    ]);
    expect(found).toEqual([
      ['2025-10', 4, 2],
      ['2025-10', 1, 1],
    ]);
  });

  it('presents J1640 of 2026-01 with numbered repeated fields', () => {
    const record = store.record('2026-01_v1', 'J1640')!;
    expect(
      presentFields(record).map((f) => `${f.label}=${f.value}${f.meaning ? `:${f.meaning}` : ''}`),
    ).toEqual([
      'HCPCS Code=J1640',
      'Code Description=Injection, hemin, 1 mg',
      'Short Description=Hemin, 1 mg',
      'Pricing Indicator Code #1=51:Drugs',
      'Multiple Pricing Indicator Code=A:Not applicable as HCPCS priced under one methodology',
      'Medicare Carriers Manual Reference Section Number #1=2049',
      'Coverage Code=D:Special coverage instructions apply',
      'ASC Payment Group Code=YY:Approved to be performed in an ambulatory surgical center',
      'ASC Payment Group Effective Date=2008-01-01',
      'Processing Note Number=0095',
      'Berenson-Eggers Type Of Service Code=O1E:Other drugs',
      'Type Of Service Code #1=1:Medical care',
      'Type Of Service Code #2=P:Lump sum purchase of DME, prosthetics, orthotics',
      'Anesthesia Base Unit Quantity=0',
      'Code Added Date=2006-01-01',
      'Action Effective Date=2006-01-01',
      'Action Code=N:No maintenance for this code',
    ]);
  });
});
