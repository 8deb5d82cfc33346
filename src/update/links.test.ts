import { describe, expect, it } from 'vitest';
import { isAlphaNumericFile, isReleasePage, linksOf } from './links.js';

const page =
  'https://www.cms.gov/medicare/coding-billing/healthcare-common-procedure-system/quarterly-update';

describe('links of CMS pages', () => {
  it('resolves relative and absolute links, drops fragments and non-HTTP links', () => {
    const html = `<a href="/files/zip/a.zip#x">A &amp; B</a><a href="b.zip"> B\n file </a>
      <a href="https://other.example/c.zip">C</a><a href="javascript:void(0)">no</a><a href="mailto:x@y">no</a>`;
    expect(linksOf(html, page)).toEqual([
      { url: 'https://www.cms.gov/files/zip/a.zip', text: 'A & B' },
      {
        url: 'https://www.cms.gov/medicare/coding-billing/healthcare-common-procedure-system/b.zip',
        text: 'B file',
      },
      { url: 'https://other.example/c.zip', text: 'C' },
    ]);
  });

  it.each([
    ['https://www.cms.gov/files/zip/january-2026-alpha-numeric-hcpcs-file.zip', '', true],
    ['https://www.cms.gov/files/zip/october-2023-alpha-numeric-hcpcs-files.zip', '', true],
    ['https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/Downloads/13anweb.zip', '', true],
    ['https://www.cms.gov/files/zip/hcpc2010-contr-anweb.zip', '', true],
    ['https://www.cms.gov/files/zip/2020-anweb-w-disclaimer_v2.zip', '', true],
    ['https://www.cms.gov/files/zip/jan-2024.zip', 'January 2024 Alpha-Numeric HCPCS File', true],
    ['https://www.cms.gov/files/zip/2019-hcpcs-record-layout.zip', 'Record layout', false],
    ['https://www.cms.gov/files/zip/2019-hcpcs-noc-codes.zip', 'NOC codes', false],
    ['https://www.cms.gov/files/zip/2019-alpha-numeric-hcpcs-corrections.zip', '', false],
    ['https://www.cms.gov/files/document/2019-alpha-numeric-hcpcs-file.pdf', '', false],
  ])('%s %s: an Alpha-Numeric HCPCS File is %s', (url, text, expected) => {
    expect(isAlphaNumericFile({ url, text })).toBe(expected);
  });

  it('follows the archive and year pages of the same site only', () => {
    const item = {
      url: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/Alpha-Numeric-HCPCS-Items/2018-Alpha-Numeric-HCPCS-File',
      text: '2018 Alpha-Numeric HCPCS File',
    };
    expect(isReleasePage(item, page)).toBe(true);
    expect(isReleasePage({ ...item, url: 'https://elsewhere.example/2018-alpha-numeric' }, page)).toBe(false);
    expect(isReleasePage({ url: 'https://www.cms.gov/about', text: 'About CMS' }, page)).toBe(false);
  });
});
