/**
 * Downloads one file over HTTP into a folder without ever leaving a half-written file there:
 * the bytes go to `<dir>/.partial/<name>` (a dot folder the importer skips), a broken connection
 * resumes from what arrived (HTTP Range, RFC 9110 section 14), the whole file is checked (length
 * against Content-Length/Content-Range, then the caller's `verify`: a zip whose every member
 * matches its CRC-32), and only then renamed to `<dir>/<name>`. A refused file is deleted.
 *
 * HTTP is Node's own fetch (undici): it streams bodies, follows redirects, sends Range, and
 * aborts by signal, which is all this needs; retries with exponential backoff are p-retry's.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry, { AbortError } from 'p-retry';
import { HcpcsError, inputError } from '../errors.js';
import { PACKAGE_VERSION } from '../version.js';

export interface TransferOptions {
  /** Abort a request when no byte arrives for this long (connecting included). */
  readonly idleTimeoutMs: number;
  /** Attempts after the first one, for network errors, timeouts, 5xx, 408, 429 and cut bodies. */
  readonly retries: number;
  /** Wait before the first retry; doubled at each further one. */
  readonly backoffMs: number;
  /**
   * The longest a server's Retry-After (on 429 or 503) is waited out before asking again; a server
   * asking for longer is not asked again in this run.
   */
  readonly longestRetryAfterMs: number;
  readonly onProgress?: (received: number, total: number | undefined) => void;
  readonly onRetry?: (message: string, attempt: number) => void;
}

export const DEFAULT_TRANSFER: TransferOptions = {
  idleTimeoutMs: 30_000,
  retries: 4,
  backoffMs: 1_000,
  longestRetryAfterMs: 120_000,
};

/**
 * Every request says what sends it (RFC 9110 section 10.1.5), so a server's operators can tell
 * this program's few requests from anonymous scraping, and whom a problem concerns.
 */
const USER_AGENT = `hcpcs/${PACKAGE_VERSION} (HCPCS Level II release importer; Node.js ${process.versions.node})`;

/** The headers of every request: the User-Agent, and `more`. */
function headersWith(more: Record<string, string> = {}): Record<string, string> {
  return { 'User-Agent': USER_AGENT, ...more };
}

/**
 * What a server says of a file without sending it: its validators (RFC 9110 section 8.8: ETag,
 * Last-Modified) and its length, as recorded per download to ask later whether it changed.
 */
export interface ServerCopy {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly contentLength?: number;
}

export interface Downloaded extends ServerCopy {
  readonly path: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  /** Bytes a previous attempt or run had fetched, resumed from (0 when fetched whole). */
  readonly resumedFrom: number;
}

/** The answer to "has the file at this URL changed since these validators?". */
export interface ProbeAnswer extends ServerCopy {
  /** 304: not modified (RFC 9110 section 15.4.5); 200: the server's current copy's headers. */
  readonly status: 200 | 304;
  readonly method: 'HEAD' | 'GET';
}

/** HTTP statuses worth asking again (RFC 9110: 408, 429 and server errors). */
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** A fetch whose signal aborts when no byte has arrived for `idleTimeoutMs`. */
class IdleTimer {
  readonly controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  constructor(readonly ms: number) {
    this.touch();
  }
  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => this.controller.abort(new Error(`no data for ${this.ms / 1000} s`)),
      this.ms,
    );
  }
  stop(): void {
    clearTimeout(this.#timer);
  }
}

function failure(url: string, message: string): HcpcsError {
  return new HcpcsError('HCPCS_E_INPUT', `${url}: ${message}`);
}

/** No answer from the server at all (refused, no route, timed out), as opposed to an HTTP refusal. */
export class UnreachableError extends HcpcsError {
  constructor(url: string, message: string) {
    super('HCPCS_E_INPUT', `${url}: ${message}`);
  }
}

/** A fetch error said plainly (undici's "fetch failed" hides the cause). */
function networkMessage(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return `timed out (${e.message})`;
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}

/** A refusal the server asks to be retried after a while (Retry-After, RFC 9110 section 10.2.3). */
class RetryLaterError extends HcpcsError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('HCPCS_E_INPUT', message);
  }
}

