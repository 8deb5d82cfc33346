/**
 * How much one import may read. Everything an import names is held in memory (files, zip members
 * inflated, the TXT decoded to a string), so each size is checked BEFORE the bytes are read or
 * inflated: a 600 MB TXT or a zip bomb is refused with its name instead of exhausting the heap.
 *
 * The values leave wide room over what CMS publishes: the largest record file seen is the 2026
 * TXT (5.4 MB), the largest workbook part 14.4 MB (`xl/worksheets/sheet1.xml` of the 2025-10
 * ANWEB workbook), the largest zip 1.9 MB holding 7 MB.
 */

export interface ImportLimits {
  /** Largest single file, on disk or inside a zip (uncompressed), zips on disk excepted. */
  readonly fileBytes: number;
  /** Largest zip on disk, and the most its members (nested zips' members too) may inflate to in all. */
  readonly zipBytes: number;
  /** How deep zips may nest: 1 reads a zip, 3 a zip inside a zip inside a zip. */
  readonly zipDepth: number;
  /** Everything one import reads in all: files on disk plus inflated zip members. */
  readonly importBytes: number;
}

const MiB = 1024 * 1024;

export const IMPORT_LIMITS: ImportLimits = {
  fileBytes: 64 * MiB,
  zipBytes: 256 * MiB,
  zipDepth: 3,
  importBytes: 512 * MiB,
};

/** Why the per-file limit is what it is, said in every refusal by it. */
export const FILE_LIMIT_REASON = "CMS's largest files are under 20 MB";

/**
 * A size as people read it: bytes below 1 KiB, else KiB, MiB or GiB with up to one decimal.
 * @example formatBytes(600 * 1024 * 1024) // '600 MiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString('en-US')} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}
