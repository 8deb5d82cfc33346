/**
 * Reads a zip (PKWARE APPNOTE.TXT 6.3) and checks every member before handing it out: its local
 * header agrees with the central directory, its data lies inside the file, it inflates to exactly
 * the size the zip declares, and its CRC-32 matches. fflate's `unzipSync` checks none of this (a
 * flipped bit imported "Surface electroopagraphy"), and its errors are library jargon ("Bad
 * compressed size: 0 != 350"); here every refusal names the zip and member in plain words.
 *
 * Sizes are bounded before inflating, from what the central directory declares, and inflating
 * stops at that declared size, so a header that lies cannot make it allocate more.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { inputError } from '../errors.js';
import { FILE_LIMIT_REASON, formatBytes } from './limits.js';

/** The record signatures (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.14-4.3.16). */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
/** The Zip64 extended information extra field (APPNOTE.TXT 4.5.3). */
const ZIP64_EXTRA = 0x0001;
/** A 32-bit or 16-bit field holding this says "see the Zip64 record". */
const ZIP64_MARK_32 = 0xffffffff;
const ZIP64_MARK_16 = 0xffff;

/** General purpose bit flags (APPNOTE.TXT 4.4.4). */
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;

/** Compression methods (APPNOTE.TXT 4.4.5): CMS's zips use Deflate; Stored is common too. */
const STORED = 0;
const DEFLATED = 8;
const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: 'Shrunk',
  6: 'Imploded',
  9: 'Deflate64',
  12: 'BZIP2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  99: 'AES encryption',
};

export interface ZipMember {
  /** The name as the zip spells it, folders included (`xl/worksheets/sheet1.xml`). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the caller allows, and how much of it is spent so far (shared by nested zips). */
export interface ZipBudget {
  /** Largest uncompressed member. */
  readonly memberBytes: number;
  /** Most all members of the outermost zip (nested zips' members too) may inflate to. */
  readonly totalBytes: number;
  /** Inflated so far, from the outermost zip down. */
  spent: number;
  /** Called with each member's declared size before it is inflated: may refuse it (throw). */
  readonly beforeInflating?: (size: number, where: string) => void;
}

export interface ZipOptions {
  /** How messages call the container: CMS's zips, or an XLSX workbook (a zip too). */
  readonly kind?: 'zip' | 'workbook';
  /** Members to leave unread (not inflated, not checked): macOS resource forks and the like. */
  readonly skip?: (name: string) => boolean;
}

interface CentralEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

/** Whether bytes begin like a zip: a local header, or the end record of an empty zip. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

const count = (n: number) => n.toLocaleString('en-US');
const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** "zip", or "XLSX workbook (a zip)": how a message names a container it cannot read at all. */
function unreadable(kind: string): string {
  return kind === 'zip' ? 'not a readable zip' : 'not a readable XLSX workbook (an XLSX file is a zip)';
}

function findEndOfCentralDirectory(view: DataView, file: string, kind: string): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes (APPNOTE.TXT 4.3.16).
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (
      view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY &&
      at + 22 + view.getUint16(at + 20, true) <= view.byteLength
    )
      return at;
  }
  throw inputError(
    `${unreadable(kind)}: ${notAZipReason(new Uint8Array(view.buffer, view.byteOffset, view.byteLength))}`,
    { file },
  );
}

/**
 * Why bytes with no end record are no zip, in the words a user can act on: a zip cut short begins
 * as a zip does ("PK"); a web page is what a server sends in place of a file it will not serve
 * (an "Access Denied" page saved under the zip's name); anything else is named by how it begins.
 */
function notAZipReason(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  if (head.startsWith('PK')) return 'its end-of-central-directory record is missing (the file is truncated)';
  if (/^\s*(<!doctype html|<html)/i.test(head)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim();
    return `it is a web page (HTML${title ? `, titled "${title}"` : ''}), as a server sends in place of a file it will not serve: download the file again`;
  }
  return `it is not a zip (a zip begins with "PK", this file with ${firstBytes(bytes)})`;
}

