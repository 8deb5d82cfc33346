import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../test/support/cms.js';
import { codeHistory } from './code-history.js';

const store = useSampleStore();

describe('codeHistory over the CMS sample releases', () => {
  it('C9041: added between the annual files, terminated in July 2020 and replaced by J7169', () => {
    const history = codeHistory(store, 'c9041');
    expect(history.code).toBe('C9041');
    expect(history.events.map((e) => [e.release, e.type])).toEqual([
      ['2020-01_v1', 'added'],
      ['2020-07_v1', 'terminated'],
      ['2020-07_v1', 'administrative-change'],
      ['2023-01_v3', 'administrative-change'],
    ]);
    expect(history.events[0]).toMatchObject({ addedDate: '2019-04-01', previousRelease: '2019-01_v1' });
    expect(history.events[1]).toMatchObject({
      terminationDate: '2020-06-30',
      replacedBy: ['J7169'],
      actionCode: 'D',
    });
    expect(history.releases.map((r) => r.status)).toEqual([
      'absent',
      'absent',
      'active',
      'active',
      'terminated',
      'terminated',
      'terminated',
      'terminated',
      'terminated',
      'terminated',
    ]);
    expect(history.replacedBy).toEqual(['J7169']);
    expect(codeHistory(store, 'J7169').replaces).toContain('C9041');
    expect(history.notes).toHaveLength(2);
  });

  it('L6034: the one change between two revisions of October 2025, old and new text', () => {
    const events = codeHistory(store, 'L6034').events.filter((e) => e.release === '2025-10_v4');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'description-changed', previousRelease: '2025-10_v1' });
    expect(events[0]?.changes?.map((c) => c.field)).toEqual(['longDescription']);
  });

  it('C9040: first seen already terminated, it lived only between the two annual files', () => {
    const [event] = codeHistory(store, 'C9040').events;
    expect(event).toMatchObject({
      release: '2020-01_v1',
      type: 'first-seen-terminated',
      addedDate: '2019-04-01',
      terminationDate: '2019-09-30',
    });
  });

  it('a code held since the first release is first seen there, with the added date CMS gives', () => {
    const [event] = codeHistory(store, 'J1640').events;
    expect(event).toMatchObject({ release: '2013-01_v1', type: 'first-seen', addedDate: '2006-01-01' });
  });

  it('a code in no release has no events', () => {
    expect(codeHistory(store, 'Z9999')).toMatchObject({
      events: [],
      firstSeen: null,
      lastSeen: null,
      kind: null,
    });
  });
});
