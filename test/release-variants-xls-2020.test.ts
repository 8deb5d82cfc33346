/**
 * The 2020 workbook (legacy XLS, BIFF8, as CMS published it) rewritten as XLSX, in an older
 * workbook's shape as XLS, and with no header and an empty first column, each imported and
 * compared field by field with the import of the original workbook.
 */
import { cms } from './support/cms.js';
import {
  describeVariantsOf,
  workbookVariant,
  XLS_VARIANTS,
  zipMember,
} from './support/workbook-variant-cases.js';

const name = 'HCPC2020_ANWEB_w_disclaimer.xls';
describeVariantsOf(
  {
    label: '2020',
    name,
    id: '2020-01',
    bytes: zipMember(cms('2020/2020-Alpha-Numeric-HCPCS-File.zip'), name),
  },
  [
    workbookVariant('the same rows written anew as XLSX'),
    XLS_VARIANTS.olderShape,
    workbookVariant('no header row, records from column B'),
  ],
);
