/**
 * POST /api/check: batch validity of claim lines, streamed. The body is CSV (text/csv: columns
 * code, date, modifiers..., header optional, as `hcpcs check --file`) or NDJSON
 * (application/x-ndjson: one `{"code", "date", "modifiers"}` object a line). The answer streams one
 * row per input row, in order, as NDJSON or CSV (`?format=`, else the Accept header, else the
 * input's format). With `?with-payment=true` each row also gets the ASP payment limit in effect on
 * its date and its dose (a "dose" CSV column or NDJSON key) in billing units (history/batch-output.ts).
 * A malformed row is answered by its line number and the batch goes on, and so is
 * a line over the bounds of history/batch-limits.ts (length, fields, modifiers): the readers hold
 * one line at most, so one request cannot grow the server by the size of its body.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  type BatchRow,
  batchOutput,
  checkBatch,
  createChecker,
  lineTooLong,
  MAX_LINE_BYTES,
  MAX_MODIFIERS_PER_LINE,
  tooManyModifiers,
} from '../../history/index.js';
import type { HcpcsStore } from '../../store/store.js';
import { isClientAbort } from '../http/error-mapper.js';
import { HttpError } from '../http/http-error.js';
import { type Limits, mediaType } from '../http/security.js';
import { ErrorSchema, json } from './schemas.js';

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
  const given = Array.isArray(raw) ? raw : [raw];
  const modifiers = given.filter((m): m is string => typeof m === 'string');
  const dose = typeof v.dose === 'string' && v.dose.trim() ? v.dose.trim().slice(0, 40) : undefined;
  const row = {
    line,
    code: code.slice(0, 40),
    date: (date ?? '').slice(0, 40),
    modifiers: modifiers.slice(0, MAX_MODIFIERS_PER_LINE),
    ...(dose ? { dose } : {}),
  };
  if (given.length > MAX_MODIFIERS_PER_LINE)
    return { ...row, error: `line ${line}: ${tooManyModifiers(given.length)}` };
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

/** A line of the body: its bytes, or none when it is longer than the limit (it was not kept). */
interface BoundedLine {
  readonly line: number;
  readonly bytes?: Uint8Array;
}

/**
 * The lines of a byte stream, split at LF bytes (which never occur inside a UTF-8 character), each
 * held only up to `maxBytes`: a longer line is reported as soon as it passes the limit, then
 * skipped to its end (otherwise one 60 MB line is gathered into one string).
 */
async function* boundedLines(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<BoundedLine> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  let line = 0;
  /** The line read, without the CR of a CRLF (one byte the limit leaves room for until the LF). */
  const ended = (): BoundedLine => {
    const joined = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
    const bytes = joined.at(-1) === 0x0d ? joined.subarray(0, -1) : joined;
    return bytes.byteLength > maxBytes ? { line } : { line, bytes };
  };
  for await (const chunk of source) {
    let start = 0;
    while (start < chunk.byteLength) {
      const lineEnd = chunk.indexOf(0x0a, start);
      const end = lineEnd < 0 ? chunk.byteLength : lineEnd;
      if (!skipping) {
        if (size + (end - start) > maxBytes + 1) {
          skipping = true;
          parts = [];
          size = 0;
          yield { line: line + 1 };
        } else if (end > start) {
          // A copy: a view would keep the whole chunk alive while the line waits for its end.
          parts.push(chunk.slice(start, end));
          size += end - start;
        }
      }
      if (lineEnd < 0) break;
      line++;
      if (!skipping) yield ended();
      skipping = false;
      parts = [];
      size = 0;
      start = lineEnd + 1;
    }
  }
  line++;
  if (!skipping && size > 0) yield ended();
}

/**
 * Checks every line of an NDJSON byte stream, yielding one row per non-blank line in order; a line
 * over {@link MAX_LINE_BYTES} is an error row, never parsed.
 * @example for await (const row of ndjsonRows(store, body)) console.log(batchRowToJson(row))
 */
export async function* ndjsonRows(
  store: HcpcsStore,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<BatchRow> {
  const checker = createChecker(store);
  const decoder = new TextDecoder('utf-8');
  const check = (input: { code: string; date?: string; modifiers?: string[] }) => checker.check(input);
  for await (const { line, bytes } of boundedLines(source, MAX_LINE_BYTES)) {
    if (!bytes) {
      yield { line, code: '', date: '', modifiers: [], error: `line ${line}: ${lineTooLong()}` };
      continue;
    }
    const text = decoder.decode(bytes).trim();
    if (text) yield ndjsonRow(line, text, check);
  }
}

/** `?with-payment=true` (the route's schema has refused any value but true and false). */
function withPayment(c: Context): boolean {
  return c.req.query('with-payment') === 'true';
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
  const output = batchOutput(store, format, withPayment(c));
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = '';
        if (!started) {
          started = true;
          if (output.header !== null) text += `${output.header}\n`;
        }
        // Up to 500 rows a chunk: few writes, yet the first rows go out at once.
        for (let n = 0; n < 500; n++) {
          const next = await rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += `${output.line(next.value)}\n`;
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        // The client went away while its body was read: nobody to answer, nothing went wrong here,
        // and the rows' generator has ended with its source.
        if (isClientAbort(error)) {
          controller.close();
          return;
        }
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

const checkBatchRoute = createRoute({
  method: 'post',
  path: '/api/check',
  tags: ['history'],
  summary: 'Batch validity of claim lines: CSV or NDJSON in, one streamed row per line out',
  request: {
    query: z.object({
      format: z.enum(['csv', 'ndjson']).optional(),
      'with-payment': z.enum(['true', 'false']).optional().openapi({
        description:
          'add the ASP payment limit in effect on each date of service and the dose (a "dose" column or key) in billing units',
      }),
    }),
    body: {
      content: {
        'text/csv': {
          schema: z
            .string()
            .openapi({ example: 'code,date,modifier,dose\nJ1412,2023-12-15,,\nJ1640,2025-02-15,,250 mg\n' }),
        },
        'application/x-ndjson': {
          schema: z.string().openapi({ example: '{"code":"J1640","date":"2025-02-15","dose":"250 mg"}\n' }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } },
      description: 'one result per input row, streamed',
    },
    413: json(ErrorSchema, 'batch too large'),
    415: json(ErrorSchema, 'not CSV or NDJSON'),
  },
});

/**
 * Registers `POST /api/check` (the batch; `GET /api/check`, one code, is in api.ts).
 * @example registerBatchCheck(app, store, DEFAULT_LIMITS)
 */
export function registerBatchCheck(app: OpenAPIHono, store: HcpcsStore, limits: Limits): void {
  app.openapi(checkBatchRoute, (c) => checkStream(c, store, limits));
}
