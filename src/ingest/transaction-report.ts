/**
 * Reads CMS's transaction report, shipped with each release: for every code, the action CMS took
 * ("ADD", "Discontinued", "Long Description Change" ...). XLSX (every release; sheets "Changes by
 * Action Code", "Changes by HCPC(S) code", "Action Code Key"; header `HCPC/MOD | ACTION CD |
 * SHORT DESCRIPTION | LONG DESCRIPTION` (2019: `HCPCS/MOD | TYPE OF CHANGE | ...`), below a
 * disclaimer from 2020 on; 2017 and 2018: `HCPCS/Modifier Code | Type of Change` alone) and PRN
 * text (2017-2020: the same columns, space-aligned, windows-1252). The words are mapped to the layout's action codes (field 30, ACTION table) as the
 * report's own "Action Code Key" sheet defines them.
 */
import type * as XLSX from '@e965/xlsx';
import { type ErrorLocation, inputError } from '../errors.js';
import { ACTION, lookupCode } from '../layout/index.js';
import { looksLikeWorkbook, openWorkbook } from './workbook.js';

export interface TransactionEntry {
  readonly code: string;
  /** Layout action codes (field 30): one, or two for "Long/Short Description Change" (C and S). */
  readonly actions: string[];
  /** The words of the report, as CMS wrote them. */
  readonly text: string;
  readonly shortDescription: string | null;
  readonly longDescription: string | null;
  readonly location: ErrorLocation;
}

export interface TransactionReport {
  readonly file: string;
  readonly format: 'xlsx' | 'prn';
  readonly sheet: string | null;
  /** One entry per code (a code listed twice gets the union of its actions, "No Change" dropped). */
  readonly entries: TransactionEntry[];
  /** Rows whose action words are not in the action code key: kept with no action, named here. */
  readonly warnings: { readonly location: ErrorLocation; readonly problem: string }[];
}

/**
 * The report's words for each action code: the "Action Code Key" sheet of the 2019-2025 reports
 * ("A Add", "B Coverage and Long Description Change", ...), and the variants their rows use.
 */
const ACTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  add: ['A'],
  coverageandlongdescriptionchange: ['B'],
  coverageandlongdescchange: ['B'],
  longdescriptionchange: ['C'],
  discontinued: ['D'],
  coveragechange: ['F'],
  nochange: ['N'],
  paymentchange: ['P'],
  reactivated: ['R'],
  shortdescriptionchange: ['S'],
  miscellaneouschangebetosortypeofservice: ['T'],
  miscellaneouschange: ['T'],
  // 2020-07 (code CS): both descriptions changed; the key has no code of its own for it.
  longshortdescriptionchange: ['C', 'S'],
  // 2017 rows: "Coverage & Long Desc Change", "Misc Change (TOS, BETOS)".
  coveragelongdescchange: ['B'],
  miscchangetosbetos: ['T'],
  // The 2017 and 2018 "Action Code Key" sheets: "Change in Long Description" ...
  changeinbothcoveragelongdescription: ['B'],
  changeinlongdescription: ['C'],
  changeincoverage: ['F'],
  changeinpayment: ['P'],
  changeinshortdescription: ['S'],
};

/**
 * The action codes the report's words stand for, or undefined when they are not in the key.
 * @example transactionActions('Long/Short Description Change') // ['C', 'S']
 */
export function transactionActions(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (/^[A-Z]$/.test(trimmed) && lookupCode(ACTION, trimmed)) return [trimmed];
  const key = trimmed.toLowerCase().replace(/[^a-z]/g, '');
  const words = ACTION_WORDS[key];
  if (words) return [...words];
  // The 2019 PRN cuts the words at its column width ("Long Description Chang"): a long enough
  // prefix of the key's words that names one action stands for it.
  if (key.length < 8) return undefined;
  const candidates = new Set(
    Object.entries(ACTION_WORDS)
      .filter(([k]) => k.startsWith(key))
      .map(([, v]) => v.join('+')),
  );
  return candidates.size === 1 ? ([...candidates][0] as string).split('+') : undefined;
}

function normalizeHeading(text: string): string {
  return text.toUpperCase().replace(/[^A-Z]/g, '');
}

/** 2017 and 2018: "HCPCS/Modifier Code | Type of Change", no description columns. */
const CODE_HEADINGS = ['HCPCMOD', 'HCPCSMOD', 'HCPC', 'HCPCS', 'HCPCSMODIFIERCODE', 'HCPCMODIFIERCODE'];
const ACTION_HEADINGS = ['ACTIONCD', 'TYPEOFCHANGE', 'ACTIONCODE', 'ACTION'];

interface Collected {
  entries: Map<string, TransactionEntry>;
  warnings: { location: ErrorLocation; problem: string }[];
}

