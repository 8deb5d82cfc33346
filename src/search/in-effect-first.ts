/**
 * "Active first" for a date of service: a coder looking for what to bill on a date should not read
 * past ended or not-yet-effective codes to reach a current one, on any page of the results. The
 * ranking itself is left alone: its order is kept within each group. Whether a hit is in effect is
 * model.ts's statusOnDate, the rule validity answers by too.
 */

/**
 * Positions 0..count-1 with those `inEffect` accepts first, each group in its original order (a
 * stable partition).
 * @example inEffectFirst(4, (i) => i % 2 === 1) // [1, 3, 0, 2]
 */
export function inEffectFirst(count: number, inEffect: (position: number) => boolean): number[] {
  const first: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < count; i++) (inEffect(i) ? first : rest).push(i);
  return first.concat(rest);
}
