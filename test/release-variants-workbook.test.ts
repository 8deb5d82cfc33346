/**
 * A workbook-only release (2023-01, XLSX: no fixed-width file was published) rewritten into the
 * shapes CMS's workbooks take over the years, each imported and compared field by field with the
 * import of the original workbook. CMS files are read from ../shared at test time; the variants
 * live in a temporary folder removed after the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cms } from './support/cms.js';
import { describeVariantsOf, WORKBOOK_VARIANTS } from './support/workbook-variant-cases.js';

const name = 'HCPC2023_JAN_ANWEB_v3.xlsx';
describeVariantsOf(
  {
    label: '2023-01',
    name,
    id: '2023-01',
    revision: 3,
    bytes: () => readFileSync(join(cms(), '../cms-more/2023-01', name)),
  },
  WORKBOOK_VARIANTS,
);
