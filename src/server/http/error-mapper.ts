/**
 * The one place where an error becomes an HTTP answer. Under `/fhir` it is an OperationOutcome
 * (application/fhir+json) with the IssueType of the error; a browser's page request gets a small
 * HTML page; everywhere else a JSON body `{code, message}` with the project's stable error code.
 * Statuses come from the one table in `src/outcomes.ts`; HTTP's own (405, 413, 414, 415, ...) as
 * raised; anything unexpected is 500 with a generic message: no stack trace or internal text ever
 * reaches a client.
 */
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, HcpcsError } from '../../errors.js';
import {
  errorCodeOfIssue,
  FhirError,
  type IssueType,
  issueOfStatus,
  issueTypeOf,
  operationOutcome,
  statusOfIssue,
} from '../../outcomes.js';
import { HttpError } from './http-error.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

interface Problem {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly issueType: IssueType;
  readonly message: string;
  readonly expression?: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Whether an error is a client hanging up while its request was read: Node's IncomingMessage
 * fails the body with "aborted" (code ECONNRESET), a stream closed early with
 * ERR_STREAM_PREMATURE_CLOSE, fetch's abort with AbortError; also when one of them is the cause.
 * Nobody is left to answer, and it is not the server's fault: it is not logged.
 */
export function isClientAbort(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || e.name === 'AbortError')
      return true;
    if (e.message === 'aborted') return true;
  }
  return false;
}

/** The status, codes and message of any error thrown while answering. */
export function problemOf(error: unknown): Problem {
  if (isClientAbort(error)) {
    return {
      status: 400,
      code: 'HCPCS_E_USAGE',
      issueType: 'invalid',
      message: 'the client closed the connection before its request was read',
      headers: {},
    };
  }
  if (error instanceof FhirError) {
    return {
      status: statusOfIssue(error.issueType),
      code: error.code,
      issueType: error.issueType,
      message: error.message,
      ...(error.expression ? { expression: error.expression } : {}),
      headers: {},
    };
  }
  if (error instanceof HttpError) {
    return {
      status: error.status,
      code: error.code,
      issueType: issueOfStatus(error.status),
      message: error.message,
      headers: error.headers,
    };
  }
  if (error instanceof HcpcsError && error.code !== 'HCPCS_E_INTERNAL') {
    return {
      status: statusOfIssue(issueTypeOf(error.code)),
      code: error.code,
      issueType: issueTypeOf(error.code),
      message: error.message,
      headers: {},
    };
  }
  if (error instanceof HTTPException && error.status < 500) {
    return {
      status: error.status as ContentfulStatusCode,
      code: errorCodeOfIssue(issueOfStatus(error.status)),
      issueType: issueOfStatus(error.status),
      message: error.message || 'bad request',
      headers: {},
    };
  }
  return {
    status: 500,
    code: 'HCPCS_E_INTERNAL',
    issueType: 'exception',
    message: 'internal error: the server could not answer this request (it has been logged)',
    headers: {},
  };
}

/** Whether a path is answered in FHIR's terms. */
export function isFhirPath(path: string): boolean {
  return path === '/fhir' || path.startsWith('/fhir/');
}

/**
 * The response for an error: OperationOutcome under /fhir, `{code, message}` elsewhere.
 * @example app.onError((error, c) => errorResponse(c, error))
 */
export function errorResponse(c: Context, error: unknown): Response {
  const problem = problemOf(error);
  if (problem.code === 'HCPCS_E_INTERNAL') {
    // Logged for the operator, never sent to the client; a 503 of load management is no fault.
    process.stderr.write(
      `hcpcs serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  c.header('Cache-Control', 'no-store');
  if (isFhirPath(c.req.path)) {
    const body = operationOutcome(
      problem.issueType,
      problem.message,
      problem.expression ? { expression: problem.expression } : {},
    );
    return c.body(JSON.stringify(body), problem.status, { 'Content-Type': FHIR_JSON });
  }
  return c.json({ code: problem.code, message: problem.message }, problem.status);
}

/** Whether an error is answered as a page: a browser asking for HTML outside /api, /fhir and /openapi.json. */
function wantsHtml(c: Context): boolean {
  const p = c.req.path;
  return (
    !p.startsWith('/api/') &&
    p !== '/api' &&
    !p.startsWith('/fhir') &&
    p !== '/openapi.json' &&
    (c.req.header('accept') ?? '').includes('text/html')
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The app's error handler: {@link errorResponse}, or the same status and headers as a small HTML
 * page for a browser outside /api and /fhir.
 * @example app.onError(errorHandler)
 */
export function errorHandler(error: unknown, c: Context): Response {
  if (!wantsHtml(c)) return errorResponse(c, error);
  const res = errorResponse(c, error);
  const message = error instanceof Error && res.status < 500 ? error.message : 'internal error';
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${res.status}</title></head><body><h1>Error ${res.status}</h1><p>${escapeHtml(message)}</p><p><a href="/">HCPCS home</a></p></body></html>`,
    res.status as ContentfulStatusCode,
    Object.fromEntries([...res.headers].filter(([name]) => !/^content-(type|length)$/i.test(name))),
  );
}

/** A path nothing answers: 404 naming where to look, through {@link errorHandler}. */
export function notFoundHandler(c: Context): Response {
  const path = c.req.path;
  const what = path.startsWith('/fhir')
    ? 'FHIR resource or operation (see /fhir/metadata)'
    : path.startsWith('/api')
      ? 'API path (see /openapi.json)'
      : 'page';
  return errorHandler(new HttpError(404, `${c.req.method} ${path.slice(0, 200)}: no such ${what}`), c);
}

function zodMessage(error: z.ZodError, target: string): string {
  const issue = error.issues[0];
  if (!issue) return `${target}: invalid`;
  const where = issue.path.length > 0 ? issue.path.join('.') : target;
  const kind = target === 'param' ? 'path parameter' : target === 'query' ? 'parameter' : target;
  const message = /received undefined$/.test(issue.message) ? 'required' : issue.message;
  return `${kind} ${where}: ${message}`;
}

/**
 * The routes' validation hook: a request that breaks its zod schema is a 400 naming the parameter.
 * @example new OpenAPIHono({ defaultHook: validationHook })
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
): void {
  if (!result.success) throw new HttpError(400, zodMessage(result.error, result.target));
}
