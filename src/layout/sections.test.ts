/**
 * The browse sections' names are cited, not made up: every named range is an entry of the CMS 2019
 * HCPCS Alpha-Numeric Index, on the page given, exactly as quoted.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cms } from '../../test/support/cms.js';
import { inRange, NAMED_RANGES, rangeId, rangesOfLetter } from './sections.js';

/** The lines of each page of the index PDF. */
const pages: string[][] = [];

beforeAll(async () => {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(cms('2019', '2019-HCPCS-Index.pdf'))),
    verbosity: 0,
  }).promise;
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const lines = content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
      .join('')
      .split('\n')
      .map((l) => l.trim());
    pages.push(lines);
  }
});

describe('named ranges of the browse pages', () => {
  it('are 21 entries of the 2019 Alpha-Numeric Index, each on its page as quoted', () => {
    expect(pages.length).toBeGreaterThan(40);
    expect(NAMED_RANGES).toHaveLength(21);
    for (const range of NAMED_RANGES) {
      const entry = range.indexEntry.at(-1) as string;
      const page = pages[range.indexPage - 1] ?? [];
      // An entry can wrap onto the next line: compare with the line and its continuation.
      const at = page.findIndex(
        (line, i) => `${line}${page[i + 1] ?? ''}`.startsWith(entry) || line === entry,
      );
      expect(at, `${rangeId(range)} "${entry}" on index page ${range.indexPage}`).toBeGreaterThanOrEqual(0);
      // The range's first and last codes are the entry's (Hearing devices lists sub-ranges between them).
      expect(entry).toMatch(new RegExp(`${range.from}-.*${range.to}`));
      if (range.indexEntry.length > 1) {
        // The heading comes before the sub-entry (on the same page or an earlier one).
        const before = [...pages.slice(0, range.indexPage - 1).flat(), ...page.slice(0, at)];
        expect(before.lastIndexOf(range.indexEntry[0] as string), rangeId(range)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('do not overlap within a letter, so each code has at most one name', () => {
    for (const letter of new Set(NAMED_RANGES.map((r) => r.from.charAt(0)))) {
      const ranges = rangesOfLetter(letter);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.from > ranges[i - 1]!.to).toBe(true);
    }
    expect(inRange('A0425', NAMED_RANGES[0]!)).toBe(true);
    expect(inRange('A1000', NAMED_RANGES[0]!)).toBe(false);
    expect(inRange('A04', NAMED_RANGES[0]!)).toBe(false);
  });
});
