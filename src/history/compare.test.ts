import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/random.js';
import { equalButSpaces } from './compare.js';

/** The definition equalButSpaces reads in place: runs of whitespace as one space, ends trimmed. */
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('equalButSpaces', () => {
  it('says what comparing the squeezed texts says', () => {
    expect(equalButSpaces('Injection,  methylprednisolone ', 'Injection, methylprednisolone')).toBe(true);
    expect(equalButSpaces('\tsolution\u00a0 for', 'solution for\n')).toBe(true);
    expect(equalButSpaces('a b', 'ab')).toBe(false);
    expect(equalButSpaces('ab', 'a b')).toBe(false);
    expect(equalButSpaces('', '  \t')).toBe(true);
    expect(equalButSpaces('x', '')).toBe(false);
    expect(equalButSpaces('Dressing (rev 4)', 'Dressing (rev 5)')).toBe(false);
  });

  it('agrees with the regular-expression definition on 60,000 seeded random pairs', () => {
    const random = seededRandom(7);
    const pieces = ['a', 'b', 'A', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', ','];
    const text = () =>
      Array.from(
        { length: Math.floor(random() * 9) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
    let equal = 0;
    for (let i = 0; i < 60_000; i++) {
      const a = text();
      // A third of the pairs are the same words with their spaces changed, a third share a start
      // (as two versions of a description do), so both answers and every walk occur often.
      const roll = random();
      const b =
        roll < 1 / 3 ? text() : roll < 2 / 3 ? a.replace(/ /g, random() < 0.5 ? ' \t ' : '\n') : a + text();
      const expected = squeeze(a) === squeeze(b);
      if (expected) equal++;
      expect(equalButSpaces(a, b), JSON.stringify([a, b])).toBe(expected);
    }
    expect(equal).toBeGreaterThan(15_000);
    expect(equal).toBeLessThan(45_000);
  });
});
