/**
 * "Active first" for a date of service: a coder looking for what to bill on a date should not read
 * past ended or not-yet-effective codes to reach a current one, on any page of the results. The
 * ranking itself is left alone: its order is kept within each group.
 */
import type { HcpcsRecord } from '../model.js';

/**
 * Whether a record is in effect on an ISO date by its own dates: added on or before it (record layout
 * field 27, the date CMS added the code) and not ended before it (field 29, the last day of use).
 * @example isInEffectOn({ addedDate: '2024-01-01', terminationDate: null }, '2023-12-15') // false
 */
export function isInEffectOn(
  record: Pick<HcpcsRecord, 'addedDate' | 'terminationDate'>,
  isoDate: string,
): boolean {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (record.addedDate && iso.test(record.addedDate) && isoDate < record.addedDate) return false;
  return !(record.terminationDate && iso.test(record.terminationDate) && isoDate > record.terminationDate);
}

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
