/**
 * Reads CMS's HCPCS pages for the links `hcpcs update` follows. CMS publishes the Alpha-Numeric
 * HCPCS files as zips on its "HCPCS Quarterly Update" page (current and recent quarters) and, for
 * older years, on one page per file reached from its archive ("Alpha-Numeric HCPCS" items). The
 * names vary by year (13anweb.zip, 2019-Alpha-Numeric-HCPCS-File.zip,
 * january-2026-alpha-numeric-hcpcs-file.zip, ..._v4.zip), so a link is recognised by its file
 * name or its text, never by one pattern of name.
 */
import { Parser } from 'htmlparser2';

export interface PageLink {
  /** Absolute URL (relative links resolved against the page, after its redirects). */
  readonly url: string;
  /** The link's text, whitespace collapsed. */
  readonly text: string;
}

/**
 * Every `<a href>` of a page, resolved to an absolute URL.
 * @example linksOf('<a href="/files/zip/x.zip">X</a>', 'https://www.cms.gov/a/b') // [{ url: 'https://www.cms.gov/files/zip/x.zip', text: 'X' }]
 */
export function linksOf(html: string, pageUrl: string): PageLink[] {
  const links: PageLink[] = [];
  let open: { href: string; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a' && attributes.href) open = { href: attributes.href, text: '' };
      },
      ontext(text) {
        if (open) open.text += text;
      },
      onclosetag(name) {
        if (name !== 'a' || !open) return;
        try {
          const url = new URL(open.href.trim(), pageUrl);
          if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'file:') {
            url.hash = '';
            links.push({ url: url.href, text: open.text.replace(/\s+/g, ' ').trim() });
          }
        } catch {
          // An href that is not a URL (a broken template, "javascript:..."): not a link to follow.
        }
        open = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return links;
}

/** A URL's path decoded; a malformed escape ("%zz") is kept as written rather than refused. */
function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

/** The last path segment of a URL, decoded: the name a download is saved under. */
export function fileNameOf(url: string): string {
  const path = decodedPath(new URL(url));
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Files CMS publishes beside the Alpha-Numeric file that are not it: the record layout, the
 * corrections, the NOC code list, the HCPCS Index and Table of Drugs, the transaction reports.
 */
const COMPANION = /record.?layout|correction|noc|index|drug|transaction|changes|summary|quarterly.?report/i;
const ALPHA_NUMERIC = /alpha.?numeric|anweb|(?<![a-z])a-n(?![a-z])/i;

/**
 * Whether a link is to an Alpha-Numeric HCPCS File (a zip named or titled so). A companion file is
 * told by its name, or by its text when its name does not say Alpha-Numeric ("jan-2025-v2.zip"
 * titled "January 2025 Alpha-Numeric HCPCS Corrections").
 * @example isAlphaNumericFile({ url: 'https://www.cms.gov/files/zip/13anweb.zip', text: '2013 file' }) // true
 */
export function isAlphaNumericFile(link: PageLink): boolean {
  const name = fileNameOf(link.url);
  if (!/\.zip$/i.test(name)) return false;
  if (COMPANION.test(name)) return false;
  if (ALPHA_NUMERIC.test(name)) return true;
  return ALPHA_NUMERIC.test(link.text) && !COMPANION.test(link.text);
}

/**
 * Whether a link is to CMS's corrections list of a release: a zip named or titled "Alpha-Numeric
 * HCPCS Corrections" ("2019-alpha-numeric-hcpcs-corrections.zip", "jan-2026-v2.zip" titled
 * "January 2026 Alpha-Numeric HCPCS Corrections - v2"). CMS posts it beside the release's file,
 * often after it; the import adds it to the release it corrects.
 * @example isCorrectionsFile({ url: 'https://www.cms.gov/files/zip/2019-alpha-numeric-hcpcs-corrections.zip', text: '' }) // true
 */
export function isCorrectionsFile(link: PageLink): boolean {
  const name = fileNameOf(link.url);
  if (!/\.zip$/i.test(name)) return false;
  const says = (text: string) => /correction/i.test(text) && /alpha.?numeric|hcpcs|anweb/i.test(text);
  return says(name) || (says(link.text) && !/record.?layout|noc|index|drug/i.test(`${name} ${link.text}`));
}

/**
 * Whether a link is another page of the same list: CMS's archive is a table shown a page at a
 * time, each page the same address with a page number in its query (`?page=1` on the current
 * site, `?DLPage=2&DLEntries=10&DLSort=0&DLSortDir=descending` on the old one).
 */
export function isListPage(link: PageLink, pageUrl: string): boolean {
  const url = new URL(link.url);
  const page = new URL(pageUrl);
  return (
    url.origin === page.origin &&
    url.pathname.toLowerCase() === page.pathname.toLowerCase() &&
    pageKey(url.href) !== pageKey(page.href) &&
    /[?&](dl)?page=\d+/i.test(url.search)
  );
}

/**
 * A page's address as a list page is known by: without the old site's sort and size parameters
 * and without the number of the first page (`?page=0`, `?DLPage=1`), which all show the same list.
 * @example pageKey('https://www.cms.gov/a.html?DLPage=1&DLEntries=10&DLSort=0&DLSortDir=descending') // 'https://www.cms.gov/a.html'
 */
export function pageKey(url: string): string {
  if (!URL.canParse(url)) return url; // a local file or folder given as --source
  const parsed = new URL(url);
  for (const name of ['DLEntries', 'DLSort', 'DLSortDir']) parsed.searchParams.delete(name);
  if (parsed.searchParams.get('page') === '0') parsed.searchParams.delete('page');
  if (parsed.searchParams.get('DLPage') === '1') parsed.searchParams.delete('DLPage');
  parsed.hash = '';
  return parsed.href;
}

/**
 * Whether a link is to another page of the same site about Alpha-Numeric HCPCS files (an archive
 * page or a year's item page, "/alpha-numeric-hcpcs-items/2013-alpha-numeric-hcpcs-file"): those
 * are read for their file links. Item pages of the companion files (record layout, NOC codes,
 * corrections, index, table of drugs) are not.
 */
export function isReleasePage(link: PageLink, pageUrl: string): boolean {
  const url = new URL(link.url);
  if (url.origin !== new URL(pageUrl).origin) return false;
  if (/\.(zip|pdf|xlsx?|txt|docx?|csv)$/i.test(url.pathname)) return false;
  const says = `${decodedPath(url)} ${link.text}`;
  return ALPHA_NUMERIC.test(says) && !COMPANION.test(says) && /(19|20)\d\d|archive|quarterly/i.test(says);
}
