/**
 * Pages shaped like CMS's own HCPCS pages, for `hcpcs update` tests (served by cms-site.ts). Their
 * addresses, link texts and nesting follow what public scrapers of cms.gov record (no test reads
 * the real site):
 * - the HCPCS Quarterly Update page
 *   (/medicare/coding-billing/healthcare-common-procedure-system/quarterly-update) links this
 *   year's files by relative `/files/zip/<month>-<year>-alpha-numeric-hcpcs-file.zip` addresses
 *   titled "January 2026 Alpha-Numeric HCPCS File (ZIP)"; some quarters' names are plural
 *   (`october-2023-alpha-numeric-hcpcs-files.zip`), annual ones carry no month
 *   (`2024-alpha-numeric-hcpcs-file.zip`); the record layout, corrections, NOC codes, Index and
 *   Table of Drugs are posted beside them;
 * - a re-issued quarter keeps its name and says so inside (`july-2024-alpha-numeric-hcpcs-file.zip`
 *   holds `HCPC2024_JUL_ANWEB_v3.xlsx`), or is posted under a name of its own (`..._v2`);
 * - the Alpha-Numeric HCPCS archive (.../healthcare-common-procedure-system/alpha-numeric) is a
 *   table of items shown a page at a time (`?page=1`), one item page per year's file
 *   (.../alpha-numeric-hcpcs-items/2024-alpha-numeric-hcpcs-file), older items still at the old
 *   site's addresses (/Medicare/Coding/HCPCSReleaseCodeSets/Alpha-Numeric-HCPCS-Items/
 *   2018-Alpha-Numeric-HCPCS-File-.html?DLPage=1&DLEntries=10&DLSort=0&DLSortDir=descending),
 *   whose zips sit under /Medicare/Coding/HCPCSReleaseCodeSets/Downloads/ (13anweb.zip,
 *   2015-Annual-Alpha-Numeric-HCPCS-File.zip, 2016-Alpha-Numeric-HCPCS-File.zip) or, for some
 *   years, .../downloads/ in lower case (12anweb.zip);
 * - every page repeats the site's navigation (links to the section's other pages).
 * - a corrected file is posted under a new name ("...-updated-01112024.zip", "rvu25d-updated.zip"
 *   for CMS's other code files), some links carry a query (`?agree=yes&next=Accept`).
 * The upper-case `.ZIP`, the fragments on file links and the small zips' contents are ours, to
 * cover what a link can look like.
 */
import { zipSync } from 'fflate';
import { correctionsWorkbook, fileText, procedureLine } from './fixtures.js';

