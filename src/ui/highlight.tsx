/** Matched words marked in a description: `<mark>` around each word the search matched. */
import type { Child } from 'hono/jsx';

/**
 * Splits `text` into words and the gaps between them and marks the words (case-insensitive)
 * that are in `matched`.
 * @example highlight('Injection, hemin, 1 mg', ['hemin']) // ['Injection, ', <mark>hemin</mark>, ', 1 mg']
 */
export function highlight(text: string, matched: readonly string[]): Child[] {
  const wanted = new Set(matched.map((m) => m.toLowerCase()));
  if (wanted.size === 0) return [text];
  const out: Child[] = [];
  let plain = '';
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    if (part && wanted.has(part.toLowerCase())) {
      if (plain) out.push(plain);
      plain = '';
      out.push(<mark>{part}</mark>);
    } else plain += part;
  }
  if (plain) out.push(plain);
  return out;
}
