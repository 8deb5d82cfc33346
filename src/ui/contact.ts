/**
 * Texts the reference code pages (../shared/seeds) print around the record, kept here so every
 * code page prints them the same way. The introduction is CMS's own description of HCPCS (the
 * record layout's definition of field 1, "HCPCS Code"); the contact block is CMS's published
 * HCPCS contacts as the reference pages show them.
 */

/** "The Healthcare Common Procedure Coding System (HCPCS) is ..." as the reference pages open. */
export const HCPCS_INTRODUCTION =
  'The Healthcare Common Procedure Coding System (HCPCS) is a collection of codes that represent procedures, supplies, products and services which may be provided to Medicare beneficiaries and to individuals enrolled in private health insurance programs. HCPCS codes primarily correspond to services, procedures, and equipment not covered by CPT® codes.';

export const HCPCS_CONTACT = {
  email: 'hcpcs@cms.hhs.gov',
  pdacHelpline: '(877) 735-1326',
  questionsSite: 'www.codingclinicadvisor.com',
} as const;
