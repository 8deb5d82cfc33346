/**
 * The oldest workbook we hold (2013, HCPC2013_A-N.xlsx: older headings, long descriptions over
 * continuation rows, dates stored as numbers, error cells) rewritten into the shapes CMS's
 * workbooks take over the years, each imported and compared field by field with the import of the
 * original workbook. CMS files are read from ../shared at test time; the variants live in a
 * temporary folder removed after the tests.
 */
import { join } from 'node:path';
import { cms } from './support/cms.js';
import { describeVariantsOf, WORKBOOK_VARIANTS, zipMember } from './support/workbook-variant-cases.js';

const name = 'HCPC2013_A-N.xlsx';
describeVariantsOf(
  { label: '2013', name, id: '2013-01', bytes: zipMember(join(cms(), '../cms-more/2013/13anweb.zip'), name) },
  WORKBOOK_VARIANTS,
);
