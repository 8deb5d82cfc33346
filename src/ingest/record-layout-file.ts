/**
 * Reads CMS's "HCPCS Record Layout" text file (the RIF report, e.g. HCPCS2019_recordlayout.txt,
 * HCPC2026_recordlayout.txt) into data: each numbered field with its positions, type, occurrences,
 * definition paragraphs and code list, and the code tables of the appendix (BETOS_TB,
 * CMS_TYPE_SRVC_TB).
 *
 * Used at import time to keep the layout that came with a release, and by tests that prove
 * `src/layout/` agrees with every CMS layout file we hold.
 */

export interface LayoutFileCode {
  readonly code: string;
  readonly label: string;
  /** Heading CMS prints above a group of codes ("Clinical Lab Fee Schedule", "Integumentary"). */
  readonly group?: string;
}

export interface LayoutFileField {
  readonly number: number;
  readonly name: string;
  readonly length: number;
  readonly start: number;
  readonly end: number;
  readonly type: string;
  /** OCCURS MAX; 0 when the field has an OCCURS clause in a form this parser does not read. */
  readonly occursMax: number;
  /**
   * Set when the count came from OCCURS MIN: the RIF reports of 2016 and before write the count
   * there and MAX as 0 ("OCCURS MIN: 4 OCCURS MAX: 0" for the four pricing indicators, layout as
   * of 10/28/2015). Trusted only where the field's columns confirm it (see layout-check).
   */
  readonly occursFromMin?: true;
  /** Paragraphs of the field's description, each with its lines joined by one space. */
  readonly definition: readonly string[];
  readonly codes: readonly LayoutFileCode[];
  readonly codeTable?: string;
}

export interface LayoutFile {
  readonly title: string;
  readonly asOf?: string;
  readonly recordLength: number;
  readonly fields: readonly LayoutFileField[];
  readonly tables: Readonly<Record<string, readonly LayoutFileCode[]>>;
}

const FIELD_HEADER = /^ {1,4}(\d+)\.\s+(\S.*?)\s*(CHAR|NUM|GRP)?\s*$/;
const SIZE_LINE = /^\s+(\d+)\s+(\d+)\s+(\d+)\s*(CHAR|NUM|GRP|REC)?\s*$/;
const KEYWORD =
  /^(DB2|SAS|STANDARD|TITLE|SYSTEM)\s+ALIAS|^LENGTH\s*:|^CODES\s*:|^OCCURS|^CODE TABLE|^EDIT RULES|^COMMENTS\s*:|^REDEFINE|^SOURCE\s*:/;
const CODE_ENTRY = /^([0-9A-Z]{1,3})\s*=\s*(.*)$/;
const TABLE_HEADER = /^ ?([A-Z][A-Z0-9_]+_TB)\s{2,}(.*)$/;

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current.join(' ').replace(/\s+/g, ' ').trim());
    current = [];
  };
  for (const raw of lines) {
    const text = raw.trim();
    if (text === '') flush();
    else current.push(text);
  }
  flush();
  return out;
}

/** Parses `= label` lists: deeper-indented lines without `=` continue the previous label. */
function parseCodeList(lines: readonly string[]): LayoutFileCode[] {
  const codes: { code: string; label: string; group?: string }[] = [];
  let group: string | undefined;
  let headingContinues = false;
  let codeIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const text = line.trim();
    if (text === '' || /^-+$/.test(text)) continue;
    const entry = CODE_ENTRY.exec(text);
    if (entry) {
      if (codeIndent < 0) codeIndent = indentOf(line);
      codes.push({ code: entry[1] ?? '', label: entry[2]?.trim() ?? '', ...(group ? { group } : {}) });
      headingContinues = false;
      continue;
    }
    const last = codes[codes.length - 1];
    if (last && codeIndent >= 0 && indentOf(line) > codeIndent) {
      last.label = `${last.label} ${text}`.replace(/\s+/g, ' ');
    } else {
      // A heading line (the dashes under it were skipped above); CMS splits some headings over
      // two lines ("Physician Fee Schedule And Non-Physician Practitioners / Linked To ...").
      group = headingContinues && group ? `${group} ${text}` : text;
      headingContinues = true;
    }
  }
  return codes;
}

