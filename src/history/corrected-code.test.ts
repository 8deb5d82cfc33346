/**
 * A code in one release as CMS's corrections leave it on a day: the rules each interface
 * (check, FHIR $validate-code and $lookup) answers from, on made-up releases and corrections.
 */
import { describe, expect, it } from 'vitest';
import { testRecord } from '../../test/support/fixtures.js';
import type { HcpcsRecord } from '../model.js';
import type { ReleaseInfo } from '../store/store.js';
import type { CodeOccurrence } from './context.js';
import { correctedCode } from './corrected-code.js';
import type { ReleaseCorrection } from './corrections.js';

function release(id: string): ReleaseInfo {
  return {
    key: `${id}_v1`,
    id,
    revision: 1,
    superseded: false,
    effectiveDate: `${id}-01`,
    sourceOfRecord: `${id}.txt`,
    importedAt: '2030-01-01T00:00:00Z',
    counts: {
      records: 0,
      procedures: 0,
      modifiers: 0,
      active: 0,
      terminated: 0,
      warnings: 0,
      processingNotes: 0,
    },
    files: [],
  };
}

const R2030 = release('2030-01');
const R2030Q2 = release('2030-04');
const R2029 = release('2029-10');

function correction(
  code: string,
  kind: ReleaseCorrection['kind'],
  effectiveDate: string | null,
  values: ReleaseCorrection['values'] = [],
  row = 5,
): ReleaseCorrection {
  return {
    code,
    action: kind,
    kind,
    effectiveDate,
    effectiveDateAsWritten: null,
    values,
    comments: null,
    location: { file: 'LIST.xlsx', row },
    release: R2030.key,
    releaseId: R2030.id,
    file: 'LIST.xlsx',
  };
}

const at = (r: ReleaseInfo, record: HcpcsRecord): CodeOccurrence => ({ release: r, record });

describe('correctedCode', () => {
  it('a discontinue sets the day before its date as the last day, only once it is in force', () => {
    const here = at(R2030, testRecord('X1001', 'Widget', { terminationDate: null }));
    const stop = correction('X1001', 'discontinue', '2030-02-15', [
      { field: 'crossReferences', value: ['X2002'] },
    ]);
    const before = correctedCode({ here, later: undefined, earlier: undefined }, [stop], R2030, '2030-02-14');
    expect([before.discontinued, before.lastDay, before.record?.terminationDate]).toEqual([
      undefined,
      undefined,
      null,
    ]);
    expect(before.record?.crossReferences).toEqual([]);
    const after = correctedCode({ here, later: undefined, earlier: undefined }, [stop], R2030, '2030-03-01');
    expect([after.discontinued?.kind, after.lastDay, after.record?.terminationDate]).toEqual([
      'discontinue',
      '2030-02-14',
      '2030-02-14',
    ]);
    expect(after.record?.crossReferences).toEqual(['X2002']);
    // The record as published is not changed.
    expect(here.record.terminationDate).toBeNull();
  });

  it("a later file's termination date by the day is the last day; the file's own earlier one stands", () => {
    const stop = correction('X1001', 'discontinue', '2030-01-01');
    const later = at(R2030Q2, testRecord('X1001', 'Widget', { terminationDate: '2030-01-31' }));
    const here = at(R2030, testRecord('X1001', 'Widget'));
    expect(correctedCode({ here, later, earlier: undefined }, [stop], R2030, '2030-03-01').lastDay).toBe(
      '2030-01-31',
    );
    const ended = at(R2030, testRecord('X1001', 'Widget', { terminationDate: '2029-11-30' }));
    const corrected = correctedCode(
      { here: ended, later: undefined, earlier: undefined },
      [stop],
      R2030,
      '2030-03-01',
    );
    expect([corrected.lastDay, corrected.record?.terminationDate]).toEqual(['2029-12-31', '2029-11-30']);
  });

  it('values count from their date; with no date, from the release', () => {
    const here = at(R2030, testRecord('X3003', 'Gadget', { coverage: 'D' }));
    const change = correction('X3003', 'change', '2030-02-15', [{ field: 'coverage', value: 'C' }]);
    const undated = correction('X3003', 'change', null, [{ field: 'betos', value: 'O1E' }], 6);
    const early = correctedCode(
      { here, later: undefined, earlier: undefined },
      [change, undated],
      R2030,
      '2030-01-01',
    );
    expect([early.record?.coverage, early.record?.betos]).toEqual(['D', 'O1E']);
    const late = correctedCode(
      { here, later: undefined, earlier: undefined },
      [change, undated],
      R2030,
      '2030-03-01',
    );
    expect([late.record?.coverage, late.record?.betos]).toEqual(['C', 'O1E']);
    expect(late.values).toEqual([
      { field: 'coverage', value: 'C' },
      { field: 'betos', value: 'O1E' },
    ]);
  });

  it('a code the file lacks: an add is laid over the next file that holds it, else the last before, else nothing', () => {
    const add = correction('X4004', 'add', '2030-02-01', [
      { field: 'longDescription', value: 'Added thing' },
    ]);
    const asc = correction('X4004', 'change', '2030-01-01', [{ field: 'ascGroup', value: 'YY' }], 6);
    const later = at(R2030Q2, testRecord('X4004', 'Later text', { betos: 'D1E' }));
    const earlier = at(R2029, testRecord('X4004', 'Earlier text', { betos: 'O1E' }));
    const fromLater = correctedCode({ here: undefined, later, earlier }, [add, asc], R2030, '2030-01-15');
    expect(fromLater.addedFrom).toBe('2030-02-01');
    expect(fromLater.discontinued).toBeUndefined();
    expect(fromLater.record).toMatchObject({
      longDescription: 'Added thing',
      betos: 'D1E',
      ascGroup: 'YY',
      release: '2030-01',
    });
    const fromEarlier = correctedCode(
      { here: undefined, later: undefined, earlier },
      [add],
      R2030,
      '2030-03-01',
    );
    expect(fromEarlier.record).toMatchObject({ longDescription: 'Added thing', betos: 'O1E' });
    const none = correctedCode(
      { here: undefined, later: undefined, earlier: undefined },
      [add],
      R2030,
      '2030-03-01',
    );
    expect(none.record).toMatchObject({
      code: 'X4004',
      kind: 'procedure',
      longDescription: 'Added thing',
      addedDate: '2030-02-01',
      betos: null,
    });
    // Only a change, no add: a code the file lacks stays absent.
    expect(
      correctedCode({ here: undefined, later, earlier }, [asc], R2030, '2030-03-01').record,
    ).toBeUndefined();
  });

  it('a discontinue of a code the file lacks, and an add of one it holds, change nothing of its presence', () => {
    const here = at(R2030, testRecord('X5005', 'Held'));
    const add = correction('X5005', 'add-back', '2030-01-01');
    const held = correctedCode({ here, later: undefined, earlier: undefined }, [add], R2030, '2030-03-01');
    expect([held.added, held.record]).toEqual([undefined, here.record]);
    const stop = correction('X5005', 'discontinue', '2030-01-01');
    const absent = correctedCode(
      { here: undefined, later: undefined, earlier: undefined },
      [stop],
      R2030,
      '2030-03-01',
    );
    expect([absent.discontinued, absent.record]).toEqual([undefined, undefined]);
  });
});
