/** The CMS Table of Drugs (PDF): drug and brand names -> codes. (Parser in progress.) */
export interface DrugEntry {
  readonly name: string;
  readonly codes: string[];
}
export function readTableOfDrugsSync(_pdf: Uint8Array): DrugEntry[] {
  return [];
}
