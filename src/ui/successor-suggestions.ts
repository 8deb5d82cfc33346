/**
 * Current codes for the same drug or item as an ended code whose record names no successor (CMS
 * fills the cross reference, layout field 15, for only some terminations). Two rules, each named
 * beside what it suggests; these are suggestions, shown as such, never presented as CMS's successor.
 *
 * - Description stem: the long description without the trailing amount ("Injection,
 *   methylprednisolone acetate, 40 mg" -> "injection, methylprednisolone acetate"): CMS re-issues a
 *   drug at a new unit under the same stem.
 * - Table of Drugs: the drug names CMS's Table of Drugs lists the ended code under (its generic-name
 *   rows, as the import stored them), and the current codes the Table lists under the same name or
 *   whose description names that drug: CMS re-issues a drug under a new wording too ("Injection,
 *   corticotropin, up to 40 units" -> "Injection, corticotropin (acthar gel), up to 40 units").
 */
import { nearestWithRole } from '../store/nearest-release.js';
import type { HcpcsStore } from '../store/store.js';
import type { CodeEntry, ReleaseIndex } from './release-index.js';

/** A suggested current code and the rule that found it. */
export type SuccessorSuggestion =
  | { readonly entry: CodeEntry; readonly source: 'description-stem' }
  | {
      readonly entry: CodeEntry;
      readonly source: 'table-of-drugs';
      /** The drug name, as the Table prints it. */
      readonly drug: string;
      /** The release whose Table of Drugs it comes from (CMS ships it with annual files only). */
      readonly table: string;
    };

/** Most codes one rule suggests for one drug: past this a name is too general to help. */
const MAX_PER_DRUG = 8;

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
 * The Table of Drugs as drug names and codes: only its generic-name rows ("Methylprednisolone
 * acetate" -> J1030), not the brand rows ("Depo-Medrol, see Methylprednisolone acetate"), whose
 * codes span every form of the generic (a brand of an injection also leads to the oral code).
 */
export interface DrugTable {
  /** The release the Table comes from. */
  readonly release: string;
  /** Drug names (as printed) by code. */
  readonly namesOf: ReadonlyMap<string, readonly string[]>;
  /** Codes by drug name (lower case). */
  readonly codesOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * The Table of Drugs that applies to a release (its own, else the nearest release's), read from
 * the terms the import stored, once per data version; undefined when no imported release has one.
 * @example drugTable(store, '2026-01_v1')?.namesOf.get('J1030') // ['Methylprednisolone acetate']
 */
export function drugTable(store: HcpcsStore, releaseKey: string): DrugTable | undefined {
  const catalog = store.catalog();
  const key = nearestWithRole(catalog.releases, releaseKey, 'table-of-drugs');
  if (!key) return undefined;
  return catalog.derived(`drug-table ${key}`, () => {
    const namesOf = new Map<string, string[]>();
    const codesOf = new Map<string, string[]>();
    for (const term of store.referenceTerms(key, 'drug-table')) {
      if (/, see /i.test(term.text)) continue;
      const name = term.text.trim();
      const codes = codesOf.get(name.toLowerCase()) ?? [];
      for (const code of term.codes) {
        if (!codes.includes(code)) codes.push(code);
        const names = namesOf.get(code) ?? [];
        if (!names.includes(name)) names.push(name);
        namesOf.set(code, names);
      }
      codesOf.set(name.toLowerCase(), codes);
    }
    return { release: key, namesOf, codesOf };
  });
}

/** Whether a description names a drug: the whole name, on word boundaries, in any case. */
function names(description: string, drug: string): boolean {
  const escaped = drug.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(description.toLowerCase());
}

/**
 * Active codes of `index` for the same drug or item as the ended `code`: those of the same
 * description stem, then those the Table of Drugs leads to (each code once, the first rule's).
 * @example suggestedSuccessors(index, 'J1030', 'Injection, methylprednisolone acetate, 40 mg').map((s) => s.entry.code) // ['J1010']
 */
export function suggestedSuccessors(
  index: ReleaseIndex,
  code: string,
  description: string,
  drugs?: DrugTable,
): SuccessorSuggestion[] {
  const stem = descriptionStem(description);
  const found: SuccessorSuggestion[] = (stem ? (activeByStem(index).get(stem) ?? []) : [])
    .filter((e) => e.code !== code)
    .map((entry) => ({ entry, source: 'description-stem' as const }));
  if (!drugs) return found;
  const seen = new Set([code, ...found.map((s) => s.entry.code)]);
  // A name the ended code's own description does not carry is a sub-heading of the Table
  // ("subcutaneous" under "Immune globulin"): too loose to say "the same drug".
  for (const drug of (drugs.namesOf.get(code) ?? []).filter((n) => names(description, n))) {
    const listed = new Set(drugs.codesOf.get(drug.toLowerCase()) ?? []);
    const current = index.entries.filter(
      (e) => e.active && e.kind === 'procedure' && (listed.has(e.code) || names(e.longDescription, drug)),
    );
    if (current.length > MAX_PER_DRUG) continue;
    for (const entry of current) {
      if (seen.has(entry.code)) continue;
      seen.add(entry.code);
      found.push({ entry, source: 'table-of-drugs', drug, table: drugs.release });
    }
  }
  return found;
}
