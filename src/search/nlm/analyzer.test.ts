import { describe, expect, it } from 'vitest';
import { analyze, analyzeBySegmenter } from './analyzer.js';

describe('analyze', () => {
  it('splits as UAX #29 does (the standard analyzer of Elasticsearch), lowercased', () => {
    expect(
      analyze("Wheelchair, e-stim w/o 1.5 mg; 1,000 units e.g. patient's J1640 a:b 4x4 ABC_def (per 15 min)"),
    ).toEqual([
      'wheelchair',
      'e',
      'stim',
      'w',
      'o',
      '1.5',
      'mg',
      '1,000',
      'units',
      'e.g',
      "patient's",
      'j1640',
      'a:b',
      '4x4',
      'abc_def',
      'per',
      '15',
      'min',
    ]);
  });

  it('gives what the Unicode segmenter gives for ASCII text, and uses it for the rest', () => {
    const samples = [
      "a.1 1.a a..b 1..2 1,a a,b 1;2 a;b _ __a a_ x1.5 1.5.6 e.g. o'clock 'quoted' 1'2",
      'Dressing, size 16 sq. in. or less, each; 1/2 hour, 10mg/ml, 0.1-0.5 cc',
      'Café crème, naïve — µg ½ 𝒳 日本語',
    ];
    for (const text of samples) expect(analyze(text), text).toEqual(analyzeBySegmenter(text));
  });
});
