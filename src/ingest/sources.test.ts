/**
 * Gathering files: every zip member checked against its CRC-32 and sizes (APPNOTE.TXT 4.3.7,
 * 4.3.12), sizes bounded before anything is read or inflated, and every refusal naming the file
 * and member in plain words. Zips are built here with fflate; big files are sparse or only declared.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileText, procedureLine } from '../../test/support/fixtures.js';
import { HcpcsError } from '../errors.js';
import { IMPORT_LIMITS } from './limits.js';
import { gatherSources } from './sources.js';

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-sources-'));
const MiB = 1024 * 1024;
const txt = new TextEncoder().encode(fileText([procedureLine('A0021'), procedureLine('A0080')]));

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof HcpcsError) {
      expect(error.code).toBe('HCPCS_E_INPUT');
      return error.message;
    }
    throw error;
  }
  throw new Error('expected the import to be refused');
}

/** Byte offsets of one member's local header and central-directory entry (APPNOTE.TXT 4.3.7, 4.3.12). */
function headersOf(zip: Uint8Array, name: string): { local: number; central: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = zip.length - 46; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength)) === name)
      return { local: view.getUint32(i + 42, true), central: i };
  }
  throw new Error(`no member ${name}`);
}

type SizeField = 'crc' | 'compressed' | 'uncompressed';
/** Offsets of CRC-32, compressed and uncompressed size in each header. */
const LOCAL_AT: Record<SizeField, number> = { crc: 14, compressed: 18, uncompressed: 22 };
const CENTRAL_AT: Record<SizeField, number> = { crc: 16, compressed: 20, uncompressed: 24 };

function patch(
  zip: Uint8Array,
  name: string,
  where: 'local' | 'central' | 'both',
  field: SizeField,
  value: number,
): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const at = headersOf(copy, name);
  if (where !== 'central') view.setUint32(at.local + LOCAL_AT[field], value, true);
  if (where !== 'local') view.setUint32(at.central + CENTRAL_AT[field], value, true);
  return copy;
}

describe('files that are never CMS files are left out', () => {
  // What a Mac zip, a workbook open in Excel (its owner file "~$" + name) and Windows Explorer
  // leave beside CMS's files.
  const debris = ['~$HCPC2031_APR_ANWEB.xlsx', 'Thumbs.db', 'desktop.ini', '.DS_Store'];
  const owner = new Uint8Array(165).fill(0x20);

  it('in a folder: only the release files are read', () => {
    const folder = mkdtempSync(join(dir, 'open-in-excel-'));
    writeFileSync(join(folder, 'HCPC2031_APR_ANWEB.txt'), txt);
    for (const name of debris) writeFileSync(join(folder, name), owner);
    expect(gatherSources([folder]).map((f) => f.name)).toEqual(['HCPC2031_APR_ANWEB.txt']);
  });

  it('in a zip, folders included', () => {
    const zip = write(
      'with-debris.zip',
      zipSync({
        'HCPC2031/HCPC2031_APR_ANWEB.txt': txt,
        '__MACOSX/HCPC2031/._HCPC2031_APR_ANWEB.txt': owner,
        ...Object.fromEntries(debris.map((name) => [`HCPC2031/${name}`, owner])),
      }),
    );
    expect(gatherSources([zip]).map((f) => f.name)).toEqual(['HCPC2031_APR_ANWEB.txt']);
  });

  it('a member whose folders a Windows tool separated with "\\" is named by its file name', () => {
    const zip = write('backslashes.zip', zipSync({ 'HCPC2031\\HCPC2031_APR_ANWEB.txt': txt }));
    expect(gatherSources([zip]).map((f) => [f.name, f.path.slice(dir.length + 1)])).toEqual([
      ['HCPC2031_APR_ANWEB.txt', 'backslashes.zip!HCPC2031\\HCPC2031_APR_ANWEB.txt'],
    ]);
  });
});

