/**
 * The CMS HCPCS Alpha-Numeric Index, a PDF CMS publishes beside each year's file: lay terms ->
 * codes and code ranges, two levels deep ("Abdomen" / "  dressing holder/binder, A4462").
 *
 * Also the PDF text reading the Table of Drugs shares: pdfjs-dist (Mozilla's PDF.js) gives each
 * text run with its position; lines are runs at the same height, and the indent tells a term from
 * a sub-term (index) or the name from the dose, route and code columns (drug table).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { inputError } from '../errors.js';

/** A run of text on a page, at its PDF position (points from the bottom left). */
export interface PdfTextItem {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  /** Width of the run, in points. */
  readonly width: number;
  readonly text: string;
}

/** Text runs at one height of one page, left to right. */
export interface PdfLine {
  readonly page: number;
  readonly y: number;
  readonly items: readonly PdfTextItem[];
}

export interface AlphaIndexEntry {
  /** The term with its heading: "Abdomen dressing holder/binder". */
  readonly term: string;
  readonly codes: string[];
  /** Ranges as printed, first and last code: ["E0950", "E1030"]. */
  readonly ranges: [string, string][];
}

function pdfjsUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
}

/**
 * The text runs of a PDF, every page.
 * @example const items = await readPdfItems(readFileSync('2019-HCPCS-Index.pdf'));
 */
export async function readPdfItems(pdf: Uint8Array, name = 'PDF'): Promise<PdfTextItem[]> {
  const pdfjs = (await import(pdfjsUrl())) as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false })
      .promise;
  } catch (error) {
    throw inputError(`not a readable PDF: ${(error as Error).message}`, { file: name });
  }
  const out: PdfTextItem[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      out.push({
        page: p,
        x: item.transform[4] as number,
        y: item.transform[5] as number,
        width: item.width,
        text: item.str,
      });
    }
  }
  await doc.destroy();
  return out;
}

/**
 * The same, synchronously: PDF.js only offers promises, and search builds its index inside a
 * synchronous call, so the reading runs in a worker thread while this thread waits on an atomic.
 */
export function readPdfItemsSync(pdf: Uint8Array, name = 'PDF'): PdfTextItem[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const source = `
    const { workerData } = require('node:worker_threads');
    const { port, signal, bytes, url } = workerData;
    (async () => {
      try {
        const pdfjs = await import(url);
        const doc = await pdfjs.getDocument({ data: bytes, verbosity: 0, isEvalSupported: false }).promise;
        const items = [];
        for (let p = 1; p <= doc.numPages; p++) {
          const content = await (await doc.getPage(p)).getTextContent();
          for (const it of content.items) {
            if (typeof it.str === 'string' && it.str !== '') items.push({ page: p, x: it.transform[4], y: it.transform[5], width: it.width, text: it.str });
          }
        }
        port.postMessage({ items });
      } catch (error) {
        port.postMessage({ error: String(error && error.message || error) });
      }
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    })();`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { port: port2, signal, bytes: new Uint8Array(pdf), url: pdfjsUrl() },
    transferList: [port2],
  });
  try {
    if (Atomics.wait(signal, 0, 0, 120_000) === 'timed-out') {
      throw inputError('reading the PDF took over 2 minutes', { file: name });
    }
    const reply = receiveMessageOnPort(port1)?.message as
      | { items?: PdfTextItem[]; error?: string }
      | undefined;
    if (!reply?.items) throw inputError(`not a readable PDF: ${reply?.error ?? 'no answer'}`, { file: name });
    return reply.items;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/**
 * Groups text runs into lines: same page, heights within 2 points (a cell and its neighbour can sit
 * a point apart), top to bottom, runs left to right.
 */
export function pdfLines(items: readonly PdfTextItem[]): PdfLine[] {
  const sorted = [...items].sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);
  const lines: { page: number; y: number; items: PdfTextItem[] }[] = [];
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    if (last && last.page === item.page && Math.abs(last.y - item.y) <= 2) last.items.push(item);
    else lines.push({ page: item.page, y: item.y, items: [item] });
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/**
 * A line's text: runs joined as printed, with a space where the page leaves a gap between them
 * (table cells carry no space of their own).
 */
export function lineText(items: readonly PdfTextItem[]): string {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    if (text && item.x - end > 1) text += ' ';
    text += item.text;
    end = item.x + item.width;
  }
  return text.replace(/\s+/g, ' ').trim();
}