/** Milliseconds from now a Retry-After value names: delay-seconds or an HTTP-date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function statusError(url: string, response: Response, options: TransferOptions): Error {
  const { status, statusText } = response;
  const answered = `the server answered ${status} ${statusText}`.trim();
  if (!RETRYABLE_STATUS.has(status)) return new AbortError(failure(url, answered));
  const wait =
    status === 429 || status === 503 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
  if (wait === undefined) return failure(url, answered);
  const seconds = Math.ceil(wait / 1000);
  if (wait > options.longestRetryAfterMs) {
    return new AbortError(
      failure(
        url,
        `${answered} and asks to be asked again in ${seconds} s, longer than this run waits (${options.longestRetryAfterMs / 1000} s): run it again later`,
      ),
    );
  }
  return new RetryLaterError(`${url}: ${answered} and asks to be asked again in ${seconds} s`, wait);
}

async function withRetries<T>(run: () => Promise<T>, options: TransferOptions): Promise<T> {
  try {
    return await pRetry(run, {
      retries: options.retries,
      minTimeout: options.backoffMs,
      factor: 2,
      randomize: false,
      onFailedAttempt: async (error) => {
        if (error.retriesLeft === 0) return;
        options.onRetry?.(error.message, error.attemptNumber);
        // The server's own wait, then the backoff p-retry adds.
        if (error instanceof RetryLaterError) await sleep(error.retryAfterMs);
      },
    });
  } catch (error) {
    // p-retry wraps the refusal it was given in AbortError; hand back the HcpcsError inside.
    const inner = (error as { originalError?: unknown }).originalError ?? error;
    throw inner instanceof HcpcsError ? inner : failure('', String((inner as Error).message ?? inner));
  }
}

/**
 * A page's text and its final URL (after redirects), retried like a download.
 * @example (await fetchPage('https://www.cms.gov/...', DEFAULT_TRANSFER)).html
 */
export async function fetchPage(
  url: string,
  options: TransferOptions,
): Promise<{ url: string; html: string }> {
  return withRetries(async () => {
    const idle = new IdleTimer(options.idleTimeoutMs);
    try {
      const response = await fetch(url, {
        headers: headersWith(),
        redirect: 'follow',
        signal: idle.controller.signal,
      }).catch((error: unknown) => {
        throw failure(url, networkMessage(idle.controller.signal.reason ?? error));
      });
      if (!response.ok) throw statusError(url, response, options);
      const html = await response.text().catch((error: unknown) => {
        throw failure(url, networkMessage(idle.controller.signal.reason ?? error));
      });
      return { url: response.url || url, html };
    } finally {
      idle.stop();
    }
  }, options);
}

