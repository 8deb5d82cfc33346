/**
 * The words of a text as NLM's Elasticsearch index sees them: Elasticsearch's `standard` analyzer
 * splits text at the word boundaries of Unicode UAX #29 and lowercases each word. `Intl.Segmenter`
 * (ICU, built into Node) implements the same UAX #29 rules, so "e-stim" gives `e`, `stim`, "w/o"
 * gives `w`, `o`, while "1.5", "1,000", "e.g", "patient's" and "J1640" stay one word each.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * The same UAX #29 rules for ASCII text, about 25 times faster than the segmenter (the CMS
 * descriptions are ASCII): letters, digits and `_` join (WB5, WB8-WB10, WB13a/b); `.`, `:` or `'`
 * between two letters (WB6/7: MidLetter, MidNumLet, Single_Quote); `.`, `,`, `;` or `'` between two
 * digits (WB11/12: MidNum, MidNumLet, Single_Quote). analyzer.test.ts holds it to the segmenter.
 */
const ASCII_WORD = /(?:[A-Za-z0-9_]|(?<=[A-Za-z])[.:'](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))+/g;
const NOT_ASCII = /[^\p{ASCII}]/u;
const LETTER_OR_DIGIT = /[A-Za-z0-9]/;

/**
 * The lowercased words of `text`, in order.
 * @example analyze('Wheelchair, e-stim 1.5 mg') // ['wheelchair', 'e', 'stim', '1.5', 'mg']
 */
export function analyze(text: string): string[] {
  if (!NOT_ASCII.test(text)) {
    const words: string[] = [];
    for (const word of text.match(ASCII_WORD) ?? [])
      if (LETTER_OR_DIGIT.test(word)) words.push(word.toLowerCase());
    return words;
  }
  return analyzeBySegmenter(text);
}

/** The segmenter alone, for the tests that hold the ASCII rules to it. */
export function analyzeBySegmenter(text: string): string[] {
  const words: string[] = [];
  for (const part of segmenter.segment(text)) if (part.isWordLike) words.push(part.segment.toLowerCase());
  return words;
}
