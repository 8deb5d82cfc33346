/**
 * Code lookup for the JSON API: one code with everything beside its values (decoded meanings,
 * definitions, status, processing note text), or up to 1,000 codes in one call with the field
 * definitions given once.
 */

import { fitsCodeField, normalizeCode } from '../../code.js';
import { HcpcsError } from '../../errors.js';
import { fieldDefinitions } from '../../layout/describe.js';
import { codeNotFoundMessage, recordView } from '../../store/record-view.js';
import type { HcpcsStore, ReleaseInfo } from '../../store/store.js';

/** The release a `release` parameter names (default: latest), as a summary. */
export function requestedRelease(store: HcpcsStore, ref: string | undefined): ReleaseInfo {
  const info = store.catalog().resolve(ref);
  if (!info) throw new HcpcsError('HCPCS_E_NOT_FOUND', `release ${ref} is not imported`);
  return info;
}

/**
 * Many codes in one call: records with status and decoded meanings, the codes not found with why.
 * @example lookupCodes(store, ['J1640', 'LT'], undefined, 1000).records.length // 2
 */
export function lookupCodes(
  store: HcpcsStore,
  inputs: readonly string[],
  releaseRef: string | undefined,
  max: number,
) {
  const codes = [...new Set(inputs.map(normalizeCode).filter((c) => c !== ''))];
  if (codes.length === 0) throw new HcpcsError('HCPCS_E_USAGE', 'codes: give at least one code');
  if (codes.length > max) {
    throw new HcpcsError(
      'HCPCS_E_USAGE',
      `codes: ${codes.length} codes in one call, at most ${max}: split the list`,
    );
  }
  const release = requestedRelease(store, releaseRef);
  const records = [];
  const notFound = [];
  for (const code of codes) {
    const view = fitsCodeField(code) ? recordView(store, release, code) : undefined;
    if (!view) {
      notFound.push({ code: code.slice(0, 40), message: codeNotFoundMessage(store, code, release) });
      continue;
    }
    const { definitions: _d, ...record } = view;
    records.push(record);
  }
  return { release: release.key, records, notFound, definitions: fieldDefinitions() };
}
