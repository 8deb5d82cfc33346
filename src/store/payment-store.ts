/**
 * Payment datasets beside the code releases: CMS's ASP pricing file and DMEPOS / PEN fee schedules,
 * one dataset per schedule and quarter, every revision kept (CMS re-issues both), each source
 * file's sha256, every row as read (amounts as the file's text). An import is one transaction.
 */
import type { PaymentDataset, PaymentSourceFile } from '../ingest/payment/payment-datasets.js';
import type { AspRow, FeeRow, PaymentSchedule } from '../ingest/payment/payment-file.js';
import type { SqlDatabase } from './database.js';

export const PAYMENT_SCHEMA = `
CREATE TABLE IF NOT EXISTS payment_datasets (
  key TEXT PRIMARY KEY,
  schedule TEXT NOT NULL,
  id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  UNIQUE (schedule, id, revision)
);
CREATE TABLE IF NOT EXISTS payment_files (
  dataset_key TEXT NOT NULL REFERENCES payment_datasets(key),
  path TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  PRIMARY KEY (dataset_key, path)
);
CREATE TABLE IF NOT EXISTS payment_rows (
  dataset_key TEXT NOT NULL REFERENCES payment_datasets(key),
  code TEXT NOT NULL,
  modifier TEXT NOT NULL,
  modifier2 TEXT NOT NULL,
  row INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (dataset_key, code, modifier, modifier2)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS payment_rows_by_code ON payment_rows (code);
`;

export interface PaymentDatasetInfo {
  /** `asp-2025-01_v1`: schedule, quarter and revision; unique. */
  readonly key: string;
  readonly schedule: PaymentSchedule;
  readonly id: string;
  readonly revision: number;
  /** Whether a later revision of the same schedule and quarter is imported. */
  readonly superseded: boolean;
  readonly period: { readonly start: string; readonly end: string };
  readonly importedAt: string;
  readonly rows: number;
  readonly files: readonly PaymentSourceFile[];
}

export type PaymentRow = AspRow | FeeRow;

export interface PaymentImportResult {
  readonly dataset: PaymentDatasetInfo;
  readonly outcome: 'imported' | 'unchanged';
}

interface DatasetRow {
  key: string;
  schedule: PaymentSchedule;
  id: string;
  revision: number;
  period_start: string;
  period_end: string;
  imported_at: string;
  row_count: number;
  latest: number;
}

const DATASETS = `SELECT d.*, (SELECT MAX(revision) FROM payment_datasets l WHERE l.schedule = d.schedule AND l.id = d.id) AS latest
  FROM payment_datasets d`;

