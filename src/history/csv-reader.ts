/**
 * A streaming RFC 4180 CSV reader: chunks in, records out with the line each starts on. Quoted
 * fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record; a UTF-8
 * byte order mark is dropped. An unterminated quote is reported at the line it opened on.
 *
 * It holds at most one record, and a record at most `maxLineBytes` long (without the bound, one
 * line of 60 MB of commas, or a quote never closed, grows the server to 3 GB). A record that passes
 * the bound is answered at once by an error record at its first line; the rest of it is skipped up
 * to the next line end, where reading starts again. Inside an open quote that line end is the
 * first one after the bound: the quote is taken as never closed.
 */
import { lineTooLong, MAX_FIELDS_PER_LINE, MAX_LINE_BYTES } from './batch-limits.js';

export interface CsvRecord {
  /** 1-based line the record starts on. */
  readonly line: number;
  readonly fields: string[];
  /** A problem with the record (an unterminated quote, over a bound), if any. */
  readonly error?: string;
}

export interface CsvReaderOptions {
  /** Longest record in UTF-8 bytes, quoted line breaks included (default {@link MAX_LINE_BYTES}). */
  readonly maxLineBytes?: number;
  /** Most fields in a record (default {@link MAX_FIELDS_PER_LINE}); the first ones are kept. */
  readonly maxFields?: number;
}

/** UTF-8 length of a UTF-16 code unit: a surrogate is half of a 4-byte character. */
function utf8Bytes(unit: number): number {
  if (unit < 0x80) return 1;
  if (unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff)) return 2;
  return 3;
}

/**
 * Parses CSV text fed in chunks of any size.
 * @example const r = new CsvReader(); r.push('a,"b,c"\n'); // [{ line: 1, fields: ['a', 'b,c'] }]
 */
export class CsvReader {
  readonly #maxLineBytes: number;
  readonly #maxFields: number;
  #field = '';
  #fields: string[] = [];
  /** Fields past `maxFields`, counted, not kept. */
  #extraFields = 0;
  #recordBytes = 0;
  /** Past the bound: dropping characters until the next line end. */
  #skipping = false;
  #quoted = false;
  #quoteLine = 1;
  #afterQuote = false;
  #pendingCr = false;
  #line = 1;
  #recordLine = 1;
  #started = false;
  #bomChecked = false;

  constructor(options: CsvReaderOptions = {}) {
    this.#maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.#maxFields = options.maxFields ?? MAX_FIELDS_PER_LINE;
  }

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text = chunk;
    if (!this.#bomChecked && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.#bomChecked = true;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (this.#pendingCr) {
        this.#pendingCr = false;
        if (ch === '\n') continue;
      }
      const lineEnd = ch === '\n' || ch === '\r';
      if (this.#skipping) {
        if (lineEnd) this.#nextRecord(ch);
        continue;
      }
      if (!lineEnd || this.#quoted) {
        this.#recordBytes += utf8Bytes(text.charCodeAt(i));
        if (this.#recordBytes > this.#maxLineBytes) {
          out.push(this.#overflow());
          // Read again as skipped: a line end here is where the next record starts.
          i--;
          continue;
        }
      }
      if (this.#quoted) {
        if (ch === '"') {
          // Closes the field, unless the next character is a quote too (`""`, an escaped quote).
          this.#quoted = false;
          this.#afterQuote = true;
        } else {
          if (ch === '\n') this.#line++;
          this.#field += ch;
        }
        continue;
      }
      if (ch === '"') {
        if (this.#afterQuote) {
          // `""`: an escaped quote inside the quoted field, which goes on.
          this.#field += '"';
          this.#quoted = true;
          this.#afterQuote = false;
        } else if (this.#field === '') {
          this.#quoted = true;
          this.#quoteLine = this.#line;
        } else this.#field += ch;
        this.#started = true;
        continue;
      }
      this.#afterQuote = false;
      if (ch === ',') {
        this.#endField();
        this.#started = true;
      } else if (lineEnd) {
        this.#endField();
        out.push(this.#record());
        this.#nextRecord(ch);
      } else {
        this.#field += ch;
        this.#started = true;
      }
    }
    return out;
  }

  /** The last record when the text does not end with a line break, or an unterminated quote. */
  end(): CsvRecord[] {
    if (this.#skipping) {
      this.#skipping = false;
      return [];
    }
    if (this.#quoted) {
      this.#endField();
      const record = {
        line: this.#recordLine,
        fields: this.#fields,
        error: `a quoted field opened on line ${this.#quoteLine} is never closed`,
      };
      this.#fields = [];
      this.#quoted = false;
      return [record];
    }
    if (!this.#started && this.#fields.length === 0 && this.#field === '') return [];
    this.#endField();
    const record = this.#record();
    this.#started = false;
    return [record];
  }

  #endField(): void {
    if (this.#fields.length < this.#maxFields) this.#fields.push(this.#field);
    else this.#extraFields++;
    this.#field = '';
  }

  /** The record read, with an error when it has more fields than kept. */
  #record(): CsvRecord {
    const fields = this.#fields;
    const count = fields.length + this.#extraFields;
    this.#fields = [];
    this.#extraFields = 0;
    if (count > this.#maxFields)
      return { line: this.#recordLine, fields, error: `${count} fields: at most ${this.#maxFields} a line` };
    return { line: this.#recordLine, fields };
  }

  /** Drops the record being read: it is longer than the bound. */
  #overflow(): CsvRecord {
    const inQuote = this.#quoted
      ? ` (a quoted field opened on line ${this.#quoteLine} is not closed within them)`
      : '';
    const record = {
      line: this.#recordLine,
      fields: [],
      error: `${lineTooLong(this.#maxLineBytes)}${inQuote}`,
    };
    this.#fields = [];
    this.#field = '';
    this.#extraFields = 0;
    this.#quoted = false;
    this.#afterQuote = false;
    this.#skipping = true;
    return record;
  }

  /** After the line end `ch` that closes a record (or a skipped stretch): the next record's start. */
  #nextRecord(ch: string): void {
    this.#skipping = false;
    this.#started = false;
    this.#recordBytes = 0;
    this.#line++;
    this.#recordLine = this.#line;
    if (ch === '\r') this.#pendingCr = true;
  }
}
