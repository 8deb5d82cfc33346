/**
 * The 2019 workbook (XLSX, a disclaimer above the header) rewritten as legacy XLS (BIFF8), in an
 * older workbook's shape as XLS, and with the 2013 headings, each imported and compared field by
 * field with the import of the original workbook. Legacy XLS is slow to write: each shape once.
 */
import { cms } from './support/cms.js';
import {
  describeVariantsOf,
  workbookVariant,
  XLS_VARIANTS,
  zipMember,
} from './support/workbook-variant-cases.js';

const name = 'HCPC2019_CONTR_ANWEB.xlsx';
describeVariantsOf(
  {
    label: '2019',
    name,
    id: '2019-01',
    bytes: zipMember(cms('2019/2019-Alpha-Numeric-HCPCS-File.zip'), name),
  },
  [XLS_VARIANTS.sameRows, XLS_VARIANTS.olderShape, workbookVariant('the other era’s column headings')],
);