/** The first bytes of a file, shown as text when they are printable, else as hex. */
export function firstBytes(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4);
  const printable = head.every((b) => b >= 0x20 && b < 0x7f);
  return printable
    ? `"${new TextDecoder('latin1').decode(head)}"`
    : Array.from(head, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Reads a 64-bit little-endian size; sizes past 2^53 cannot be real here and are refused as damage. */
function uint64(view: DataView, at: number, file: string): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw inputError('the zip is damaged: a Zip64 size is out of range', { file });
  return Number(value);
}

function centralDirectory(
  view: DataView,
  file: string,
  kind: string,
): { offset: number; size: number; entries: number; prefix: number } {
  const end = findEndOfCentralDirectory(view, file, kind);
  let entries = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (entries === ZIP64_MARK_16 || size === ZIP64_MARK_32 || offset === ZIP64_MARK_32) {
    // Zip64 (APPNOTE.TXT 4.3.14, 4.3.15): the locator sits right before the end record.
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR)
      throw inputError('the zip is damaged: its Zip64 end-of-central-directory locator is missing', { file });
    const record = uint64(view, locator + 8, file);
    if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_END_OF_CENTRAL_DIRECTORY)
      throw inputError('the zip is damaged: its Zip64 end-of-central-directory record is missing', { file });
    entries = uint64(view, record + 32, file);
    size = uint64(view, record + 40, file);
    offset = uint64(view, record + 48, file);
  }
  if (offset + size > view.byteLength) {
    throw inputError(
      `${unreadable(kind)}: its central directory lies past the end of the file (at byte ${count(offset)}, ${count(size)} bytes long; the file has ${count(view.byteLength)}): the file is truncated or damaged`,
      { file },
    );
  }
  // A self-extracting archive (an executable with the zip after it, as CMS once shipped its
  // files: "provided in a self-extracting, compressed file", HCPCREAD) may keep the offsets of the
  // zip alone: the central directory then sits `prefix` bytes later than it says, right before
  // its end record, and so does every member (what Info-ZIP's unzip calls extra bytes at the
  // beginning). Taken only when the central directory's signature is found there.
  const prefix = end - (offset + size);
  if (
    prefix > 0 &&
    entries > 0 &&
    view.getUint32(offset, true) !== CENTRAL_HEADER &&
    view.getUint32(offset + prefix, true) === CENTRAL_HEADER
  )
    return { offset: offset + prefix, size, entries, prefix };
  return { offset, size, entries, prefix: 0 };
}

/** The DOS "MZ" header every Windows executable (a self-extracting archive too) begins with. */
function isExecutable(bytes: Uint8Array): boolean {
  return bytes[0] === 0x4d && bytes[1] === 0x5a;
}

/**
 * Whether bytes are a self-extracting zip: an executable with a zip's end record in its last
 * 64 KiB (the end record plus its longest comment, APPNOTE.TXT 4.3.16).
 */
export function isSelfExtractingZip(bytes: Uint8Array): boolean {
  if (!isExecutable(bytes) || bytes.length < 22) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return true;
  }
  return false;
}

/** Sizes and offset from the Zip64 extra field, for the header fields that say "see Zip64". */
function zip64Values(
  view: DataView,
  extraStart: number,
  extraLength: number,
  wanted: { uncompressed: boolean; compressed: boolean; offset: boolean },
  file: string,
): { uncompressed?: number; compressed?: number; offset?: number } {
  for (let at = extraStart; at + 4 <= extraStart + extraLength; ) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA) {
      // The values appear in this order, each only when its header field is 0xFFFFFFFF (APPNOTE.TXT 4.5.3).
      let p = at + 4;
      const out: { uncompressed?: number; compressed?: number; offset?: number } = {};
      for (const key of ['uncompressed', 'compressed', 'offset'] as const) {
        if (!wanted[key]) continue;
        if (p + 8 > at + 4 + length)
          throw inputError('the zip is damaged: a Zip64 extra field is too short', { file });
        out[key] = uint64(view, p, file);
        p += 8;
      }
      return out;
    }
    at += 4 + length;
  }
  throw inputError(
    'the zip is damaged: a member says its sizes are in a Zip64 extra field it does not have',
    { file },
  );
}

