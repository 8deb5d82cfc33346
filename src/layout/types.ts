/** Shapes of the record layout data; the data itself is in `fields.ts` and `code-tables.ts`. */

export interface CodeTableEntry {
  readonly code: string;
  readonly label: string;
  /** The heading CMS prints above this code in the layout ("Clinical Lab Fee Schedule"). */
  readonly group?: string;
}

export interface CodeTable {
  readonly id: string;
  readonly name: string;
  readonly entries: readonly CodeTableEntry[];
}

/** How a field's raw text becomes a record value. */
export type FieldType = 'text' | 'code' | 'date' | 'number';

export interface FieldSpec {
  /** Property name in the record JSON (ARCHITECTURE.md "Record JSON"). */
  readonly key: string;
  /** Field number in the CMS record layout. */
  readonly number: number;
  /** CMS's name of the field in the record layout. */
  readonly cmsName: string;
  /** Label shown to people, as the reference pages print it (without "#1"). */
  readonly label: string;
  /** 1-based first column of the first occurrence, as the layout's BEG column. */
  readonly start: number;
  /** Width of one occurrence. */
  readonly length: number;
  /** OCCURS MAX; 1 for single fields. Occurrences are contiguous. */
  readonly occurs: number;
  readonly type: FieldType;
  /** The code table that decodes the value, if any. */
  readonly table?: CodeTable;
  /** The layout's description, one string per paragraph. */
  readonly definition: readonly string[];
  /**
   * Digits with leading zeros ("0095", "010", "00"): a workbook cell typed as a number lost them,
   * so they are restored to the field's length.
   */
  readonly zeroPadded?: boolean;
  /** Column headings of the ANWEB workbook, one per occurrence. */
  readonly workbookColumns: readonly string[];
}