describe('symbolic links in a folder', () => {
  it('are followed to their files and folders; a link back up the tree is read once; a link to nothing is named', () => {
    const held = mkdtempSync(join(dir, 'downloads-'));
    writeFileSync(join(held, 'HCPC2031_APR_ANWEB.txt'), txt);
    const releases = mkdtempSync(join(dir, 'releases-'));
    mkdirSync(join(releases, '2031-04'));
    symlinkSync(join(held, 'HCPC2031_APR_ANWEB.txt'), join(releases, '2031-04', 'HCPC2031_APR_ANWEB.txt'));
    symlinkSync(held, join(releases, 'downloads'));
    symlinkSync(releases, join(releases, '2031-04', 'up'));
    expect(gatherSources([releases]).map((f) => f.path.slice(releases.length + 1))).toEqual([
      '2031-04/HCPC2031_APR_ANWEB.txt',
      'downloads/HCPC2031_APR_ANWEB.txt',
    ]);
    symlinkSync(join(held, 'gone.txt'), join(releases, 'broken.txt'));
    expect(refusal(() => gatherSources([releases]))).toBe(
      `${join(releases, 'broken.txt')}: a symbolic link to nothing: it points to ${join(held, 'gone.txt')}, which does not exist`,
    );
  });
});

describe('zip members are checked before they are used', () => {
  it('one flipped bit in a member: refused by its CRC-32, naming zip and member', () => {
    // Stored (not deflated), so the flipped bit reaches the data unnoticed by inflate.
    const zip = zipSync({ 'HCPC2099_JAN_ANWEB.txt': [txt, { level: 0 }] });
    const dataStart = headersOf(zip, 'HCPC2099_JAN_ANWEB.txt').local + 30 + 'HCPC2099_JAN_ANWEB.txt'.length;
    const flipped = zip.slice();
    flipped[dataStart + 40] = (flipped[dataStart + 40] ?? 0) ^ 0x04;
    const path = write('flipped.zip', flipped);
    expect(refusal(() => gatherSources([path]))).toBe(
      `${path}!HCPC2099_JAN_ANWEB.txt: the member is damaged: its CRC-32 check failed (the zip records ${crcOf(zip, 'HCPC2099_JAN_ANWEB.txt')}, the data gives ${crcOf(flipped, 'HCPC2099_JAN_ANWEB.txt', true)}); download the zip again`,
    );
  });

  it('local header and central directory disagree on the compressed size: plain words, not "Bad compressed size"', () => {
    const zip = zipSync({ 'HCPC2099_JAN_ANWEB.txt': txt });
    const path = write('sizes.zip', patch(zip, 'HCPC2099_JAN_ANWEB.txt', 'local', 'compressed', 0));
    const message = refusal(() => gatherSources([path]));
    expect(message).toMatch(
      /sizes\.zip!HCPC2099_JAN_ANWEB\.txt: the zip is damaged: the member's local header says 0 bytes compressed, the central directory \d+$/,
    );
  });

  it('a member whose data inflates to more than its header declares is refused while inflating', () => {
    const zeros = new Uint8Array(3 * MiB);
    const zip = patch(zipSync({ 'notes.txt': zeros }), 'notes.txt', 'both', 'uncompressed', 1000);
    const path = write('liar.zip', zip);
    expect(refusal(() => gatherSources([path]))).toBe(
      `${path}!notes.txt: the zip is damaged: the member inflates to more than the 1,000 bytes its header declares`,
    );
  });

  it('a member declaring more than the per-file limit is refused before inflating (no 100 MiB is made)', () => {
    const zip = patch(
      zipSync({ 'HCPC2099_JAN_ANWEB.txt': txt }),
      'HCPC2099_JAN_ANWEB.txt',
      'both',
      'uncompressed',
      100 * MiB,
    );
    const path = write('declared.zip', zip);
    expect(refusal(() => gatherSources([path]))).toBe(
      `${path}!HCPC2099_JAN_ANWEB.txt: the member is 100 MiB uncompressed, over the limit of 64 MiB for one file (CMS's largest files are under 20 MB); refused before inflating it`,
    );
  });

  it('a zip bomb: the members of one zip (nested zips too) may inflate to a bounded total', () => {
    const MiB1 = new Uint8Array(MiB);
    const inner = zipSync({ 'b.txt': MiB1, 'c.txt': MiB1 });
    const path = write('bomb.zip', zipSync({ 'a.txt': MiB1, 'inner.zip': inner }));
    expect(refusal(() => gatherSources([path], { zipBytes: 2.5 * MiB }))).toBe(
      `${path}!inner.zip!c.txt: the zip's members inflate to more than 2.5 MiB in all, the limit for one zip with the zips inside it; refused before inflating it`,
    );
    expect(gatherSources([path], { zipBytes: 4 * MiB }).map((f) => f.name)).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
    ]);
  });

  it('zips nested deeper than the limit are refused', () => {
    let zip = zipSync({ 'HCPC2099_JAN_ANWEB.txt': txt });
    for (let level = 2; level <= 4; level++) zip = zipSync({ [`level${level}.zip`]: zip });
    const path = write('deep.zip', zip);
    expect(refusal(() => gatherSources([path]))).toBe(
      `${path}!level4.zip!level3.zip!level2.zip: a zip nested 4 deep (a zip inside a zip inside ...); at most 3 levels are read`,
    );
    expect(gatherSources([path], { zipDepth: 4 }).map((f) => f.name)).toEqual(['HCPC2099_JAN_ANWEB.txt']);
  });

  it('a 0-byte zip, a truncated zip and a file that is not a zip, each said plainly', () => {
    const empty = write('empty-file.zip', new Uint8Array(0));
    expect(refusal(() => gatherSources([empty]))).toBe(`${empty}: the file is empty (0 bytes), not a zip`);
    const zip = zipSync({ 'HCPC2099_JAN_ANWEB.txt': txt });
    const cut = write('cut.zip', zip.subarray(0, zip.length - 30));
    expect(refusal(() => gatherSources([cut]))).toBe(
      `${cut}: not a readable zip: its end-of-central-directory record is missing (the file is truncated)`,
    );
    const letter = write('letter.zip', 'Dear coder, this is a letter.');
    expect(refusal(() => gatherSources([letter]))).toBe(
      `${letter}: not a readable zip: it is not a zip (a zip begins with "PK", this file with "Dear")`,
    );
    // What a browser saves under the zip's name when the server refuses the download.
    const page = write(
      'january-2026-alpha-numeric-hcpcs-file.zip',
      "<!DOCTYPE html>\n<html><head><title>Access Denied</title></head><body>You don't have permission</body></html>",
    );
    expect(refusal(() => gatherSources([page]))).toBe(
      `${page}: not a readable zip: it is a web page (HTML, titled "Access Denied"), as a server sends in place of a file it will not serve: download the file again`,
    );
  });
});