export const HCPCS_SECTION = '/medicare/coding-billing/healthcare-common-procedure-system';
export const QUARTERLY_PAGE = `${HCPCS_SECTION}/quarterly-update`;
export const ARCHIVE_PAGE = `${HCPCS_SECTION}/alpha-numeric`;
const ITEMS = `${HCPCS_SECTION}/alpha-numeric-hcpcs-items`;
const OLD_ITEMS = '/Medicare/Coding/HCPCSReleaseCodeSets/Alpha-Numeric-HCPCS-Items';
const OLD_DOWNLOADS = '/Medicare/Coding/HCPCSReleaseCodeSets/Downloads';

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>${title} | CMS</title></head><body>
  <header><nav aria-label="HCPCS">
    <a href="/">Home</a>
    <a href="${HCPCS_SECTION}">Healthcare Common Procedure System (HCPCS)</a>
    <a href="${QUARTERLY_PAGE}">HCPCS Quarterly Update</a>
    <a href="${ARCHIVE_PAGE}">Alpha-Numeric HCPCS</a>
    <a href="${HCPCS_SECTION}/level-ii-coding-process">Level II Coding Process</a>
  </nav></header>
  <main id="main"><h1>${title}</h1>${body}</main></body></html>`;

const item = (href: string, title: string) => `<tr><td><a href="${href}">${title}</a></td></tr>`;

/** The pages by path (and query, for the archive's second page); `origin` once the server listens. */
export function cmsPages(origin: () => string): Record<string, () => string> {
  return {
    [QUARTERLY_PAGE]: () =>
      page(
        'HCPCS Quarterly Update',
        `<p>Under the HCPCS quarterly update process, CMS posts the Alpha-Numeric HCPCS File
        ahead of each quarter's effective date.</p>
        <h2>Downloads</h2>
        <ul>
          <li><a href="/files/zip/january-2026-alpha-numeric-hcpcs-file.zip">January 2026 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/january-2026-hcpcs-record-layout.zip">January 2026 HCPCS Record Layout (ZIP)</a></li>
          <li><a href="/files/zip/january-2026-alpha-numeric-hcpcs-corrections.zip">January 2026 Alpha-Numeric HCPCS Corrections (ZIP)</a></li>
          <li><a href="/files/zip/jan-2026-v2.zip">January 2026 Alpha-Numeric HCPCS Corrections - v2 (ZIP)</a></li>
          <li><a href="/files/zip/2026-hcpcs-index-table-drugs.zip">2026 HCPCS Index/Table of Drugs (ZIP)</a></li>
          <li><a href="/files/document/2026-hcpcs-index.pdf">2026 HCPCS Index (PDF)</a></li>
          <li><a href="/files/zip/noc-codes-january-2026.zip">NOC Codes January 2026 (ZIP)</a></li>
          <li><a href="/files/zip/october-2025-alpha-numeric-hcpcs-file-updated-11-14-2025.zip">October 2025 Alpha-Numeric HCPCS File - v4 (ZIP)</a></li>
          <li><a href="/files/zip/october-2025-alpha-numeric-hcpcs-file.zip">October 2025 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/july-2025-alpha-numeric-hcpcs-file.zip?v=2">July 2025 Alpha-Numeric HCPCS File (ZIP) - Updated 07/15/2025</a></li>
          <li><a href="/files/zip/april-2025-alpha-numeric-hcpcs-file-v2.zip">April 2025 Alpha-Numeric HCPCS File v2 (ZIP)</a></li>
          <li><a href="/files/zip/april-2025-alpha-numeric-hcpcs-file.zip">April 2025 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/hcpcs-file-jan.zip">January 2025 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/october-2024-alpha-numeric-hcpcs-files.zip">October 2024 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/july-2024-alpha-numeric-hcpcs-file.zip">July 2024 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/APRIL-2024-ALPHA-NUMERIC-HCPCS-FILES.ZIP">April 2024 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="${origin()}/files/zip/2024-alpha-numeric-hcpcs-file.zip">2024 Alpha-Numeric HCPCS File (ZIP)</a></li>
          <li><a href="/files/zip/2017-alpha-numeric-hcpcs-file-april.zip">April 2017 Alpha-Numeric HCPCS File (ZIP)</a></li>
        </ul>
        <h2>Related Links</h2>
        <ul>
          <li><a href="/files/zip/january-2026-alpha-numeric-hcpcs-file.zip#main">January 2026 Alpha-Numeric HCPCS File</a></li>
          <li><a href="/files/zip/july-2025-alpha-numeric-hcpcs-file.zip">July 2025 Alpha-Numeric HCPCS File</a></li>
          <li><a href="https://www.hhs.gov/guidance/document/hcpcs-quarterly-update">HHS guidance</a></li>
        </ul>`,
      ),
    [ARCHIVE_PAGE]: () =>
      page(
        'Alpha-Numeric HCPCS',
        `<p>Previous years' files.</p>
        <table><thead><tr><th>Title</th></tr></thead><tbody>
          ${item(`${ITEMS}/2024-alpha-numeric-hcpcs-file`, '2024 Alpha-Numeric HCPCS File')}
          ${item(`${ITEMS}/2024-hcpcs-record-layout`, '2024 HCPCS Record Layout')}
          ${item(`${OLD_ITEMS}/2019-HCPCS-NOC-Codes`, '2019 HCPCS NOC Codes')}
          ${item(`${OLD_ITEMS}/2018-Alpha-Numeric-HCPCS-File-.html?DLPage=1&amp;DLEntries=10&amp;DLSort=0&amp;DLSortDir=descending`, '2018 Alpha-Numeric HCPCS File')}
          ${item(`${OLD_ITEMS}/2017-Record-Layout.html`, '2017 Record Layout')}
        </tbody></table>
        <nav class="pager"><a href="?page=1" title="Go to next page">Next ›</a></nav>`,
      ),
    [`${ARCHIVE_PAGE}?page=1`]: () =>
      page(
        'Alpha-Numeric HCPCS',
        `<table><tbody>
          ${item(`${OLD_ITEMS}/2016-Alpha-Numeric-HCPCS-File.html`, '2016 Alpha-Numeric HCPCS File')}
          ${item(`${OLD_ITEMS}/2015-Alpha-Numeric-HCPCS-File`, '2015 Annual Alpha-Numeric HCPCS File')}
          ${item(`${OLD_ITEMS}/2013-Alpha-Numeric-HCPCS-File`, '2013 Alpha-Numeric HCPCS File')}
          ${item(`${OLD_ITEMS}/2012-Alpha-Numeric-HCPCS-File`, '2012 Alpha-Numeric HCPCS File')}
          ${item(`${OLD_ITEMS}/2005-Alpha-Numeric-HCPCS-File`, '2005 Alpha-Numeric HCPCS File')}
        </tbody></table>
        <nav class="pager"><a href="?page=0" title="Go to first page">« First</a><a href="?page=0">‹ Previous</a></nav>`,
      ),
    [`${ITEMS}/2024-alpha-numeric-hcpcs-file`]: () =>
      page(
        '2024 Alpha-Numeric HCPCS File',
        `<a href="/files/zip/2024-alpha-numeric-hcpcs-file.zip">2024 Alpha-Numeric HCPCS File (ZIP)</a>
        <a href="/files/zip/2024-hcpcs-noc-codes.zip">2024 HCPCS NOC Codes (ZIP)</a>`,
      ),
    [`${OLD_ITEMS}/2018-Alpha-Numeric-HCPCS-File-.html`]: () =>
      page(
        '2018 Alpha-Numeric HCPCS File',
        `<a type="application/zip" href="${OLD_DOWNLOADS}/2018-Alpha-Numeric-HCPCS-File.zip">2018 Alpha-Numeric HCPCS File [ZIP, 2MB]</a>`,
      ),
    [`${OLD_ITEMS}/2016-Alpha-Numeric-HCPCS-File.html`]: () =>
      page(
        '2016 Alpha-Numeric HCPCS File',
        `<a href="${OLD_DOWNLOADS}/2016-Alpha-Numeric-HCPCS-File.zip?agree=yes&amp;next=Accept">2016 Alpha-Numeric HCPCS File (ZIP, 978KB)</a>`,
      ),
    [`${OLD_ITEMS}/2015-Alpha-Numeric-HCPCS-File`]: () =>
      page(
        '2015 Annual Alpha-Numeric HCPCS File',
        `<a href="${OLD_DOWNLOADS}/2015-Annual-Alpha-Numeric-HCPCS-File.zip">2015 Annual Alpha-Numeric HCPCS File [ZIP, 1MB]</a>`,
      ),
    [`${OLD_ITEMS}/2013-Alpha-Numeric-HCPCS-File`]: () =>
      page(
        '2013 Alpha-Numeric HCPCS File',
        `<a href="${OLD_DOWNLOADS}/13anweb.zip">13anweb [ZIP, 958KB]</a>`,
      ),
    [`${OLD_ITEMS}/2012-Alpha-Numeric-HCPCS-File`]: () =>
      page(
        '2012 Alpha-Numeric HCPCS File',
        `<a href="/Medicare/Coding/HCPCSReleaseCodeSets/downloads/12anweb.zip">12anweb [ZIP, 1MB]</a>`,
      ),
    [`${OLD_ITEMS}/2005-Alpha-Numeric-HCPCS-File`]: () =>
      page('2005 Alpha-Numeric HCPCS File', `<a href="${OLD_DOWNLOADS}/05ANWEB.ZIP">05ANWEB.ZIP</a>`),
  };
}

/** A small release file: the given codes as fixed-width records. */
const records = (...codes: string[]) =>
  new TextEncoder().encode(fileText(codes.map((code) => procedureLine(code))));

/**
 * The zips the quarterly page links from 2024 on (what a download run fetches), each holding a
 * record file under the names CMS gives them inside, and January 2026's two corrections lists.
 * Small: a few records each.
 */
export function cmsPageZips(): Record<string, Uint8Array> {
  return {
    'january-2026-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2026_JAN_ANWEB_01122026.txt': records('A0001', 'A0002', 'A0003', 'A0004'),
    }),
    'october-2025-alpha-numeric-hcpcs-file-updated-11-14-2025.zip': zipSync({
      'HCPC2025_OCT_ANWEB_v4.txt': records('A0001', 'A0002', 'A0003', 'A0005'),
    }),
    'october-2025-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2025_OCT_ANWEB.txt': records('A0001', 'A0002', 'A0003'),
    }),
    'july-2025-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2025_JUL_ANWEB_v2.txt': records('A0001', 'A0002', 'A0006'),
    }),
    // Re-issued under a name of its own around files named as the first issue: revision 2.
    'april-2025-alpha-numeric-hcpcs-file-v2.zip': zipSync({
      'HCPC2025_APR_ANWEB.txt': records('A0001', 'A0002', 'A0007'),
    }),
    'april-2025-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2025_APR_ANWEB.txt': records('A0001', 'A0002'),
    }),
    // Nothing inside names the release (and the records' dates say 2020): the link's text does.
    'hcpcs-file-jan.zip': zipSync({ 'HCPC_ANWEB.txt': records('A0001', 'A0008') }),
    'october-2024-alpha-numeric-hcpcs-files.zip': zipSync({
      'HCPC2024_OCT_ANWEB.txt': records('A0001', 'A0009'),
    }),
    'july-2024-alpha-numeric-hcpcs-file.zip': zipSync({
      'HCPC2024_JUL_ANWEB_v3.txt': records('A0001', 'A0010'),
    }),
    // Posted under April's name, but the file inside is January's second issue.
    'APRIL-2024-ALPHA-NUMERIC-HCPCS-FILES.ZIP': zipSync({
      'HCPC2024_JAN_ANWEB_v2.txt': records('A0001', 'A0011'),
    }),
    '2024-alpha-numeric-hcpcs-file.zip': zipSync({ 'HCPC2024_JAN_ANWEB.txt': records('A0001') }),
    // The corrections lists of January 2026, posted beside its file (workbook and PRN print).
    'january-2026-alpha-numeric-hcpcs-corrections.zip': zipSync({
      'HCPC2026_JAN_Corrections_ALPHA.xlsx': correctionsWorkbook([
        ['A0001', 'Change Cov to D', '1/1/26', null, null, null, null, 'D'],
      ]),
    }),
    'jan-2026-v2.zip': zipSync({
      'HCPC2026_JAN_Corrections_ALPHA_v2.xlsx': correctionsWorkbook([['A0004', 'Discontinue', '2/1/26']]),
    }),
  };
}
