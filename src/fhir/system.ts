/**
 * The HCPCS Level II code system's identity in FHIR. HL7 Terminology (THO) names it
 * `http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets` (OID 2.16.840.1.113883.6.285); clients
 * in the wild also send the `https://` form, the `urn:oid:` form and CMS's older page address.
 * Every alias is accepted on input; only the THO URL is ever emitted.
 */

/** The THO canonical URL of HCPCS Level II: the only system URL this server emits. */
export const HCPCS_SYSTEM = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';

/** The HL7 OID of HCPCS (THO NamingSystem "HCPCS"). */
export const HCPCS_OID = '2.16.840.1.113883.6.285';

/** The implicit value set of every code (FHIR R4 CodeSystem "?fhir_vs" convention). */
export const HCPCS_ALL_CODES_VALUE_SET = `${HCPCS_SYSTEM}?fhir_vs`;

const ALIASES = new Set(
  [
    HCPCS_SYSTEM,
    'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
    'http://cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
    'https://cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
    'http://www.cms.gov/Medicare/Coding/MedHCPCSGenInfo/index.html',
    'https://www.cms.gov/Medicare/Coding/MedHCPCSGenInfo/index.html',
    'http://www.cms.gov/Medicare/Coding/MedHCPCSGenInfo',
    'https://www.cms.gov/Medicare/Coding/MedHCPCSGenInfo',
    `urn:oid:${HCPCS_OID}`,
  ].map((u) => u.toLowerCase()),
);

/**
 * Whether a system URI names HCPCS Level II (any known alias; case and one trailing slash ignored).
 * @example isHcpcsSystem('urn:oid:2.16.840.1.113883.6.285') // true
 */
export function isHcpcsSystem(uri: string): boolean {
  const u = uri.trim().toLowerCase().replace(/\/$/, '');
  return ALIASES.has(u);
}

/**
 * Whether a value set URL names the implicit all-codes value set (`<system>?fhir_vs` for any alias).
 * @example isAllCodesValueSet('https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs') // true
 */
export function isAllCodesValueSet(url: string): boolean {
  const bar = url.indexOf('|');
  const bare = bar >= 0 ? url.slice(0, bar) : url;
  const q = bare.indexOf('?');
  return q > 0 && bare.slice(q) === '?fhir_vs' && isHcpcsSystem(bare.slice(0, q));
}
