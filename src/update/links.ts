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

/** The last path segment of a URL, decoded: the name a download is saved under. */
export function fileNameOf(url: string): string {
  const path = new URL(url).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** Files CMS publishes beside the Alpha-Numeric file that are not it. */
const COMPANION = /record.?layout|correction|noc|index|drug|transaction|changes|summary|quarterly.?report/i;
const ALPHA_NUMERIC = /alpha.?numeric|anweb|(?<![a-z])a-n(?![a-z])/i;

/**
 * Whether a link is to an Alpha-Numeric HCPCS File (a zip named or titled so).
 * @example isAlphaNumericFile({ url: 'https://www.cms.gov/files/zip/13anweb.zip', text: '2013 file' }) // true
 */
export function isAlphaNumericFile(link: PageLink): boolean {
  const name = fileNameOf(link.url);
  if (!/\.zip$/i.test(name)) return false;
  const says = `${name} ${link.text}`;
  return ALPHA_NUMERIC.test(says) && !COMPANION.test(name);
}

/**
 * Whether a link is to another page of the same site about Alpha-Numeric HCPCS files (an archive
 * page or a year's item page): those are read one level deep for their file links.
 */
export function isReleasePage(link: PageLink, pageUrl: string): boolean {
  const url = new URL(link.url);
  if (url.origin !== new URL(pageUrl).origin) return false;
  if (/\.(zip|pdf|xlsx?|txt|docx?|csv)$/i.test(url.pathname)) return false;
  const says = `${decodeURIComponent(url.pathname)} ${link.text}`;
  return ALPHA_NUMERIC.test(says) && !COMPANION.test(says) && /(19|20)\d\d|archive|quarterly/i.test(says);
}