const CODE_OR_RANGE = /\b([A-V]\d{4})(?:\s*-\s*([A-V]?\d{4}))?\b/g;

/**
 * The codes and ranges printed in a text, and the text before the first of them.
 * @example codesIn('Ambulance, A0021-A0999, S9960') // { text: 'Ambulance', codes: ['S9960'], ranges: [['A0021', 'A0999']] }
 */
export function codesIn(text: string): { text: string; codes: string[]; ranges: [string, string][] } {
  const codes: string[] = [];
  const ranges: [string, string][] = [];
  let first = -1;
  for (const m of text.matchAll(CODE_OR_RANGE)) {
    if (first < 0) first = m.index;
    const from = m[1] as string;
    if (m[2]) ranges.push([from, /^\d/.test(m[2]) ? `${from[0]}${m[2]}` : m[2]]);
    else codes.push(from);
  }
  const before = first < 0 ? text : text.slice(0, first);
  return { text: before.replace(/[\s,;:]+$/, '').trim(), codes, ranges };
}

const PAGE_FURNITURE = /^(\d{4} HCPCS Alpha-Numeric Index( \d+)?|HCPCS \d{4} Index|\d+|[A-Z])$/;

/**
 * Reads the index's lines into entries. Terms at the left margin are headings; indented terms
 * under them are sub-terms and get the heading in front. The introduction before the first
 * letter heading is skipped; "(see also ...)" cross-references are dropped from the term; codes
 * that run on to the next line stay with their term; "X, see Y" entries get the codes of Y.
 */
export function parseAlphaIndex(lines: readonly PdfLine[]): AlphaIndexEntry[] {
  const entries: AlphaIndexEntry[] = [];
  const sees: { term: string; target: string }[] = [];
  let started = false;
  let heading = '';
  for (const line of lines) {
    const text = lineText(line.items);
    if (!started) {
      started = /^A$/.test(text);
      continue;
    }
    if (text === '' || PAGE_FURNITURE.test(text)) continue;
    const x = line.items[0]?.x ?? 0;
    const indented = x >= 78;
    const { text: term, codes, ranges } = codesIn(text);
    const last = entries[entries.length - 1];
    if (term === '' && last) {
      // Codes that did not fit on the line above.
      last.codes.push(...codes);
      last.ranges.push(...ranges);
      continue;
    }
    const clean = term
      .replace(/\(see also [^)]*\)/gi, '')
      .replace(/;\s*see also [^)]*\)/gi, ')')
      .replace(/\s+/g, ' ')
      .trim();
    const see = /^(.*?),\s*see\s+(.+)$/i.exec(clean);
    if (!indented) heading = see ? (see[1] as string) : clean;
    const full = indented && heading ? `${heading} ${clean}` : clean;
    if (see && codes.length === 0 && ranges.length === 0) {
      sees.push({
        term: indented && heading ? `${heading} ${see[1]}` : (see[1] as string),
        target: see[2] as string,
      });
      continue;
    }
    if (codes.length === 0 && ranges.length === 0) continue;
    entries.push({ term: full, codes, ranges });
  }
  // "Corvert, see Ibutilide fumarate": the codes of the entries the target names.
  const normal = (t: string) =>
    t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  for (const { term, target } of sees) {
    const wanted = normal(target);
    const found = entries.filter((e) => normal(e.term) === wanted || normal(e.term).startsWith(`${wanted} `));
    if (found.length === 0) continue;
    entries.push({
      term: `${term}, see ${target}`,
      codes: [...new Set(found.flatMap((e) => e.codes))],
      ranges: found.flatMap((e) => e.ranges),
    });
  }
  return entries;
}

/**
 * The entries of an Alpha-Numeric Index PDF.
 * @example readAlphaIndexSync(pdfBytes).find((e) => e.term === 'Abatacept') // { term: 'Abatacept', codes: ['J0129'], ranges: [] }
 */
export function readAlphaIndexSync(pdf: Uint8Array, name = 'alpha-numeric index PDF'): AlphaIndexEntry[] {
  return parseAlphaIndex(pdfLines(readPdfItemsSync(pdf, name)));
}
