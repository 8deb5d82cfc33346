/** The CMS HCPCS Alpha-Numeric Index (PDF): lay terms -> codes and ranges. (Parser in progress.) */
export interface AlphaIndexEntry {
  readonly term: string;
  readonly codes: string[];
}
export function readAlphaIndexSync(_pdf: Uint8Array): AlphaIndexEntry[] {
  return [];
}
