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

  it('agrees with the regular-expression definition on 50,000 seeded random pairs', () => {
    const random = seededRandom(7);
    const pieces = ['a', 'b', 'A', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', ','];
    const text = () =>
      Array.from(
        { length: Math.floor(random() * 9) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
    let equal = 0;
    for (let i = 0; i < 50_000; i++) {
      const a = text();
      // Half the pairs are the same words with their spaces changed, so both answers occur often.
      const b = random() < 0.5 ? text() : a.replace(/ /g, random() < 0.5 ? ' \t ' : '\n');
      const expected = squeeze(a) === squeeze(b);
      if (expected) equal++;
      expect(equalButSpaces(a, b), JSON.stringify([a, b])).toBe(expected);
    }
    expect(equal).toBeGreaterThan(10_000);
    expect(equal).toBeLessThan(40_000);
  });
});
