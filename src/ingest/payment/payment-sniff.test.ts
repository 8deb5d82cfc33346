/**
 * Recognising payment files by content before reading them (looksLikePaymentFile), over CMS's real
 * files: every payment file of ../shared/cms-payment is recognised in each of its formats, and the
 * code releases' workbooks (XLSX, and the legacy XLS of the 2020 annual zip) are not, also when the
 * XLS is read from its raw strings rather than parsed.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherSources } from '../sources.js';
import { looksLikePaymentFile } from './payment-file.js';

const SHARED = resolve(import.meta.dirname, '../../../../shared');

const verdicts = (path: string) =>
  gatherSources([path])
    .filter((f) => /\.(csv|xlsx?)$/i.test(f.name))
    .map((f) => [f.name, looksLikePaymentFile(f.bytes, f.name)]);

describe('looksLikePaymentFile', () => {
  it('recognises the ASP XLS and CSV, the DMEPOS CSV and XLSX and the PEN CSV', () => {
    expect(verdicts(resolve(SHARED, 'cms-payment'))).toEqual([
      ['Jan 2025 ASP Pricing File updated 030725.xls', true],
      ['section 508 version of Jan 2025 ASP Pricing File updated 030725.csv', true],
      ['DMEPEN_JAN.csv', true],
      ['DMEPOS_JAN.csv', true],
      ['DMEPOS_JAN.xlsx', true],
    ]);
  });

  it('passes over the code releases: an ANWEB XLS with "Payment limits do not apply" among its descriptions, and XLSX workbooks', () => {
    expect(verdicts(resolve(SHARED, 'cms/2020'))).toEqual([
      ['HCPC2020_ANWEB_w_disclaimer.xls', false],
      ['HCPC2020_TRANS_ALPHA_w_disclaimer.xlsx', false],
    ]);
    expect(verdicts(resolve(SHARED, 'cms/2025-10'))).toEqual([
      ['HCPC2025_OCT_ANWEB_Transaction Report_v4.xlsx', false],
      ['HCPC2025_OCT_ANWEB_v4.xlsx', false],
    ]);
  });
});
