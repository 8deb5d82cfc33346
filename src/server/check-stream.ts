/**
 * POST /api/check: batch validity of claim lines, streamed. The body is CSV (text/csv: columns
 * code, date, modifiers..., header optional, as `hcpcs check --file`) or NDJSON
 * (application/x-ndjson: one `{"code", "date", "modifiers"}` object a line). The answer streams one
 * row per input row, in order, as NDJSON or CSV (`?format=`, else the Accept header, else the
 * input's format). A malformed row is answered by its line number and the batch goes on.
 */
import type { Context } from 'hono';
import {
  BATCH_CSV_COLUMNS,
  type BatchRow,
  batchRowToCsv,
  batchRowToJson,
  checkBatch,
  createChecker,
} from '../history/index.js';
import type { HcpcsStore } from '../store/store.js';
import { HttpError } from './http-error.js';
import { type Limits, mediaType } from './security.js';

const CSV_TYPES = ['text/csv', 'text/plain'];
const NDJSON_TYPES = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
];

/** Counts bytes as they come and stops the batch past the limit. */
async function* limited(body: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw new HttpError(413, `the batch is larger than ${max} bytes: split it`);
    yield chunk;
  }
}

function ndjsonRow(
  line: number,
  text: string,
  check: (input: { code: string; date?: string; modifiers?: string[] }) => BatchRow['result'],
): BatchRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, code: '', date: '', modifiers: [], error: `line ${line}: not a JSON object` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, code: '', date: '', modifiers: [], error: `line ${line}: not a JSON object` };
  }
  const v = value as Record<string, unknown>;
  const code = typeof v.code === 'string' ? v.code : '';
  const date = typeof v.date === 'string' ? v.date : undefined;
  const raw = v.modifiers ?? v.modifier ?? [];
  const modifiers = (Array.isArray(raw) ? raw : [raw]).filter((m): m is string => typeof m === 'string');
  const row = {
    line,
    code: code.slice(0, 40),
    date: (date ?? '').slice(0, 40),
    modifiers: modifiers.slice(0, 10),
  };
  if (!code.trim()) return { ...row, error: `line ${line}: no "code"` };
  if (v.date !== undefined && typeof v.date !== 'string')
    return { ...row, error: `line ${line}: "date" must be a string` };
  try {
    const result = check({ code, ...(date !== undefined ? { date } : {}), modifiers });
    return { ...row, ...(result ? { date: result.date, result } : {}) };
  } catch (error) {
    return { ...row, error: `line ${line}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function* ndjsonRows(store: HcpcsStore, source: AsyncIterable<Uint8Array>): AsyncGenerator<BatchRow> {
  const checker = createChecker(store);
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  const check = (input: { code: string; date?: string; modifiers?: string[] }) => checker.check(input);
  for await (const chunk of source) {
    pending += decoder.decode(chunk, { stream: true });
    let end = pending.indexOf('\n');
    while (end >= 0) {
      line++;
      const text = pending.slice(0, end).trim();
      pending = pending.slice(end + 1);
      if (text) yield ndjsonRow(line, text, check);
      end = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.trim()) yield ndjsonRow(line + 1, pending.trim(), check);
}

function outputFormat(c: Context, input: 'csv' | 'ndjson'): 'csv' | 'ndjson' {
  const asked = c.req.query('format');
  if (asked === 'csv' || asked === 'ndjson') return asked;
  if (asked !== undefined) throw new HttpError(400, `format: "${asked.slice(0, 40)}" is not csv or ndjson`);
  const accept = c.req.header('accept') ?? '';
  if (accept.includes('text/csv')) return 'csv';
  if (NDJSON_TYPES.some((t) => accept.includes(t))) return 'ndjson';
  return input;
}

/**
 * Answers a batch check with a streamed body.
 * @example app.post('/api/check', (c) => checkStream(c, store, limits))
 */
export function checkStream(c: Context, store: HcpcsStore, limits: Limits): Response {
  const type = mediaType(c);
  const input = CSV_TYPES.includes(type) ? 'csv' : NDJSON_TYPES.includes(type) ? 'ndjson' : undefined;
  if (!input) {
    throw new HttpError(
      415,
      `POST /api/check takes text/csv (code,date,modifiers...) or application/x-ndjson ({"code","date","modifiers"} a line), not ${type ? `"${type.slice(0, 60)}"` : 'a body without Content-Type'}`,
    );
  }
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > limits.maxBatchBytes)
    throw new HttpError(413, `the batch is larger than ${limits.maxBatchBytes} bytes: split it`);
  const format = outputFormat(c, input);
  const body = (c.req.raw.body ?? (async function* () {})()) as unknown as AsyncIterable<Uint8Array>;
  const source = limited(body, limits.maxBatchBytes);
  const rows = input === 'csv' ? checkBatch(store, source) : ndjsonRows(store, source);
  const encoder = new TextEncoder();
  const toText = format === 'csv' ? batchRowToCsv : batchRowToJson;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = '';
        if (!started) {
          started = true;
          if (format === 'csv') text += `${BATCH_CSV_COLUMNS.join(',')}\n`;
        }
        // Up to 500 rows a chunk: few writes, yet the first rows go out at once.
        for (let n = 0; n < 500; n++) {
          const next = await rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += `${toText(next.value)}\n`;
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        // The status line is sent already: the batch ends with a last row naming the error.
        const message = error instanceof HttpError ? error.message : 'internal error: the batch stopped here';
        if (!(error instanceof HttpError))
          process.stderr.write(`hcpcs serve: POST /api/check: ${String(error)}\n`);
        controller.enqueue(
          encoder.encode(
            format === 'csv'
              ? `# error: ${message}\n`
              : `${JSON.stringify({ error: { code: 'HCPCS_E_USAGE', message } })}\n`,
          ),
        );
        controller.close();
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}
