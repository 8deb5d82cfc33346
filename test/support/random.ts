/**
 * A small seeded generator (mulberry32), for tests and benchmarks that must send the same
 * generated input on every run, so that a failure names input that can be replayed.
 * @example const next = seededRandom(42); next() // the same number in [0, 1) on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
