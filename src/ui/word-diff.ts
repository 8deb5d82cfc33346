/**
 * A word-level diff of two texts (longest common subsequence over words), so a description change
 * shows the few words CMS changed instead of two whole paragraphs.
 */

export interface DiffSegment {
  readonly type: 'same' | 'del' | 'ins';
  readonly text: string;
}

/** Longest inputs compared word by word; longer ones are shown whole (old, then new). A text
 * rewritten (under half its words kept) is shown whole too. */
const MAX_WORDS = 600;

/**
 * The segments that turn `a` into `b`, each word with the space before it.
 * @example wordDiff('Injection, hemin, 1 mg', 'Injection, hemin, 2 mg')
 * // [{same 'Injection, hemin,'}, {del ' 1'}, {ins ' 2'}, {same ' mg'}]
 */
export function wordDiff(a: string, b: string): DiffSegment[] {
  const x = a.split(/(?=\s+)/);
  const y = b.split(/(?=\s+)/);
  if (x.length > MAX_WORDS || y.length > MAX_WORDS) {
    return [
      { type: 'del', text: a },
      { type: 'ins', text: b },
    ];
  }
  const key = (w: string) => w.trim();
  // lcs[i][j]: length of the LCS of x[i..] and y[j..].
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        key(x[i]!) === key(y[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  // Fewer than half the words in common: a rewrite, clearer shown whole (old, then new).
  if (lcs[0]![0]! * 2 < Math.max(x.length, y.length)) {
    return [
      { type: 'del', text: a },
      { type: 'ins', text: b },
    ];
  }
  const out: DiffSegment[] = [];
  const push = (type: DiffSegment['type'], text: string) => {
    const last = out.at(-1);
    if (last && last.type === type) out[out.length - 1] = { type, text: last.text + text };
    else out.push({ type, text });
  };
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (key(x[i]!) === key(y[j]!)) {
      push('same', y[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('del', x[i++]!);
    else push('ins', y[j++]!);
  }
  while (i < x.length) push('del', x[i++]!);
  while (j < y.length) push('ins', y[j++]!);
  return out;
}
