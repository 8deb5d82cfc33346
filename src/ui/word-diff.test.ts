import { describe, expect, it } from 'vitest';
import { wordDiff } from './word-diff.js';

describe('wordDiff', () => {
  it('keeps the common words and marks the changed ones', () => {
    expect(wordDiff('Injection, hemin, 1 mg', 'Injection, hemin, 2 mg')).toEqual([
      { type: 'same', text: 'Injection, hemin,' },
      { type: 'del', text: ' 1' },
      { type: 'ins', text: ' 2' },
      { type: 'same', text: ' mg' },
    ]);
  });

  it('handles texts replaced whole, added words and empty sides', () => {
    // One word of five in common: a rewrite, shown whole.
    expect(wordDiff('Gulf oil 2010 spill related', 'Covid-19 testing related svc')).toEqual([
      { type: 'del', text: 'Gulf oil 2010 spill related' },
      { type: 'ins', text: 'Covid-19 testing related svc' },
    ]);
    expect(wordDiff('Hemin, 1 mg', 'Hemin, 1 mg per vial')).toEqual([
      { type: 'same', text: 'Hemin, 1 mg' },
      { type: 'ins', text: ' per vial' },
    ]);
    expect(wordDiff('', 'new')).toEqual([
      { type: 'del', text: '' },
      { type: 'ins', text: 'new' },
    ]);
  });

  it('joined back, the segments give both texts', () => {
    const a = 'Surgical pathology, gross and microscopic examination, for prostate needle biopsy, any method';
    const b =
      'Surgical pathology, gross and microscopic examination for prostate biopsy, any method, 21-40 specimens';
    const d = wordDiff(a, b);
    expect(
      d
        .filter((s) => s.type !== 'ins')
        .map((s) => s.text)
        .join(''),
    ).toBe(a);
    expect(
      d
        .filter((s) => s.type !== 'del')
        .map((s) => s.text)
        .join(''),
    ).toBe(b);
  });
});
