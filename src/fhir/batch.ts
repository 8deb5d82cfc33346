/**
 * A batch Bundle at the server base (FHIR R4 http.html#transaction, "batch"): each entry is a
 * request (GET a read, a search or an operation; POST an operation with its Parameters) answered
 * on its own, in order, into a `batch-response` Bundle whose entries carry the answer and its
 * status; one entry's failure is its OperationOutcome and does not fail the others. A
 * `transaction` is refused: this server is read-only, so there is nothing to commit together.
 */
import type { Bundle, BundleEntry, FhirResource } from 'fhir/r4.js';
import { FhirError, operationOutcome } from '../outcomes.js';

/** Most entries one batch may hold. */
export const MAX_BATCH_ENTRIES = 100;

export interface BatchCall {
  readonly method: 'GET' | 'POST';
  /** Relative to the FHIR base, e.g. `CodeSystem/$lookup?code=J1640`. */
  readonly url: string;
  readonly resource?: unknown;
}

export interface BatchAnswer {
  readonly status: number;
  readonly resource: FhirResource | undefined;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request of one entry, or the reason it cannot be run. */
function callOf(entry: unknown, i: number, base: string): BatchCall | string {
  const where = `Bundle.entry[${i}].request`;
  if (!isObject(entry) || !isObject(entry.request)) return `${where}: each entry needs a request`;
  const { method, url } = entry.request;
  if (method !== 'GET' && method !== 'POST') {
    return `${where}.method: ${String(method).slice(0, 10)} is not supported in a batch here (GET or POST: this server is read-only)`;
  }
  if (typeof url !== 'string' || url.length === 0) return `${where}.url: a relative URL is needed`;
  let relative = url.startsWith(`${base}/`) ? url.slice(base.length + 1) : url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return `${where}.url: ${url.slice(0, 80)} is not on this server`;
  relative = relative.replace(/^\/+/, '');
  if (relative === '' || relative.startsWith('?')) return `${where}.url: a batch cannot hold another batch`;
  return { method, url: relative, ...(method === 'POST' ? { resource: entry.resource } : {}) };
}

/**
 * Runs a batch Bundle with `run` answering each entry.
 * @example await runBatch(bundle, base, run) // { resourceType: 'Bundle', type: 'batch-response', entry: [...] }
 */
export async function runBatch(
  body: unknown,
  base: string,
  run: (call: BatchCall) => Promise<BatchAnswer>,
): Promise<Bundle> {
  if (!isObject(body) || body.resourceType !== 'Bundle') {
    throw new FhirError('structure', 'POST to the FHIR base takes a Bundle of type batch', 'Bundle');
  }
  if (body.type === 'transaction') {
    throw new FhirError(
      'not-supported',
      'Bundle.type transaction: this server is read-only and answers batch Bundles only',
      'Bundle.type',
    );
  }
  if (body.type !== 'batch') {
    throw new FhirError(
      'invalid',
      `Bundle.type: "${String(body.type).slice(0, 20)}" is not batch`,
      'Bundle.type',
    );
  }
  const entries = body.entry ?? [];
  if (!Array.isArray(entries))
    throw new FhirError('structure', 'Bundle.entry must be an array', 'Bundle.entry');
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new FhirError(
      'too-costly',
      `a batch holds at most ${MAX_BATCH_ENTRIES} entries (this one ${entries.length})`,
      'Bundle.entry',
    );
  }
  const out: BundleEntry[] = [];
  // One after the other: the entries share the server's one thread and its build budget.
  for (const [i, entry] of entries.entries()) {
    const call = callOf(entry, i, base);
    const answer: BatchAnswer =
      typeof call === 'string'
        ? {
            status: 400,
            resource: operationOutcome('invalid', call, { expression: `Bundle.entry[${i}].request` }),
          }
        : await run(call);
    const failed = answer.resource?.resourceType === 'OperationOutcome' && answer.status >= 400;
    out.push({
      ...(answer.resource && !failed ? { resource: answer.resource } : {}),
      response: {
        status: `${answer.status} ${REASONS[answer.status] ?? ''}`.trim(),
        ...(failed ? { outcome: answer.resource } : {}),
      },
    });
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry: out };
}
