/**
 * Older headings of the ANWEB workbook columns, each mapped to the heading `fields.ts` names
 * (`workbookColumns`). Headings are compared after `normalizeHeading` (no case, blanks, `_`, `-`
 * or `.`), so "SEQ NUM", "X-REF1" and "LAB CERT1" already match SEQNUM, XREF1 and LABCERT1.
 *
 * Source: the 2013 annual file (13anweb.zip, HCPC2013_A-N.xlsx, sheet HCPC2013_CONTR2_CF), whose
 * header row spells out what later files abbreviate. The column ORDER is the record layout's
 * (fields 1-30, each occurrence in turn) in every workbook seen, which is what a workbook with
 * no header row is read by.
 */
export const OLDER_WORKBOOK_HEADINGS: Readonly<Record<string, string>> = {
  HCPCS: 'HCPC',
  HCPCSCODE: 'HCPC',
  SEQUENCENUMBER: 'SEQNUM',
  RIC: 'RECID',
  LONGDESC: 'LONG DESCRIPTION',
  SHORTDESC: 'SHORT DESCRIPTION',
  PI1: 'PRICE1',
  PI2: 'PRICE2',
  PI3: 'PRICE3',
  PI4: 'PRICE4',
  MPI: 'MULT_PI',
  COVERAGE: 'COV',
  ASCPAYGRP: 'ASC_GRP',
  ASCPAYGRPEFFDATE: 'ASC_DT',
  MOGPAYGRP: 'OPPS',
  MOGPAYIND: 'OPPS_PI',
  MOGEFFDATE: 'OPPS_DT',
  ANESTBASEUNITS: 'ANEST_BU',
  CODEADDDATE: 'ADD DT',
  ACTIONEFFDATE: 'ACT EFF DT',
  TERMDATE: 'TERM DT',
  ACTIONCODE: 'ACTION CD',
};

/** A heading without case, blanks, underscores, hyphens or periods ("ACT EFF DT" = "ACT_EFF_DT"). */
export function normalizeHeading(text: string): string {
  return text.toUpperCase().replace(/[\s_.-]+/g, '');
}

/** The heading `fields.ts` uses for a workbook heading, normalized; older spellings mapped. */
export function canonicalHeading(text: string): string {
  const normal = normalizeHeading(text);
  const current = OLDER_WORKBOOK_HEADINGS[normal];
  return current ? normalizeHeading(current) : normal;
}
