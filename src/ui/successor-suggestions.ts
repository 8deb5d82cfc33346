/**
 * Current codes for the same drug or item as an ended code whose record names no successor (CMS
 * fills the cross reference, layout field 15, for only some terminations). A code's description
 * stem is its long description without the trailing amount ("Injection, methylprednisolone
 * acetate, 40 mg" -> "injection, methylprednisolone acetate"): CMS re-issues a drug at a new unit
 * under the same stem. These are suggestions, shown as such, never presented as CMS's successor.
 */
import type { CodeEntry, ReleaseIndex } from './release-index.js';

/**
 * The description without its last comma-separated part when that part holds an amount (a digit);
 * null when there is no such part (the stem would be the whole description: nothing to match on).
 * @example descriptionStem('Injection, methylprednisolone acetate, 40 mg') // 'injection, methylprednisolone acetate'
 */
export function descriptionStem(description: string): string | null {
  const cut = /^(.*\S),[^,]*\d[^,]*$/.exec(description.trim());
  return cut?.[1] ? cut[1].toLowerCase() : null;
}

const stems = new WeakMap<ReleaseIndex, Map<string, CodeEntry[]>>();

/** Active codes of a release by description stem, built once per release index. */
function activeByStem(index: ReleaseIndex): Map<string, CodeEntry[]> {
  let map = stems.get(index);
  if (!map) {
    map = new Map();
    for (const e of index.entries) {
      const stem = e.active ? descriptionStem(e.longDescription) : null;
      if (!stem) continue;
      const list = map.get(stem);
      if (list) list.push(e);
      else map.set(stem, [e]);
    }
    stems.set(index, map);
  }
  return map;
}

/**
 * Active codes of `index` sharing `description`'s stem, other than `code` itself.
 * @example suggestedSuccessors(index, 'J1030', 'Injection, methylprednisolone acetate, 40 mg').map((e) => e.code) // ['J1010']
 */
export function suggestedSuccessors(index: ReleaseIndex, code: string, description: string): CodeEntry[] {
  const stem = descriptionStem(description);
  if (!stem) return [];
  return (activeByStem(index).get(stem) ?? []).filter((e) => e.code !== code);
}
