import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { correctionsWorkbook, fileText, procedureLine } from '../../test/support/fixtures.js';
import { changeOf, savedName, verifyCorrectionsZip } from './update.js';

describe('savedName', () => {
  it.each([
    // The link's name already reads as the release its link says: kept.
    ['january-2026-alpha-numeric-hcpcs-file.zip', '2026-01', 1, 'january-2026-alpha-numeric-hcpcs-file.zip'],
    ['13anweb.zip', '2013-01', 1, '13anweb.zip'],
    [
      'october-2025-alpha-numeric-hcpcs-file_v4.zip',
      '2025-10',
      4,
      'october-2025-alpha-numeric-hcpcs-file_v4.zip',
    ],
    ['2017-alpha-numeric-hcpcs-file-april.zip', '2017-04', 1, '2017-alpha-numeric-hcpcs-file-april.zip'],
    // The release or revision is the text's only: put in front, where the import reads it.
    ['hcpcs-file-jan.zip', '2025-01', 1, '2025-01-hcpcs-file-jan.zip'],
    ['2017-alpha-numeric-hcpcs-file.zip', '2017-04', 1, '2017-04-2017-alpha-numeric-hcpcs-file.zip'],
    [
      'july-2025-alpha-numeric-hcpcs-file.zip',
      '2025-07',
      3,
      '2025-07_v3-july-2025-alpha-numeric-hcpcs-file.zip',
    ],
    // No release known: the link's name.
    ['hcpcs.zip', undefined, 1, 'hcpcs.zip'],
  ])('%s (%s revision %d) is saved as %s', (name, release, revision, expected) => {
    expect(savedName(name, release, revision)).toBe(expected);
  });
});

describe('changeOf', () => {
  const held = { size: 1000, etag: '"abc"', lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT' };
  it.each([
    ['a 304', held, { status: 304 }, false, 'not modified (304)'],
    [
      'the same ETag (a server ignoring If-None-Match)',
      held,
      { status: 200, etag: '"abc"' },
      false,
      'same ETag "abc"',
    ],
    ['the same ETag, one weak', held, { status: 200, etag: 'W/"abc"' }, false, 'same ETag W/"abc"'],
    [
      'another ETag',
      held,
      { status: 200, etag: '"abd"', contentLength: 1000 },
      true,
      'ETag "abc" is now "abd"',
    ],
    [
      'another ETag, the same Last-Modified and length (another server of a CDN)',
      held,
      {
        status: 200,
        etag: '"node2-abc"',
        lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT',
        contentLength: 1000,
      },
      false,
      'ETag "abc" is now "node2-abc", but the same Last-Modified Mon, 12 Jan 2026 15:00:00 GMT and length 1000 bytes: another server\'s tag for the same upload',
    ],
    [
      'another ETag, the same Last-Modified, another length',
      held,
      {
        status: 200,
        etag: '"node2-abc"',
        lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT',
        contentLength: 1001,
      },
      true,
      'ETag "abc" is now "node2-abc"',
    ],
    [
      'another ETag, the same Last-Modified, no length',
      held,
      { status: 200, etag: '"node2-abc"', lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT' },
      true,
      'ETag "abc" is now "node2-abc"',
    ],
    [
      'the same date written otherwise, no ETag',
      { size: 1000, lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT' },
      { status: 200, lastModified: 'Monday, 12-Jan-26 15:00:00 GMT' },
      false,
      'same Last-Modified Monday, 12-Jan-26 15:00:00 GMT',
    ],
    [
      'a later date, no ETag',
      { size: 1000, lastModified: 'Mon, 12 Jan 2026 15:00:00 GMT' },
      { status: 200, lastModified: 'Tue, 13 Jan 2026 15:00:00 GMT' },
      true,
      'Last-Modified Mon, 12 Jan 2026 15:00:00 GMT is now Tue, 13 Jan 2026 15:00:00 GMT',
    ],
    // A manifest written before validators were recorded: the length decides.
    [
      'no validator recorded, the same length',
      { size: 1000 },
      { status: 200, etag: '"x"', contentLength: 1000 },
      false,
      'same length, 1000 bytes (no validator to compare)',
    ],
    [
      'no validator sent, another length',
      held,
      { status: 200, contentLength: 1200 },
      true,
      'length 1000 bytes is now 1200',
    ],
    [
      'neither validator nor length',
      held,
      { status: 200 },
      undefined,
      'the server sends no ETag, Last-Modified or Content-Length: cannot tell whether it changed',
    ],
  ] as const)('%s', (_case, heldCopy, answer, changed, reason) => {
    expect(changeOf(heldCopy, { method: 'HEAD', ...answer })).toEqual({ changed, reason });
  });
});

describe('verifyCorrectionsZip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-corrections-zip-'));
  const zip = (name: string, members: Record<string, Uint8Array>) => {
    const path = join(dir, name);
    const bytes = zipSync(members);
    writeFileSync(path, bytes);
    return { path, bytes };
  };

  it('takes a zip of corrections lists, and refuses one holding a release file or no zip at all', () => {
    const list = correctionsWorkbook([['A0001', 'Change Cov to D', '1/1/26', null, null, null, null, 'D']]);
    const good = zip('2026-corrections.zip', { 'HCPC2026_JAN_Corrections_ALPHA.xlsx': list });
    expect(() => verifyCorrectionsZip(good.path, good.bytes)).not.toThrow();
    const release = zip('2026-corrections-mislabelled.zip', {
      'HCPC2026_JAN_ANWEB.txt': new TextEncoder().encode(fileText([procedureLine('A0001')])),
    });
    expect(() => verifyCorrectionsZip(release.path, release.bytes)).toThrow(
      'not a CMS corrections zip: it holds release files, not only corrections lists',
    );
    expect(() => verifyCorrectionsZip(join(dir, 'page.zip'), new TextEncoder().encode('<html>'))).toThrow(
      'not a zip file (a zip begins with "PK"; 6 bytes)',
    );
  });
});