function decodeName(bytes: Uint8Array, flags: number): string {
  // Without the UTF-8 flag the name is IBM 437 by the standard; CMS's names are ASCII, and latin1
  // keeps every byte (as fflate did, so the paths of files imported before stay the same).
  return new TextDecoder(flags & FLAG_UTF8_NAME ? 'utf-8' : 'latin1').decode(bytes);
}

function readCentralEntries(view: DataView, bytes: Uint8Array, file: string, kind: string): CentralEntry[] {
  const directory = centralDirectory(view, file, kind);
  const entries: CentralEntry[] = [];
  let at = directory.offset;
  const end = directory.offset + directory.size;
  for (let index = 0; index < directory.entries; index++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) {
      throw inputError(
        `the ${kind} is damaged: entry ${index + 1} of the ${count(directory.entries)} in its central directory has no valid header`,
        { file },
      );
    }
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), flags);
    let compressedSize = view.getUint32(at + 20, true);
    let uncompressedSize = view.getUint32(at + 24, true);
    let localOffset = view.getUint32(at + 42, true);
    const wanted = {
      uncompressed: uncompressedSize === ZIP64_MARK_32,
      compressed: compressedSize === ZIP64_MARK_32,
      offset: localOffset === ZIP64_MARK_32,
    };
    if (wanted.uncompressed || wanted.compressed || wanted.offset) {
      const big = zip64Values(view, at + 46 + nameLength, extraLength, wanted, `${file}!${name}`);
      uncompressedSize = big.uncompressed ?? uncompressedSize;
      compressedSize = big.compressed ?? compressedSize;
      localOffset = big.offset ?? localOffset;
    }
    localOffset += directory.prefix;
    entries.push({
      name,
      flags,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize,
      uncompressedSize,
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the member's data starts, after checking its local header against the central directory. */
function dataStart(
  view: DataView,
  bytes: Uint8Array,
  entry: CentralEntry,
  where: string,
  kind: string,
): number {
  const at = entry.localOffset;
  if (at + 30 > view.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) {
    throw inputError(`the ${kind} is damaged: the member's local header is missing at byte ${count(at)}`, {
      file: where,
    });
  }
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  const localName = decodeName(bytes.subarray(at + 30, at + 30 + nameLength), view.getUint16(at + 6, true));
  if (localName !== entry.name) {
    throw inputError(
      `the ${kind} is damaged: the member's local header names it "${localName}", the central directory "${entry.name}"`,
      { file: where },
    );
  }
  // With bit 3 set the local header leaves CRC and sizes to a data descriptor after the data
  // (APPNOTE.TXT 4.4.4); the central directory always has them.
  if (!(entry.flags & FLAG_DATA_DESCRIPTOR)) {
    const local = {
      'CRC-32': [view.getUint32(at + 14, true), entry.crc, hex],
      'bytes compressed': [view.getUint32(at + 18, true), entry.compressedSize, count],
      'bytes uncompressed': [view.getUint32(at + 22, true), entry.uncompressedSize, count],
    } as const;
    for (const [what, [inLocal, inCentral, show]] of Object.entries(local)) {
      // 0xFFFFFFFF: the value is in the local Zip64 extra field; the central one was checked.
      if (inLocal === ZIP64_MARK_32 || inLocal === inCentral) continue;
      throw inputError(
        `the ${kind} is damaged: the member's local header says ${what === 'CRC-32' ? `CRC-32 ${show(inLocal)}` : `${show(inLocal)} ${what}`}, the central directory ${show(inCentral)}`,
        { file: where },
      );
    }
  }
  const start = at + 30 + nameLength + extraLength;
  if (start + entry.compressedSize > view.byteLength) {
    throw inputError(
      `the ${kind} is truncated: the member's ${count(entry.compressedSize)} compressed bytes run past the end of the file`,
      { file: where },
    );
  }
  return start;
}

function inflate(data: Uint8Array, entry: CentralEntry, where: string, kind: string): Uint8Array {
  if (entry.method === STORED) return data;
  try {
    // Stops at the declared size (+1 so that "more than declared" is seen): a lying header
    // cannot make this allocate more than the limits allowed.
    return inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    const reason = (error as Error).message;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw inputError(
        `the ${kind} is damaged: the member inflates to more than the ${count(entry.uncompressedSize)} bytes its header declares`,
        { file: where },
      );
    }
    throw inputError(`the member is damaged: its compressed data does not inflate (zlib: ${reason})`, {
      file: where,
    });
  }
}

/**
 * Every member of a zip (folders left out), each checked against its sizes and CRC-32.
 * @example readZip(readFileSync('2019-Alpha-Numeric-HCPCS-File.zip'), '2019-...zip', budget).map((m) => m.name)
 */
export function readZip(
  bytes: Uint8Array,
  file: string,
  budget: ZipBudget,
  options: ZipOptions = {},
): ZipMember[] {
  const kind = options.kind ?? 'zip';
  if (bytes.length === 0)
    throw inputError(`the file is empty (0 bytes), not a ${kind === 'zip' ? 'zip' : 'workbook'}`, { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const members: ZipMember[] = [];
  const seen = new Set<string>();
  for (const entry of readCentralEntries(view, bytes, file, kind)) {
    const where = `${file}!${entry.name}`;
    if (entry.name.endsWith('/') || options.skip?.(entry.name)) continue;
    if (seen.has(entry.name))
      throw inputError(`the ${kind} holds two members named "${entry.name}"`, { file: where });
    seen.add(entry.name);
    if (entry.flags & FLAG_ENCRYPTED) {
      throw inputError(`the member is encrypted (CMS's files are not): unzip it with its password first`, {
        file: where,
      });
    }
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      const method = METHOD_NAMES[entry.method];
      throw inputError(
        `the member is compressed with method ${entry.method}${method ? ` (${method})` : ''}, which this program cannot read: it reads Stored and Deflate, what CMS uses`,
        { file: where },
      );
    }
    if (entry.uncompressedSize > budget.memberBytes) {
      throw inputError(
        `the member is ${formatBytes(entry.uncompressedSize)} uncompressed, over the limit of ${formatBytes(budget.memberBytes)} for one file (${FILE_LIMIT_REASON}); refused before inflating it`,
        { file: where },
      );
    }
    if (budget.spent + entry.uncompressedSize > budget.totalBytes) {
      throw inputError(
        `the zip's members inflate to more than ${formatBytes(budget.totalBytes)} in all, the limit for one zip with the zips inside it; refused before inflating it`,
        { file: where },
      );
    }
    budget.beforeInflating?.(entry.uncompressedSize, where);
    const start = dataStart(view, bytes, entry, where, kind);
    const data = inflate(bytes.subarray(start, start + entry.compressedSize), entry, where, kind);
    if (data.length !== entry.uncompressedSize) {
      throw inputError(
        `the ${kind} is damaged: the member holds ${count(data.length)} bytes, its header declares ${count(entry.uncompressedSize)}`,
        { file: where },
      );
    }
    const actual = crc32(data);
    if (actual !== entry.crc) {
      throw inputError(
        `the member is damaged: its CRC-32 check failed (the ${kind} records ${hex(entry.crc)}, the data gives ${hex(actual)}); download the ${kind} again`,
        { file: where },
      );
    }
    budget.spent += data.length;
    members.push({ name: entry.name, bytes: data });
  }
  return members;
}
