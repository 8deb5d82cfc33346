/**
 * The CMS Table of Drugs, a PDF CMS publishes beside each year's file: drug name (generic or
 * brand), unit, route, code(s). Brand names point at the generic name: "Abelcet, see Amphotericin
 * B Lipid Complex"; those are resolved to the codes of the rows they name.
 *
 * The layout, as printed in 2019: the name at the left margin (about x = 54), the unit from about
 * x = 300, the route from about x = 420, the codes from about x = 480. A name too long for its
 * column goes on at the next line, indented; a second unit of the same drug comes on a line
 * without a name.
 */
import { codesIn, lineText, type PdfLine, pdfLines, readPdfItemsSync } from './alpha-index.js';

export interface DrugEntry {
  /** The name as printed, with the "see" target for brand names: "Abelcet, see Amphotericin B Lipid Complex". */
  readonly name: string;
  readonly unit: string | null;
  readonly route: string | null;
  readonly codes: string[];
  readonly ranges: [string, string][];
  /** For a "see" row, the name it points at. */
  readonly see: string | null;
}

/** Where the unit column starts (points): text left of it is the name. */
const UNIT_X = 295;
const ROUTE = /^(?:IA|IV|IM|IT|SC|INH|VAR|OTH|ORAL)(?:\s*,\s*(?:IA|IV|IM|IT|SC|INH|VAR|OTH|ORAL))*\b/;
const PAGE_FURNITURE = /^(\d{4} Table of Drugs( \d+)?|\d+|[A-Z])$/;

/** PDF.js reads CMS's "inj" ligature as "IV" ("Acetylcysteine, IVection"): put it back. */
function repair(text: string): string {
  return text
    .replace(/IVection/g, 'injection')
    .replace(/\s+/g, ' ')
    .trim();
}

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Row {
  name: string;
  unit: string | null;
  route: string | null;
  codes: string[];
  ranges: [string, string][];
  see: string | null;
  indented: boolean;
}

function readRow(line: PdfLine): Row {
  const left = line.items.filter((i) => i.x < UNIT_X);
  const right = line.items.filter((i) => i.x >= UNIT_X);
  const name = repair(lineText(left));
  const rest = lineText(right);
  const { text: beforeCodes, codes, ranges } = codesIn(rest);
  const fromName = codesIn(name);
  let unit: string | null = beforeCodes;
  let route: string | null = null;
  const routeAt = beforeCodes.search(/\b(?:IA|IV|IM|IT|SC|INH|VAR|OTH|ORAL)\b/);
  if (routeAt >= 0 && ROUTE.test(beforeCodes.slice(routeAt))) {
    route = beforeCodes.slice(routeAt).trim();
    unit = beforeCodes.slice(0, routeAt).trim();
  }
  const see = /^(.*?),\s*see\s+(.+)$/i.exec(fromName.text);
  return {
    name: see ? (see[1] as string) : fromName.text,
    unit: unit || null,
    route: route || null,
    codes: [...fromName.codes, ...codes],
    ranges: [...fromName.ranges, ...ranges],
    see: see ? (see[2] as string) : null,
    indented: (line.items[0]?.x ?? 0) > 58 && left.length > 0,
  };
}

/**
 * Reads the table's lines into entries, "see" rows resolved to the codes of the rows they name
 * (every row whose name starts with the target; for "A; B; and C", each of them).
 */
export function parseTableOfDrugs(lines: readonly PdfLine[]): DrugEntry[] {
  const rows: Row[] = [];
  let started = false;
  let pending = '';
  for (const line of lines) {
    const text = lineText(line.items);
    if (!started) {
      started = text === 'A';
      continue;
    }
    if (text === '' || PAGE_FURNITURE.test(text)) continue;
    const row = readRow(line);
    const last = rows[rows.length - 1];
    const hasCodes = row.codes.length + row.ranges.length > 0;
    if (row.name === '' && hasCodes && last) {
      // Another unit of the drug above.
      rows.push({ ...row, name: last.name, see: null });
      continue;
    }
    if (row.indented && last && !hasCodes && !row.see) {
      // The name (or "see" target) of the row above goes on.
      if (last.see !== null) last.see = `${last.see} ${row.name}`;
      else last.name = `${last.name} ${row.name}`;
      continue;
    }
    if (!hasCodes && !row.see) {
      // A name whose codes come on the next line.
      pending = pending ? `${pending} ${row.name}` : row.name;
      continue;
    }
    if (pending) {
      row.name = row.indented || /^[&(a-z]/.test(row.name) ? `${pending} ${row.name}` : row.name || pending;
      if (!row.name) row.name = pending;
      pending = '';
    }
    if (row.indented && last && hasCodes && /^[(&]/.test(row.name)) {
      // A variant of the drug above: "Argatroban (for non-esrd use)" then "(for esrd use)".
      const base = row.name.startsWith('(') ? last.name.replace(/\s*\([^)]*\)$/, '') : last.name;
      row.name = `${base} ${row.name}`;
    }
    rows.push(row);
  }
  const byName = rows.filter((r) => r.see === null).map((r) => ({ key: normal(r.name), row: r }));
  const entries: DrugEntry[] = [];
  for (const r of rows) {
    if (r.see === null) {
      entries.push({
        name: r.name,
        unit: r.unit,
        route: r.route,
        codes: r.codes,
        ranges: r.ranges,
        see: null,
      });
      continue;
    }
    const codes = new Set<string>();
    const ranges: [string, string][] = [];
    for (const target of r.see
      .split(/;|,?\s+and\s+(?=[A-Za-z])/)
      .map(normal)
      .filter(Boolean)) {
      for (const { key, row } of byName) {
        if (key === target || key.startsWith(`${target} `)) {
          for (const c of row.codes) codes.add(c);
          ranges.push(...row.ranges);
        }
      }
    }
    if (codes.size + ranges.length === 0) continue;
    entries.push({
      name: `${r.name}, see ${r.see}`,
      unit: null,
      route: null,
      codes: [...codes],
      ranges,
      see: r.see,
    });
  }
  return entries;
}

/**
 * The entries of a Table of Drugs PDF.
 * @example readTableOfDrugsSync(pdfBytes).find((e) => e.name === 'Abatacept') // { unit: '10 mg', route: 'IV', codes: ['J0129'], ... }
 */
export function readTableOfDrugsSync(pdf: Uint8Array, name = 'table of drugs PDF'): DrugEntry[] {
  return parseTableOfDrugs(pdfLines(readPdfItemsSync(pdf, name)));
}
