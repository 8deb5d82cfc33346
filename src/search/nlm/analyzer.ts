/**
 * The words of a text as NLM's Elasticsearch index sees them: Elasticsearch's `standard` analyzer
 * splits text at the word boundaries of Unicode UAX #29 and lowercases each word. `Intl.Segmenter`
 * (ICU, built into Node) implements the same UAX #29 rules, so "e-stim" gives `e`, `stim`, "w/o"
 * gives `w`, `o`, while "1.5", "1,000" and "J1640" stay one word each.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * The lowercased words of `text`, in order.
 * @example analyze('Wheelchair, e-stim 1.5 mg') // ['wheelchair', 'e', 'stim', '1.5', 'mg']
 */
export function analyze(text: string): string[] {
  const words: string[] = [];
  for (const part of segmenter.segment(text)) if (part.isWordLike) words.push(part.segment.toLowerCase());
  return words;
}
