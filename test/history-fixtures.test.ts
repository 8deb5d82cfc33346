/**
 * History, diff and validity over tiny releases written here (never CMS files), for what the
 * sample set does not show: codes removed with and without a termination date, a code first seen
 * already terminated, one that reappears, and a reactivation.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCode, codeHistory, diffReleases, diffToCsv } from '../src/history/index.js';
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';
import { tempDbPath } from './support/cms.js';
import { fileText, procedureLine } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-history-'));
let store: HcpcsStore;

function release(id: string, lines: string[]): void {
  const path = join(dir, `fixture-${id}.txt`);
  writeFileSync(path, fileText(lines));
  for (const r of readReleases([path], { release: id })) store.importRelease(r);
}

beforeAll(() => {
  store = HcpcsStore.open(tempDbPath());
  release('2021-01', [
    procedureLine('A0001', { longDescription: 'Widget, each' }),
    procedureLine('A0002'),
    procedureLine('A0003', { terminationDate: '20201231', crossReferences: ['A0001'], actionCode: 'D' }),
    procedureLine('A0004'),
  ]);
  release('2021-04', [
    procedureLine('A0001', { longDescription: 'Widget, any size, each', coverage: 'M' }),
    procedureLine('A0004', { terminationDate: '20210331', crossReferences: ['A0005'], actionCode: 'D' }),
    procedureLine('A0005', { addedDate: '20210401' }),
    procedureLine('A0006', { addedDate: '20210201', terminationDate: '20210228' }),
  ]);
  release('2021-07', [
    procedureLine('A0001', { longDescription: 'Widget, any size, each', coverage: 'M' }),
    procedureLine('A0002'),
    procedureLine('A0004'),
    procedureLine('A0005', { addedDate: '20210401' }),
    procedureLine('A0006', { addedDate: '20210201', terminationDate: '20210228' }),
  ]);
});

afterAll(() => store.close());

describe('diffReleases on fixtures', () => {
  it('names every kind of change between 2021-01 and 2021-04', () => {
    const diff = diffReleases(store, '2021-01', '2021-04');
    expect(diff).toMatchObject({
      from: '2021-01_v1',
      to: '2021-04_v1',
      added: ['A0005', 'A0006'],
      addedAlreadyTerminated: ['A0006'],
      removed: ['A0002', 'A0003'],
      terminated: ['A0004', 'A0006'],
      reactivated: [],
    });
    expect(diff.removedDetails).toEqual([
      { code: 'A0002', terminationDate: null, replacedBy: [] },
      { code: 'A0003', terminationDate: '2020-12-31', replacedBy: ['A0001'] },
    ]);
    expect(diff.changed.map((c) => [c.code, c.field, c.from, c.to])).toEqual([
      ['A0001', 'longDescription', 'Widget, each', 'Widget, any size, each'],
      ['A0001', 'coverage', 'C', 'M'],
      ['A0004', 'crossReferences', [], ['A0005']],
      ['A0004', 'terminationDate', null, '2021-03-31'],
    ]);
    expect(diff.changed[1]).toMatchObject({
      fromMeaning: 'Carrier judgment',
      toMeaning: 'Non-covered by Medicare',
    });
    expect(diff.summary).toMatchObject({
      added: 2,
      removed: 2,
      removedWithoutTermination: 1,
      terminated: 2,
      changes: 4,
    });
  });

  it('reports the reactivation and the return between 2021-04 and 2021-07', () => {
    const diff = diffReleases(store, '2021-04', '2021-07');
    expect(diff.added).toEqual(['A0002']);
    expect(diff.reactivated).toEqual(['A0004']);
    expect(diff.removed).toEqual([]);
  });

  it('writes CSV with one row per code event and field change', () => {
    const csv = diffToCsv(store, diffReleases(store, '2021-01', '2021-04'))
      .trim()
      .split('\n');
    expect(csv).toEqual([
      'from,to,change,code,field,label,old_value,new_value,old_meaning,new_meaning,description',
      '2021-01_v1,2021-04_v1,added,A0005,,,,,,,Test procedure A0005',
      '2021-01_v1,2021-04_v1,added,A0006,,,,,,,Test procedure A0006',
      '2021-01_v1,2021-04_v1,removed-without-termination,A0002,terminationDate,Termination Date,,,,,Test procedure A0002',
      '2021-01_v1,2021-04_v1,removed,A0003,terminationDate,Termination Date,2020-12-31,,,,Test procedure A0003',
      '2021-01_v1,2021-04_v1,terminated,A0004,terminationDate,Termination Date,,2021-03-31,,,Test procedure A0004',
      '2021-01_v1,2021-04_v1,terminated,A0006,terminationDate,Termination Date,,2021-02-28,,,Test procedure A0006',
      '2021-01_v1,2021-04_v1,changed,A0001,longDescription,Code Description,"Widget, each","Widget, any size, each",,,"Widget, any size, each"',
      '2021-01_v1,2021-04_v1,changed,A0001,coverage,Coverage Code,C,M,Carrier judgment,Non-covered by Medicare,"Widget, any size, each"',
      '2021-01_v1,2021-04_v1,changed,A0004,crossReferences,Cross Reference Code,,A0005,,,Test procedure A0004',
      '2021-01_v1,2021-04_v1,changed,A0004,terminationDate,Termination Date,,2021-03-31,,,Test procedure A0004',
    ]);
  });
});

describe('codeHistory on fixtures', () => {
  const types = (code: string) => codeHistory(store, code).events.map((e) => [e.release, e.type]);

  it('says a code vanished without a termination date, and when it came back', () => {
    expect(types('A0002')).toEqual([
      ['2021-01_v1', 'first-seen'],
      ['2021-04_v1', 'removed-without-termination'],
      ['2021-07_v1', 'reappeared'],
    ]);
    const history = codeHistory(store, 'A0002');
    expect(history.notes).toEqual([
      'A0002 vanished from 2021-04_v1 without a termination date; its end date is unknown.',
    ]);
    expect(history.releases.map((r) => r.status)).toEqual(['active', 'absent', 'active']);
  });

  it('gives the termination date of a code removed with one, and its successor both ways', () => {
    expect(types('A0003')).toEqual([
      ['2021-01_v1', 'first-seen'],
      ['2021-04_v1', 'removed-terminated'],
    ]);
    expect(codeHistory(store, 'A0003')).toMatchObject({ replacedBy: ['A0001'], lastSeen: '2021-01_v1' });
    expect(codeHistory(store, 'A0001').replaces).toEqual(['A0003']);
  });

  it('tells a description change from an administrative one, with decoded meanings', () => {
    const events = codeHistory(store, 'A0001').events;
    expect(events.map((e) => e.type)).toEqual(['first-seen', 'description-changed', 'administrative-change']);
    expect(events[2]?.changes).toEqual([
      {
        code: 'A0001',
        field: 'coverage',
        label: 'Coverage Code',
        from: 'C',
        to: 'M',
        fromMeaning: 'Carrier judgment',
        toMeaning: 'Non-covered by Medicare',
      },
    ]);
  });

  it('shows termination, successor and reactivation', () => {
    expect(types('A0004')).toEqual([
      ['2021-01_v1', 'first-seen'],
      ['2021-04_v1', 'terminated'],
      ['2021-04_v1', 'administrative-change'],
      ['2021-07_v1', 'reactivated'],
      ['2021-07_v1', 'administrative-change'],
    ]);
    expect(codeHistory(store, 'A0005').replaces).toEqual(['A0004']);
  });

  it('marks a code first seen already terminated', () => {
    const [event] = codeHistory(store, 'A0006').events;
    expect(event).toMatchObject({
      type: 'first-seen-terminated',
      addedDate: '2021-02-01',
      terminationDate: '2021-02-28',
    });
    expect(event?.message).toContain('lived only between 2021-01_v1 and 2021-04_v1');
  });
});

describe('checkCode on fixtures', () => {
  it('is valid between its added and termination dates only', () => {
    expect(checkCode(store, { code: 'A0006', date: '2021-02-15' })).toMatchObject({
      valid: true,
      release: '2021-04_v1',
    });
    expect(checkCode(store, { code: 'A0006', date: '2021-01-31' })).toMatchObject({
      valid: false,
      status: 'not-yet-effective',
    });
    expect(checkCode(store, { code: 'A0006', date: '2021-03-01' })).toMatchObject({
      valid: false,
      status: 'terminated',
    });
  });

  it('says a code removed without a termination date is removed, end unknown', () => {
    const result = checkCode(store, { code: 'A0002', date: '2021-05-01' });
    expect(result).toMatchObject({
      valid: false,
      status: 'removed',
      release: '2021-01_v1',
      releaseInEffect: '2021-04_v1',
    });
    expect(result.reasons[0]).toContain('no termination date; the files do not say when it ended');
  });

  it('names the successor of a terminated code, and reports non-coverage apart from validity', () => {
    expect(checkCode(store, { code: 'A0004', date: '2021-05-01' })).toMatchObject({
      valid: false,
      status: 'terminated',
      replacedBy: ['A0005'],
    });
    expect(checkCode(store, { code: 'A0004', date: '2021-08-01' })).toMatchObject({
      valid: true,
      status: 'valid',
    });
    const widget = checkCode(store, { code: 'A0001', date: '2021-05-01' });
    expect(widget).toMatchObject({ valid: true, coverage: { code: 'M', payableByMedicare: false } });
    expect(widget.notes).toEqual([
      'coverage M: Non-covered by Medicare (validity is separate: the code may still be reported)',
    ]);
  });
});