/**
 * Parses the text of a CMS record layout file.
 * @example parseRecordLayout(readFileSync('HCPC2026_recordlayout.txt', 'latin1')).fields[8].occursMax // 4
 */
export function parseRecordLayout(text: string): LayoutFile {
  const lines = text.replace(/\r/g, '').split('\n').map(expandTabs);
  const appendixAt = lines.findIndex((l) => /TABLE OF CODES APPENDIX/.test(l));
  const body = appendixAt >= 0 ? lines.slice(0, appendixAt) : lines;
  const asOf = /AS OF:\s*(\S+)/.exec(text)?.[1];
  const titleLine = body.find((l) => /^\s*\*\*\*\s/.test(l));
  const recordLine = titleLine ? body[body.indexOf(titleLine) + 1] : undefined;
  const recordLength = Number(SIZE_LINE.exec(recordLine ?? '')?.[1] ?? 0);

  const headers: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (FIELD_HEADER.test(body[i] ?? '')) headers.push(i);
  }
  const fields: LayoutFileField[] = [];
  for (let h = 0; h < headers.length; h++) {
    const at = headers[h] ?? 0;
    const end = headers[h + 1] ?? body.length;
    const header = FIELD_HEADER.exec(body[at] ?? '');
    if (!header) continue;
    let sizeAt = at + 1;
    while (sizeAt < end && !SIZE_LINE.test(body[sizeAt] ?? '')) sizeAt++;
    const size = SIZE_LINE.exec(body[sizeAt] ?? '');
    if (!size) continue;
    const block = body.slice(sizeAt + 1, end);
    const description: string[] = [];
    const codeLines: string[] = [];
    let mode: 'description' | 'codes' | 'other' = 'description';
    let occursMax = 1;
    let occursFromMin = false;
    let codeTable: string | undefined;
    for (const line of block) {
      const text = line.trim();
      if (/^\*+$/.test(text)) break;
      const occurs = /OCCURS MIN:\s*(\d+)\s+OCCURS MAX:\s*(\d+)/.exec(text);
      if (occurs || /^OCCURS\b/.test(text)) {
        // An OCCURS clause in another form than the RIF report's: 0, "not read", never a guess.
        const [min, max] = [Number(occurs?.[1] ?? 0), Number(occurs?.[2] ?? 0)];
        occursFromMin = max === 0 && min > 1;
        occursMax = occursFromMin ? min : max;
        mode = 'other';
        continue;
      }
      const table = /^CODE TABLE\s*:\s*(\S+)/.exec(text);
      if (table) codeTable = table[1];
      if (KEYWORD.test(text)) {
        mode = /^CODES\s*:|^EDIT RULES/.test(text) ? 'codes' : 'other';
        continue;
      }
      if (mode === 'description') description.push(line);
      else if (mode === 'codes') codeLines.push(line.replace(/^(\s*)CODE:\s*(\S+)/, '$1$2 = '));
    }
    fields.push({
      number: Number(header[1]),
      name: header[2]?.replace(/\s+(CHAR|NUM|GRP)$/, '').trim() ?? '',
      length: Number(size[1]),
      start: Number(size[2]),
      end: Number(size[3]),
      type: size[4] ?? header[3] ?? '',
      occursMax,
      ...(occursFromMin ? { occursFromMin: true as const } : {}),
      definition: paragraphs(description),
      codes: parseCodeList(codeLines).filter((c) => c.code !== 'YYYYMMDD'),
      ...(codeTable ? { codeTable } : {}),
    });
  }

  const tables: Record<string, LayoutFileCode[]> = {};
  if (appendixAt >= 0) {
    const appendix = lines.slice(appendixAt + 1);
    let name: string | undefined;
    let tableLines: string[] = [];
    const flush = () => {
      if (name) tables[name] = parseCodeList(tableLines);
      tableLines = [];
    };
    for (const line of appendix) {
      const header = TABLE_HEADER.exec(line);
      if (header) {
        flush();
        name = header[1];
      } else if (name) tableLines.push(line);
    }
    flush();
  }
  return {
    title: titleLine?.replace(/^\s*\*\*\*\s*/, '').trim() ?? '',
    ...(asOf ? { asOf } : {}),
    recordLength,
    fields,
    tables,
  };
}