/** The CRC-32 a header records, or (computed) that of the member's stored data, as 8 hex digits. */
function crcOf(zip: Uint8Array, name: string, computed = false): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = headersOf(zip, name);
  if (!computed)
    return view
      .getUint32(at.central + 16, true)
      .toString(16)
      .padStart(8, '0');
  const start = at.local + 30 + view.getUint16(at.local + 26, true) + view.getUint16(at.local + 28, true);
  const size = view.getUint32(at.central + 20, true);
  let crc = 0xffffffff;
  for (const byte of zip.subarray(start, start + size)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

describe('files are measured before they are read', () => {
  function sparse(name: string, size: number): string {
    const path = join(dir, name);
    const fd = openSync(path, 'w');
    // One byte at the end: the file has its size but takes no disk (sparse).
    writeSync(fd, 'x', size - 1);
    closeSync(fd);
    return path;
  }

  it('a TXT over the limit is refused with its name and size, unread (600 MiB sparse)', () => {
    const path = sparse('HCPC2099_JAN_ANWEB.txt', 600 * MiB);
    expect(refusal(() => gatherSources([path]))).toBe(
      `${path}: the file is 600 MiB, over the limit of 64 MiB for one file (CMS's largest files are under 20 MB); refused before reading it`,
    );
  });

  it('a file over 2 GiB is refused the same way, naming the file (not a bare "File size is greater than 2 GiB")', () => {
    const folder = mkdtempSync(join(dir, 'big-'));
    const path = sparse(`${folder.slice(dir.length + 1)}/HCPC2099_JAN_ANWEB.txt`, 2.5 * 1024 * MiB);
    expect(refusal(() => gatherSources([folder]))).toBe(
      `${path}: the file is 2.5 GiB, over the limit of 64 MiB for one file (CMS's largest files are under 20 MB); refused before reading it`,
    );
  });

  it('a zip on disk may be as large as the per-zip limit; one import reads a bounded total', () => {
    expect(IMPORT_LIMITS).toEqual({
      fileBytes: 64 * MiB,
      zipBytes: 256 * MiB,
      zipDepth: 3,
      importBytes: 512 * MiB,
    });
    const folder = mkdtempSync(join(dir, 'many-'));
    for (const n of [1, 2, 3]) writeFileSync(join(folder, `file${n}.txt`), new Uint8Array(MiB));
    expect(refusal(() => gatherSources([folder], { importBytes: 2.5 * MiB }))).toBe(
      `${join(folder, 'file3.txt')}: this import would read more than 2.5 MiB in all (the limit for one import); import fewer files at a time`,
    );
  });
});

/**
 * A Zip64 archive of one stored member, every size and offset in the Zip64 records and extra
 * fields (APPNOTE.TXT 4.3.14-4.3.16, 4.5.3), as tools write when they cannot know sizes ahead.
 */
function zip64Of(name: string, data: Uint8Array, crc: number): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const local = new DataView(new ArrayBuffer(30 + nameBytes.length + 20));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 45, true);
  local.setUint32(14, crc, true);
  local.setUint32(18, 0xffffffff, true);
  local.setUint32(22, 0xffffffff, true);
  local.setUint16(26, nameBytes.length, true);
  local.setUint16(28, 20, true);
  new Uint8Array(local.buffer).set(nameBytes, 30);
  const localExtra = 30 + nameBytes.length;
  local.setUint16(localExtra, 0x0001, true);
  local.setUint16(localExtra + 2, 16, true);
  local.setBigUint64(localExtra + 4, BigInt(data.length), true);
  local.setBigUint64(localExtra + 12, BigInt(data.length), true);
  const central = new DataView(new ArrayBuffer(46 + nameBytes.length + 28));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 45, true);
  central.setUint16(6, 45, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, 0xffffffff, true);
  central.setUint32(24, 0xffffffff, true);
  central.setUint16(28, nameBytes.length, true);
  central.setUint16(30, 28, true);
  central.setUint32(42, 0xffffffff, true);
  new Uint8Array(central.buffer).set(nameBytes, 46);
  const centralExtra = 46 + nameBytes.length;
  central.setUint16(centralExtra, 0x0001, true);
  central.setUint16(centralExtra + 2, 24, true);
  central.setBigUint64(centralExtra + 4, BigInt(data.length), true);
  central.setBigUint64(centralExtra + 12, BigInt(data.length), true);
  central.setBigUint64(centralExtra + 20, 0n, true);
  const centralOffset = local.byteLength + data.length;
  const end64 = new DataView(new ArrayBuffer(56 + 20 + 22));
  end64.setUint32(0, 0x06064b50, true);
  end64.setBigUint64(4, 44n, true);
  end64.setBigUint64(24, 1n, true);
  end64.setBigUint64(32, 1n, true);
  end64.setBigUint64(40, BigInt(central.byteLength), true);
  end64.setBigUint64(48, BigInt(centralOffset), true);
  end64.setUint32(56, 0x07064b50, true);
  end64.setBigUint64(64, BigInt(centralOffset + central.byteLength), true);
  end64.setUint32(72, 1, true);
  end64.setUint32(76, 0x06054b50, true);
  for (const at of [80, 82, 84, 86]) end64.setUint16(at, 0xffff, true);
  end64.setUint32(88, 0xffffffff, true);
  end64.setUint32(92, 0xffffffff, true);
  const parts = [
    new Uint8Array(local.buffer),
    data,
    new Uint8Array(central.buffer),
    new Uint8Array(end64.buffer),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('Zip64', () => {
  it('reads sizes and offsets from the Zip64 records, and checks the CRC-32 as for any zip', () => {
    const crc = Number.parseInt(crcOf(zipSync({ 'a.txt': [txt, { level: 0 }] }), 'a.txt'), 16);
    const path = write('zip64.zip', zip64Of('HCPC2099_JAN_ANWEB.txt', txt, crc));
    const [file] = gatherSources([path]);
    expect([file?.path, Buffer.from(file?.bytes ?? []).equals(txt)]).toEqual([
      `${path}!HCPC2099_JAN_ANWEB.txt`,
      true,
    ]);
    const damaged = write('zip64-damaged.zip', zip64Of('HCPC2099_JAN_ANWEB.txt', txt, crc ^ 1));
    expect(refusal(() => gatherSources([damaged]))).toMatch(
      /zip64-damaged\.zip!HCPC2099_JAN_ANWEB\.txt: the member is damaged: its CRC-32 check failed/,
    );
  });
});