function add(
  collected: Collected,
  code: string,
  text: string,
  short: string,
  long: string,
  location: ErrorLocation,
): void {
  const actions = transactionActions(text);
  if (!actions) {
    collected.warnings.push({
      location,
      problem: `action "${text}" is not in the action code key; kept without an action code`,
    });
  }
  const entry: TransactionEntry = {
    code,
    actions: actions ?? [],
    text: text.trim(),
    shortDescription: short.trim() || null,
    longDescription: long.trim() || null,
    location,
  };
  const earlier = collected.entries.get(code);
  if (!earlier) {
    collected.entries.set(code, entry);
    return;
  }
  const merged = [...new Set([...earlier.actions, ...entry.actions])];
  const actionsOf = merged.length > 1 ? merged.filter((a) => a !== 'N') : merged;
  collected.entries.set(code, {
    ...earlier,
    actions: actionsOf,
    text: earlier.text === entry.text ? earlier.text : `${earlier.text}; ${entry.text}`,
  });
}

function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  return String(cell.v);
}

function readXlsx(bytes: Uint8Array, file: string): TransactionReport {
  const workbook = openWorkbook(bytes, file);
  // One row per code is in "Changes by HCPC(S) code"; "Changes by Action Code" repeats the rows sorted by action.
  const names = [...workbook.SheetNames].sort(
    (a, b) => Number(/by\s*hcpc/i.test(b)) - Number(/by\s*hcpc/i.test(a)),
  );
  for (const sheet of names) {
    const rows = ((workbook.Sheets[sheet] as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ??
      []) as (XLSX.CellObject | undefined)[][];
    const limit = Math.min(rows.length, 50);
    for (let r = 0; r < limit; r++) {
      const headings = (rows[r] ?? []).map((c) => normalizeHeading(cellText(c)));
      const codeColumn = headings.findIndex((h) => CODE_HEADINGS.includes(h));
      const actionColumn = headings.findIndex((h) => ACTION_HEADINGS.includes(h));
      if (codeColumn < 0 || actionColumn < 0) continue;
      const shortColumn = headings.indexOf('SHORTDESCRIPTION');
      const longColumn = headings.indexOf('LONGDESCRIPTION');
      const collected: Collected = { entries: new Map(), warnings: [] };
      for (let i = r + 1; i < rows.length; i++) {
        const row = rows[i] ?? [];
        const code = cellText(row[codeColumn]).trim();
        const text = cellText(row[actionColumn]);
        if (!code && !text.trim()) continue;
        const location = { file, sheet, row: i + 1 };
        if (!/^[A-Z0-9]{2,5}$/.test(code)) {
          collected.warnings.push({ location, problem: `"${code}" is not a HCPCS code; row skipped` });
          continue;
        }
        add(
          collected,
          code,
          text,
          shortColumn >= 0 ? cellText(row[shortColumn]) : '',
          longColumn >= 0 ? cellText(row[longColumn]) : '',
          location,
        );
      }
      return {
        file,
        format: 'xlsx',
        sheet,
        entries: [...collected.entries.values()],
        warnings: collected.warnings,
      };
    }
  }
  throw inputError(
    'no sheet has a transaction report header (HCPC/MOD and ACTION CD or TYPE OF CHANGE) in its first 50 rows',
    { file },
  );
}

function readPrn(bytes: Uint8Array, file: string): TransactionReport {
  const lines = new TextDecoder('windows-1252').decode(bytes).split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => /HCPCS?\/MOD/i.test(l) && /(ACTION CD|TYPE OF CHANGE)/i.test(l));
  if (headerIndex < 0) {
    throw inputError('no transaction report header (HCPC/MOD ... ACTION CD or TYPE OF CHANGE) found', {
      file,
    });
  }
  const header = (lines[headerIndex] as string).toUpperCase();
  // Code and action words are not aligned under their headings in every row; the descriptions are.
  // The 2017 and 2018 prints have no descriptions: code and words fill the line.
  const shortStart = header.indexOf('SHORT DESCRIPTION');
  const longStart = header.indexOf('LONG DESCRIPTION');
  if (shortStart < 0 !== longStart < 0) {
    throw inputError('the header has one of SHORT DESCRIPTION and LONG DESCRIPTION without the other', {
      file,
      line: headerIndex + 1,
    });
  }
  const collected: Collected = { entries: new Map(), warnings: [] };
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const location = { file, line: i + 1 };
    const head = (shortStart < 0 ? line : line.slice(0, shortStart)).trim();
    const match = /^([A-Z0-9]{2,5})\s+(.+)$/.exec(head);
    if (!match) {
      collected.warnings.push({
        location,
        problem: `"${head}" is not a code followed by an action; line skipped`,
      });
      continue;
    }
    add(
      collected,
      match[1] as string,
      match[2] as string,
      shortStart < 0 ? '' : line.slice(shortStart, longStart),
      longStart < 0 ? '' : line.slice(longStart),
      location,
    );
  }
  return {
    file,
    format: 'prn',
    sheet: null,
    entries: [...collected.entries.values()],
    warnings: collected.warnings,
  };
}

/**
 * Reads a transaction report, XLSX or PRN (told apart by content).
 * @example readTransactionReport(bytes, 'HCPC2020_APR_ANWEB_Transaction Report.xlsx').entries.filter((e) => e.actions.includes('A')).length // 18
 */
export function readTransactionReport(bytes: Uint8Array, file: string): TransactionReport {
  return looksLikeWorkbook(bytes) ? readXlsx(bytes, file) : readPrn(bytes, file);
}
