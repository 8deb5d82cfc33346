/**
 * Older headings of the ANWEB workbook columns, each mapped to the heading `fields.ts` names
 * (`workbookColumns`). Headings are compared after `normalizeHeading` (no case, blanks, `_`, `-`,
 * `.` or `#`), so "SEQ NUM", "X-REF1" and "LAB CERT1" already match SEQNUM, XREF1 and LABCERT1.
 *
 * Source: the 2013 annual file (13anweb.zip, HCPC2013_A-N.xlsx, sheet HCPC2013_CONTR2_CF), whose
 * header row spells out what later files abbreviate. The column ORDER is the record layout's
 * (fields 1-30, each occurrence in turn) in every workbook seen, which is what a workbook with
 * no header row is read by.
 */
import {
  CODE_FIELD,
  DETAIL_FIELDS,
  LONG_DESCRIPTION_FIELD,
  RECORD_ID_FIELD,
  SEQUENCE_NUMBER_FIELD,
} from './fields.js';

/** The 2013 workbook's headings (normalized) to the ones `fields.ts` uses. */
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

/** A heading without case, blanks, underscores, hyphens, periods or `#` ("ACT EFF DT" = "ACT_EFF_DT"). */
export function normalizeHeading(text: string): string {
  return text.toUpperCase().replace(/[\s_.#-]+/g, '');
}

/**
 * The record layout's own names of each column, normalized, to the heading `fields.ts` uses: a
 * workbook headed with the layout's names ("HCPCS Pricing Indicator Code 1", "Code Added Date",
 * "Type Of Service Code #2") is read like one with CMS's abbreviations. A repeated field's names
 * get the occurrence number.
 */
const LAYOUT_NAME_HEADINGS: ReadonlyMap<string, string> = new Map(
  [CODE_FIELD, SEQUENCE_NUMBER_FIELD, RECORD_ID_FIELD, LONG_DESCRIPTION_FIELD, ...DETAIL_FIELDS].flatMap(
    (field) =>
      [field.label, field.cmsName].flatMap((name) =>
        field.workbookColumns.map((column, i): [string, string] => [
          normalizeHeading(field.occurs > 1 ? `${name}${i + 1}` : name),
          normalizeHeading(column),
        ]),
      ),
  ),
);

/** The heading `fields.ts` uses for a workbook heading, normalized; older spellings and the layout's names mapped. */
export function canonicalHeading(text: string): string {
  const normal = normalizeHeading(text);
  const current = OLDER_WORKBOOK_HEADINGS[normal];
  return current ? normalizeHeading(current) : (LAYOUT_NAME_HEADINGS.get(normal) ?? normal);
}

/**
 * The value columns of CMS's corrections list ("2019 ALPHA-NUMERIC HCPCS CORRECTIONS",
 * HCPC2019_Corrections_ALPHA.xlsx: CODE | ACTION | EFF DATE | SHORT DESC | LONG DESC | TOS | BETOS |
 * COV | PRICE | XREF CODE | ASC IND | ASC DATE | COMMENTS), normalized, to the workbook heading
 * `fields.ts` uses for the field's first occurrence. Headings not here go through
 * `canonicalHeading`, so a list headed like the ANWEB workbook is read too.
 */
export const CORRECTIONS_HEADINGS: Readonly<Record<string, string>> = {
  TOS: 'TOS1',
  PRICE: 'PRICE1',
  XREF: 'XREF1',
  XREFCODE: 'XREF1',
  ASCIND: 'ASC_GRP',
  ASCDATE: 'ASC_DT',
  // CMS's words in the ACTION column ("Remove "YY" ASC Ind and ASC Start date of 01/01/2019").
  ASCSTARTDATE: 'ASC_DT',
  ASCEFFDATE: 'ASC_DT', // 2018: "Change ASC Ind/ASC eff date"
  CIM: 'CIM1',
  MCM: 'MCM1',
  LABCERT: 'LABCERT1',
  LABCERTCODE: 'LABCERT1', // 2018: "Add Lab Cert code 220"
};