/** Total length of the file a 200 or 206 answer carries, when the server says it. */
function totalLength(response: Response): number | undefined {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  if (range) return Number(range[1]);
  const length = response.headers.get('content-length');
  return response.status === 200 && length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

function serverCopyOf(response: Response): ServerCopy {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  const length = response.headers.get('content-length');
  const total = response.status === 206 ? totalLength(response) : undefined;
  return {
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
    ...(total !== undefined
      ? { contentLength: total }
      : length !== null && /^\d+$/.test(length)
        ? { contentLength: Number(length) }
        : {}),
  };
}

/**
 * Asks whether the file at `url` changed since `held` (validators a download recorded): a HEAD
 * with If-None-Match / If-Modified-Since (RFC 9110 sections 13.1.2 and 13.1.3), which a server
 * answers 304 Not Modified, or 200 with its current copy's validators and length; no body either
 * way. A server that refuses HEAD (405, 501) is asked by a conditional GET whose body is dropped
 * unread. A 404 or any other refusal throws, as a download does; a network error is retried.
 * @example (await probeFile(url, { etag: '"5f3-1a"' }, DEFAULT_TRANSFER)).status // 304
 */
export async function probeFile(
  url: string,
  held: ServerCopy,
  options: TransferOptions = DEFAULT_TRANSFER,
): Promise<ProbeAnswer> {
  const headers = headersWith({
    ...(held.etag ? { 'If-None-Match': held.etag } : {}),
    // If-None-Match takes precedence when both are sent (RFC 9110 section 13.2.2).
    ...(held.lastModified ? { 'If-Modified-Since': held.lastModified } : {}),
  });
  const ask = async (method: 'HEAD' | 'GET'): Promise<Response> => {
    const idle = new IdleTimer(options.idleTimeoutMs);
    try {
      return await fetch(url, { method, headers, redirect: 'follow', signal: idle.controller.signal }).catch(
        (error: unknown) => {
          throw new UnreachableError(url, networkMessage(idle.controller.signal.reason ?? error));
        },
      );
    } finally {
      idle.stop();
    }
  };
  return withRetries(async () => {
    let method: 'HEAD' | 'GET' = 'HEAD';
    let response = await ask(method);
    if (response.status === 405 || response.status === 501) {
      method = 'GET';
      response = await ask(method);
      await response.body?.cancel().catch(() => {});
    }
    if (response.status === 304) return { status: 304, method, ...serverCopyOf(response) };
    if (!response.ok) throw statusError(url, response, options);
    return { status: 200, method, ...serverCopyOf(response) };
  }, options);
}

/** If-Range needs a strong ETag or a Last-Modified date (RFC 9110 section 13.1.5). */
function ifRange(copy: ServerCopy | undefined): Record<string, string> {
  if (copy?.etag && !copy.etag.startsWith('W/')) return { 'If-Range': copy.etag };
  if (copy?.lastModified) return { 'If-Range': copy.lastModified };
  return {};
}

/**
 * One attempt: continue the partial file from its length, or start it anew. A resume names the
 * copy it continues (If-Range with the validator the earlier attempt saw, RFC 9110 section
 * 13.1.5): a file replaced between attempts comes back whole instead of spliced.
 */
async function transfer(
  url: string,
  partial: string,
  options: TransferOptions,
  seen: { copy?: ServerCopy },
): Promise<void> {
  let have = 0;
  try {
    have = statSync(partial).size;
  } catch {
    have = 0;
  }
  const idle = new IdleTimer(options.idleTimeoutMs);
  try {
    const response = await fetch(url, {
      redirect: 'follow',
      signal: idle.controller.signal,
      headers: headersWith(have > 0 ? { Range: `bytes=${have}-`, ...ifRange(seen.copy) } : {}),
    }).catch((error: unknown) => {
      throw failure(url, networkMessage(idle.controller.signal.reason ?? error));
    });
    if (response.status === 416) {
      // The partial file is no prefix of what the server has now: start again.
      rmSync(partial, { force: true });
      throw failure(url, 'the server refused to resume the partial download (416); starting again');
    }
    if (!response.ok) throw statusError(url, response, options);
    const resumed = response.status === 206;
    seen.copy = serverCopyOf(response);
    const total = totalLength(response);
    let received = resumed ? have : 0;
    const file = await open(partial, resumed ? 'a' : 'w');
    try {
      if (response.body) {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          idle.touch();
          await file.write(chunk);
          received += chunk.length;
          options.onProgress?.(received, total);
        }
      }
    } catch (error) {
      throw failure(
        url,
        `the transfer broke after ${received} bytes: ${networkMessage(idle.controller.signal.reason ?? error)}`,
      );
    } finally {
      await file.close();
    }
    if (total !== undefined && received < total)
      throw failure(url, `cut short: ${received} of ${total} bytes arrived`);
    if (total !== undefined && received > total) {
      rmSync(partial, { force: true });
      throw new AbortError(failure(url, `${received} bytes arrived where the server announced ${total}`));
    }
  } finally {
    idle.stop();
  }
}

/**
 * Downloads `url` to `<dir>/<name>`, resuming a partial download, checked by `verify` (which
 * throws to refuse the bytes) before it is put in place.
 */
export async function downloadFile(
  url: string,
  dir: string,
  name: string,
  verify: (path: string, bytes: Uint8Array) => void,
  options: TransferOptions = DEFAULT_TRANSFER,
): Promise<Downloaded> {
  const partialDir = join(dir, '.partial');
  mkdirSync(partialDir, { recursive: true });
  const partial = join(partialDir, name);
  let resumedFrom = 0;
  try {
    resumedFrom = statSync(partial).size;
  } catch {
    resumedFrom = 0;
  }
  try {
    const seen: { copy?: ServerCopy } = {};
    await withRetries(() => transfer(url, partial, options, seen), options);
    const bytes = await readFile(partial);
    try {
      verify(partial, bytes);
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(partial, name) : String(error);
      throw inputError(`${url}: refused, ${message}`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(dir, name);
    renameSync(partial, path);
    return { path, name, sha256, size: bytes.length, resumedFrom, ...seen.copy };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
