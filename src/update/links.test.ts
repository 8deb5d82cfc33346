import { describe, expect, it } from 'vitest';
import {
  fileNameOf,
  isAlphaNumericFile,
  isCorrectionsFile,
  isListPage,
  isReleasePage,
  linksOf,
  pageKey,
} from './links.js';

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
    [
      'https://www.cms.gov/files/zip/october-2023-alpha-numeric-hcpcs-files.zip',
      'October 2023 Alpha-Numeric HCPCS File (ZIP)',
      true,
    ],
    ['https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/Downloads/05ANWEB.ZIP', '05ANWEB.ZIP', true],
    [
      'https://www.cms.gov/files/zip/jan-2026-v2.zip',
      'January 2026 Alpha-Numeric HCPCS Corrections - v2 (ZIP)',
      false,
    ],
    [
      'https://www.cms.gov/files/zip/2026-hcpcs-index-table-drugs.zip',
      '2026 HCPCS Index/Table of Drugs (ZIP)',
      false,
    ],
    ['https://www.cms.gov/files/zip/noc-codes-january-2026.zip', 'NOC Codes January 2026 (ZIP)', false],
  ])('%s %s: an Alpha-Numeric HCPCS File is %s', (url, text, expected) => {
    expect(isAlphaNumericFile({ url, text })).toBe(expected);
  });

  it.each([
    ['https://www.cms.gov/files/zip/2019-alpha-numeric-hcpcs-corrections.zip', '', true],
    [
      'https://www.cms.gov/files/zip/jan-2026-v2.zip',
      'January 2026 Alpha-Numeric HCPCS Corrections - v2 (ZIP)',
      true,
    ],
    [
      'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/Downloads/2019-HCPCS-Alpha-Numeric-Corrections.zip',
      '2019 HCPCS Corrections [ZIP, 20KB]',
      true,
    ],
    [
      'https://www.cms.gov/files/zip/january-2026-alpha-numeric-hcpcs-file.zip',
      'January 2026 Alpha-Numeric HCPCS File',
      false,
    ],
    ['https://www.cms.gov/files/document/2019-alpha-numeric-hcpcs-corrections.pdf', '', false],
    ['https://www.cms.gov/files/zip/2019-hcpcs-record-layout.zip', 'Record layout corrections', false],
    ['https://www.cms.gov/files/zip/ncci-corrections.zip', 'NCCI edits corrections', false],
  ])('%s %s: a corrections list is %s', (url, text, expected) => {
    expect(isCorrectionsFile({ url, text })).toBe(expected);
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

  it('follows the archive table to its other pages, the first one known by its address without ?page=0', () => {
    const archive =
      'https://www.cms.gov/medicare/coding-billing/healthcare-common-procedure-system/alpha-numeric';
    expect(isListPage({ url: `${archive}?page=1`, text: 'Next ›' }, archive)).toBe(true);
    // From the second page "First" is the list's first page: the page already read, by its key.
    expect(isListPage({ url: `${archive}?page=0`, text: '« First' }, `${archive}?page=1`)).toBe(true);
    expect(pageKey(`${archive}?page=0`)).toBe(archive);
    expect(isListPage({ url: `${archive}?page=0`, text: '« First' }, archive)).toBe(false);
    const old = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/Alpha-Numeric-HCPCS.html';
    expect(
      isListPage({ url: `${old}?DLPage=2&DLEntries=10&DLSort=0&DLSortDir=descending`, text: '2' }, old),
    ).toBe(true);
    expect(pageKey(`${old}?DLPage=1&DLEntries=10&DLSort=0&DLSortDir=descending`)).toBe(old);
    expect(isListPage({ url: 'https://www.cms.gov/about?page=1', text: 'Next' }, archive)).toBe(false);
  });

  it('names a file by its decoded path, keeping a malformed escape as written', () => {
    expect(fileNameOf('https://www.cms.gov/files/zip/2020%20file.zip?download=1')).toBe('2020 file.zip');
    expect(fileNameOf('https://www.cms.gov/files/zip/bad%zz.zip')).toBe('bad%zz.zip');
  });
});