export class PaymentStore {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  #info(row: DatasetRow): PaymentDatasetInfo {
    const files = (
      this.#db
        .prepare(
          'SELECT path, name, sha256, size, row_count FROM payment_files WHERE dataset_key = ? ORDER BY rowid',
        )
        .all(row.key) as { path: string; name: string; sha256: string; size: number; row_count: number }[]
    ).map((f) => ({ path: f.path, name: f.name, sha256: f.sha256, size: f.size, rows: f.row_count }));
    return {
      key: row.key,
      schedule: row.schedule,
      id: row.id,
      revision: row.revision,
      superseded: row.revision < row.latest,
      period: { start: row.period_start, end: row.period_end },
      importedAt: row.imported_at,
      rows: row.row_count,
      files,
    };
  }

  /**
   * Stores the datasets in ONE transaction: all land or none. The same files again change nothing;
   * other files for a schedule and quarter already held become its next revision.
   */
  importDatasets(datasets: readonly PaymentDataset[]): PaymentImportResult[] {
    const write = this.#db.transaction(() =>
      datasets.map((dataset): PaymentImportResult => {
        const held = this.#db
          .prepare('SELECT key FROM payment_datasets WHERE schedule = ? AND id = ? AND content_sha256 = ?')
          .get(dataset.schedule, dataset.id, dataset.contentSha256) as { key: string } | undefined;
        if (held) return { dataset: this.dataset(held.key) as PaymentDatasetInfo, outcome: 'unchanged' };
        const { revision } = this.#db
          .prepare(
            'SELECT COALESCE(MAX(revision), 0) + 1 AS revision FROM payment_datasets WHERE schedule = ? AND id = ?',
          )
          .get(dataset.schedule, dataset.id) as { revision: number };
        const key = `${dataset.schedule}-${dataset.id}_v${revision}`;
        this.#db
          .prepare(
            `INSERT INTO payment_datasets (key, schedule, id, revision, period_start, period_end, content_sha256, imported_at, row_count)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            key,
            dataset.schedule,
            dataset.id,
            revision,
            dataset.period.start,
            dataset.period.end,
            dataset.contentSha256,
            new Date().toISOString(),
            dataset.rows.length,
          );
        const insertFile = this.#db.prepare(
          'INSERT INTO payment_files (dataset_key, path, name, sha256, size, row_count) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const f of dataset.files) insertFile.run(key, f.path, f.name, f.sha256, f.size, f.rows);
        const insertRow = this.#db.prepare(
          'INSERT INTO payment_rows (dataset_key, code, modifier, modifier2, row, data) VALUES (?, ?, ?, ?, ?, ?)',
        );
        for (const r of dataset.rows) {
          const fee = 'modifier' in r ? r : undefined;
          insertRow.run(key, r.code, fee?.modifier ?? '', fee?.modifier2 ?? '', r.row, JSON.stringify(r));
        }
        return { dataset: this.dataset(key) as PaymentDatasetInfo, outcome: 'imported' };
      }),
    );
    return write.immediate();
  }

  /** The dataset holding a source file with this sha256, if any. */
  datasetOfFile(sha256: string): string | undefined {
    return (
      this.#db.prepare('SELECT dataset_key FROM payment_files WHERE sha256 = ? LIMIT 1').get(sha256) as
        | { dataset_key: string }
        | undefined
    )?.dataset_key;
  }

  /** Every dataset, by schedule, quarter and revision. */
  datasets(): PaymentDatasetInfo[] {
    return (this.#db.prepare(`${DATASETS} ORDER BY schedule, id, revision`).all() as DatasetRow[]).map((r) =>
      this.#info(r),
    );
  }

  dataset(key: string): PaymentDatasetInfo | undefined {
    const row = this.#db.prepare(`${DATASETS} WHERE d.key = ?`).get(key) as DatasetRow | undefined;
    return row ? this.#info(row) : undefined;
  }

  /**
   * The dataset of a schedule in effect on a date: the latest revision of the quarter whose period
   * holds it; undefined when no imported quarter does (never another quarter's amounts). Without a
   * date, the latest quarter's latest revision.
   */
  inEffect(schedule: PaymentSchedule, date?: string): PaymentDatasetInfo | undefined {
    const row = (
      date
        ? this.#db
            .prepare(
              `${DATASETS} WHERE d.schedule = ? AND d.period_start <= ? AND d.period_end >= ? ORDER BY d.period_start DESC, d.revision DESC LIMIT 1`,
            )
            .get(schedule, date, date)
        : this.#db
            .prepare(`${DATASETS} WHERE d.schedule = ? ORDER BY d.period_start DESC, d.revision DESC LIMIT 1`)
            .get(schedule)
    ) as DatasetRow | undefined;
    return row ? this.#info(row) : undefined;
  }

  /** A code's rows in one dataset, in the file's order. */
  rows(datasetKey: string, code: string): PaymentRow[] {
    return (
      this.#db
        .prepare('SELECT data FROM payment_rows WHERE dataset_key = ? AND code = ? ORDER BY row')
        .all(datasetKey, code) as {
        data: string;
      }[]
    ).map((r) => JSON.parse(r.data) as PaymentRow);
  }

  /** Every row of a dataset, in the file's order (for diffs). */
  allRows(datasetKey: string): PaymentRow[] {
    return (
      this.#db
        .prepare('SELECT data FROM payment_rows WHERE dataset_key = ? ORDER BY row')
        .all(datasetKey) as { data: string }[]
    ).map((r) => JSON.parse(r.data) as PaymentRow);
  }
}
