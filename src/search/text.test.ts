import { describe, expect, it } from 'vitest';
import { dosesIn } from './search-index.js';
import { prefixWithinOneEdit, singulars, withinOneEdit, words } from './text.js';

describe('words', () => {
  it('lower-cases, drops punctuation and accents, splits letters from digits', () => {
    expect(words('Inj, Insulin 5mg Café')).toEqual(['inj', 'insulin', '5', 'mg', 'cafe']);
  });
  it('keeps thousands together and decimals whole', () => {
    expect(words('up to 1,000 mcg, 0.5 mg, 10,000 units')).toEqual([
      'up',
      'to',
      '1000',
      'mcg',
      '0.5',
      'mg',
      '10000',
      'units',
    ]);
  });
  it("makes CMS's w/o and w/ single words", () => {
    expect(words('Walker w/o wheels, seat w/back')).toEqual(['walker', 'wo', 'wheels', 'seat', 'w', 'back']);
    expect(words('w/c cushion')).toEqual(['wc', 'cushion']);
  });
  it('treats FTS and SQL syntax as plain characters', () => {
    expect(words('"knee" NEAR(orthosis) OR * -- ;')).toEqual(['knee', 'near', 'orthosis', 'or']);
    expect(words('!!!')).toEqual([]);
  });
});

describe('singulars', () => {
  it('offers the singular forms of a plural', () => {
    expect(singulars('supplies')).toEqual(['supply', 'suppli', 'supplie']);
    expect(singulars('units')).toEqual(['unit']);
    expect(singulars('glass')).toEqual([]);
    expect(singulars('bus')).toEqual([]);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['insluin', 'insulin', true], // swap
    ['leucovorn', 'leucovorin', true], // missing letter
    ['wheelchairs', 'wheelchair', true], // extra letter
    ['cathater', 'catheter', true], // wrong letter
    ['catheter', 'catheter', true],
    ['cathatr', 'catheter', false], // two edits
    ['abc', 'cba', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
  it('compares with the start of the second word when told its length', () => {
    expect(withinOneEdit('cathat', 'catheter', 6)).toBe(true);
    expect(withinOneEdit('cathat', 'catheter', 20)).toBe(false);
  });
});

describe('prefixWithinOneEdit', () => {
  it('accepts a misspelt start of a word', () => {
    expect(prefixWithinOneEdit('cathat', 'catheter')).toBe(true);
    expect(prefixWithinOneEdit('wheelchiar', 'wheelchair')).toBe(true);
    expect(prefixWithinOneEdit('ondansteron', 'ondansetron')).toBe(true);
    expect(prefixWithinOneEdit('xyzzy', 'catheter')).toBe(false);
  });
});

describe('dosesIn', () => {
  it('reads doses in the base of their unit: grams and micrograms as milligrams', () => {
    expect(dosesIn(['ceftriaxone', 'per', '250', 'mg'])).toEqual([{ amount: 250, unit: 'mg', upTo: false }]);
    expect(dosesIn(['vancomycin', '1', 'g'])).toEqual([{ amount: 1000, unit: 'mg', upTo: false }]);
    expect(dosesIn(['up', 'to', '1000', 'mcg'])).toEqual([{ amount: 1, unit: 'mg', upTo: true }]);
    expect(dosesIn(['insulin', '5', 'units'])).toEqual([{ amount: 5, unit: 'unit', upTo: false }]);
  });
});
