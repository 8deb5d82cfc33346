/**
 * Gathers the payment files an import names (zip, folder or file, through the same source reader
 * as the code releases) into payment datasets: one per schedule (ASP, DMEPOS, PEN) and quarter.
 * CMS ships the same table in several formats (the ASP zip's XLS and "section 508" CSV; the
 * DMEPOS CSV and XLSX): each is read and they must agree row by row, or nothing is imported.
 */
import { createHash } from 'node:crypto';
import { inputError } from '../../errors.js';
import { gatherSources, type SourceFile } from '../sources.js';
import {
  type AspRow,
  type FeeRow,
  type PaymentFile,
  type PaymentPeriod,
  type PaymentSchedule,
  readPaymentFile,
} from './payment-file.js';

export interface PaymentSourceFile {
  readonly path: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly rows: number;
}

export interface PaymentDataset {
  readonly schedule: PaymentSchedule;
  /** `YYYY-MM` of the quarter's first day. */
  readonly id: string;
  readonly period: PaymentPeriod;
  readonly files: readonly PaymentSourceFile[];
  /** sha256 over the files' sha256s, sorted: the same files again are the same dataset. */
  readonly contentSha256: string;
  readonly rows: readonly (AspRow | FeeRow)[];
}

/** A row's content without its position, for comparing two formats of one table. */
function rowContent(row: AspRow | FeeRow): string {
  const { row: _position, ...content } = row;
  return JSON.stringify(content);
}

/** Throws when two files of one schedule and quarter disagree: the first row that differs. */
function checkAgreement(first: PaymentFile, other: PaymentFile): void {
  const count = Math.min(first.rows.length, other.rows.length);
  for (let i = 0; i < count; i++) {
    const a = first.rows[i] as AspRow | FeeRow;
    const b = other.rows[i] as AspRow | FeeRow;
    if (rowContent(a) !== rowContent(b)) {
      throw inputError(
        `row ${b.row} (${b.code}) differs from ${first.path} row ${a.row} (${a.code}), the same ${first.schedule.toUpperCase()} table of the same quarter in another format: ${rowContent(b)} against ${rowContent(a)}`,
        { file: other.path },
      );
    }
  }
  if (first.rows.length !== other.rows.length) {
    throw inputError(
      `${other.rows.length} data rows where ${first.path}, the same ${first.schedule.toUpperCase()} table of the same quarter in another format, has ${first.rows.length}`,
      { file: other.path },
    );
  }
}

/** CSV first: it holds the amounts as text, the workbooks as numbers shown to the same digits. */
function preference(file: SourceFile): number {
  return /\.csv$/i.test(file.name) ? 0 : 1;
}

/**
 * Reads every payment file under the paths into datasets, checked whole before anything is stored.
 * Files that are not payment files (the DMEPOS read-me PDF) are left out.
 * @example readPaymentDatasets(['../shared/cms-payment']).map((d) => `${d.schedule} ${d.id}`)
 */
export function readPaymentDatasets(paths: readonly string[]): PaymentDataset[] {
  const sources = gatherSources(paths).sort((a, b) => preference(a) - preference(b));
  const groups = new Map<string, { read: PaymentFile; files: PaymentSourceFile[] }>();
  for (const source of sources) {
    const file = readPaymentFile(source.bytes, source.path);
    if (!file) continue;
    const key = `${file.schedule} ${file.period.start}`;
    const info = {
      path: source.path,
      name: source.name,
      sha256: source.sha256,
      size: source.bytes.length,
      rows: file.rows.length,
    };
    const group = groups.get(key);
    if (group) {
      checkAgreement(group.read, file);
      group.files.push(info);
    } else groups.set(key, { read: file, files: [info] });
  }
  if (groups.size === 0) {
    throw inputError('no CMS payment file (ASP pricing file, DMEPOS or PEN fee schedule) found', {
      file: paths.join(', '),
    });
  }
  return [...groups.values()].map(({ read, files }) => ({
    schedule: read.schedule,
    id: read.period.start.slice(0, 7),
    period: read.period,
    files,
    contentSha256: createHash('sha256')
      .update(
        files
          .map((f) => f.sha256)
          .sort()
          .join('\n'),
      )
      .digest('hex'),
    rows: read.rows,
  }));
}
