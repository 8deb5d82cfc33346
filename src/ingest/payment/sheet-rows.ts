/**
 * A payment file's cells as text, whatever its format: the CSV as written (no number parsing), a
 * workbook (XLS, XLSX) cell by its displayed text, which is what CMS's CSV of the same table holds
 * ("19.200" where the XLS stores 19.1996...). One reader for all three: SheetJS (@e965/xlsx, the
 * spreadsheet library the project already uses for the ANWEB workbooks) parses CSV too.
 */
import XLSX from '@e965/xlsx';
import { looksLikeWorkbook, openWorkbook } from '../workbook.js';

export interface SheetRows {
  readonly sheet?: string;
  /** Row i is the file's row (CSV line) i + 1; every cell trimmed, no-break spaces made spaces. */
  readonly rows: readonly (readonly string[])[];
}

/** CMS's CSVs are Windows-1252 where not ASCII (the ASP CSV's "1 million\xA0PFU"); UTF-8 is taken when valid. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell) return '';
  const text = cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
  return text.replace(/\u00A0/g, ' ').trim();
}

function sheetRows(sheet: XLSX.WorkSheet): string[][] {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: string[][] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r] ?? [];
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) cells.push(cellText(row[c]));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  return rows;
}

/**
 * The first sheet's rows of a workbook, or the rows of a CSV.
 * @example readSheetRows(readFileSync('DMEPOS_JAN.csv'), 'DMEPOS_JAN.csv').rows[6][0] // 'HCPCS'
 */
export function readSheetRows(bytes: Uint8Array, file: string, firstRows?: number): SheetRows[] {
  if (looksLikeWorkbook(bytes)) {
    const book = firstRows
      ? XLSX.read(bytes, { type: 'buffer', dense: true, sheetRows: firstRows })
      : openWorkbook(bytes, file);
    return book.SheetNames.map((name) => ({
      sheet: name,
      rows: sheetRows(book.Sheets[name] as XLSX.WorkSheet),
    }));
  }
  const text = decodeText(firstRows ? bytes.subarray(0, 256 * 1024) : bytes);
  const book = XLSX.read(text, {
    type: 'string',
    raw: true,
    dense: true,
    ...(firstRows ? { sheetRows: firstRows } : {}),
  });
  const first = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
  return [{ rows: sheetRows(first) }];
}
