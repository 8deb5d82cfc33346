/** RFC 4180 CSV: one cell, one line. Lists are joined with `|` (as `hcpcs export --format csv` does). */

/**
 * One CSV cell: lists joined with `|`, quoted when it holds a comma, quote or line break.
 * @example csvCell(['A', 'B']) // 'A|B'
 */
export function csvCell(value: unknown): string {
  const text = Array.isArray(value)
    ? value.join('|')
    : value === null || value === undefined
      ? ''
      : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line end). */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
