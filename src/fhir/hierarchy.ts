/**
 * The hierarchy this server publishes over HCPCS Level II (CodeSystem.hierarchyMeaning = is-a):
 * letter section (`J`) -> block of one hundred codes (`J1600-J1699`) -> code (`J1640`). CMS's file
 * has no hierarchy of its own; sections by first letter are how CMS's HCPCS guides group the codes,
 * and the hundred-blocks are derived from the code alone, so nothing here is a guess about meaning.
 * Modifiers (two characters) sit outside it. Group concepts are abstract (notSelectable).
 */

const LEVEL_II_CODE = /^([A-Z])(\d{2})\d{2}$/;
const BLOCK = /^([A-Z])(\d{2})00-([A-Z])(\d{2})99$/;
const SECTION = /^[A-Z]$/;

/** Whether a code names a group concept (a section letter or a hundred-block). */
export function isGroupCode(code: string): boolean {
  if (SECTION.test(code)) return true;
  const m = BLOCK.exec(code);
  return m !== null && m[1] === m[3] && m[2] === m[4];
}

/**
 * The parent of a code in the published hierarchy, or undefined at the top (sections, modifiers).
 * @example parentCode('J1640') // 'J1600-J1699'
 * @example parentCode('J1600-J1699') // 'J'
 */
export function parentCode(code: string): string | undefined {
  const m = LEVEL_II_CODE.exec(code);
  if (m) return `${m[1]}${m[2]}00-${m[1]}${m[2]}99`;
  const b = BLOCK.exec(code);
  if (b && isGroupCode(code)) return b[1];
  return undefined;
}

/** The code's ancestors, nearest first. */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  for (let p = parentCode(code); p !== undefined; p = parentCode(p)) out.push(p);
  return out;
}

/** The text shown for a group concept. */
export function groupDisplay(code: string): string {
  return SECTION.test(code)
    ? `HCPCS Level II section ${code} (codes ${code}0000-${code}9999)`
    : `HCPCS codes ${code}`;
}

export type SubsumptionOutcome = 'equivalent' | 'subsumes' | 'subsumed-by' | 'not-subsumed';

/**
 * FHIR $subsumes outcome of A against B over the published hierarchy.
 * @example subsumption('J', 'J1640') // 'subsumes'
 */
export function subsumption(codeA: string, codeB: string): SubsumptionOutcome {
  if (codeA === codeB) return 'equivalent';
  if (ancestorCodes(codeB).includes(codeA)) return 'subsumes';
  if (ancestorCodes(codeA).includes(codeB)) return 'subsumed-by';
  return 'not-subsumed';
}
