/**
 * A streaming RFC 4180 CSV reader: chunks in, records out with the line each starts on. Quoted
 * fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record; a UTF-8
 * byte order mark is dropped. An unterminated quote is reported at the line it opened on.
 */

export interface CsvRecord {
  /** 1-based line the record starts on. */
  readonly line: number;
  readonly fields: string[];
  /** A problem with the record's syntax (an unterminated quote), if any. */
  readonly error?: string;
}

/**
 * Parses CSV text fed in chunks of any size.
 * @example const r = new CsvReader(); r.push('a,"b,c"\n'); // [{ line: 1, fields: ['a', 'b,c'] }]
 */
export class CsvReader {
  #field = '';
  #fields: string[] = [];
  #quoted = false;
  #afterQuote = false;
  #pendingCr = false;
  #line = 1;
  #recordLine = 1;
  #started = false;
  #bomChecked = false;

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
      if (this.#quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.#field += '"';
            i++;
          } else {
            // Closes the field, unless this quote ends a chunk and the next one starts with a quote.
            this.#quoted = false;
            this.#afterQuote = true;
          }
        } else {
          if (ch === '\n') this.#line++;
          this.#field += ch;
        }
        continue;
      }
      if (ch === '"') {
        if (this.#afterQuote) {
          // `""` split across two chunks: an escaped quote inside the quoted field.
          this.#field += '"';
          this.#quoted = true;
          this.#afterQuote = false;
        } else if (this.#field === '') {
          this.#quoted = true;
        } else this.#field += ch;
        this.#started = true;
        continue;
      }
      this.#afterQuote = false;
      if (ch === ',') {
        this.#fields.push(this.#field);
        this.#field = '';
        this.#started = true;
      } else if (ch === '\n' || ch === '\r') {
        this.#fields.push(this.#field);
        out.push({ line: this.#recordLine, fields: this.#fields });
        this.#fields = [];
        this.#field = '';
        this.#started = false;
        this.#line++;
        this.#recordLine = this.#line;
        if (ch === '\r') this.#pendingCr = true;
      } else {
        this.#field += ch;
        this.#started = true;
      }
    }
    return out;
  }

  /** The last record when the text does not end with a line break, or an unterminated quote. */
  end(): CsvRecord[] {
    if (this.#quoted) {
      this.#fields.push(this.#field);
      const record = {
        line: this.#recordLine,
        fields: this.#fields,
        error: `a quoted field opened on line ${this.#recordLine} is never closed`,
      };
      this.#fields = [];
      this.#field = '';
      this.#quoted = false;
      return [record];
    }
    if (!this.#started && this.#fields.length === 0 && this.#field === '') return [];
    this.#fields.push(this.#field);
    const record = { line: this.#recordLine, fields: this.#fields };
    this.#fields = [];
    this.#field = '';
    this.#started = false;
    return [record];
  }
}
