/**
 * `GET /api/hcpcs/v3/search`: the NLM Clinical Tables HCPCS API
 * (https://clinicaltables.nlm.nih.gov/apidoc/hcpcs/v3/doc.html), answered from this server's data
 * by NLM's documented rules (src/search/nlm), so that an existing autocompleter or client works by
 * changing only the base URL.
 *
 * NLM's parameters: `terms` (each word a prefix, all required), `maxList` (default 7, at most 500;
 * empty = 500), `count` / `offset` (paging: count at most 500, offset + count at most 7,500),
 * `q` (Elasticsearch query string), `df` (display fields, default `code,display`), `sf` (search
 * fields, default `code,display`), `cf` (code field, default `code`), `ef` (extra fields, `field`
 * or `field:alias`). The total is capped at 10,000 as NLM's is. autocomplete-lhc's
 * `suggest=1&field_val=...` gets suggestions `[codes, displayRows, extra|null]`. Parameters NLM
 * does not know (jQuery's `_=`, say) are ignored, as NLM ignores them. Ours: `release` (default the
 * latest) and `fuzzy=1` (this server's typo-tolerant ranked search for `terms`).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  matchesQuery,
  NLM_FIELDS,
  type NlmDocument,
  type NlmField,
  type NlmValue,
  nlmMatches,
  nlmSuggestions,
  parseQueryString,
  QueryStringError,
} from '../../search/nlm/index.js';
import type { HcpcsStore } from '../../store/store.js';
import { routeQuery } from '../http/cache.js';
import { HttpError } from '../http/http-error.js';
import { methodNotAllowed } from '../http/security.js';
import { requestedRelease } from './code-lookup.js';
import { ErrorSchema, json, MAX_PARAM_LENGTH } from './schemas.js';

export { NLM_FIELDS } from '../../search/nlm/index.js';

const NLM_MAX = 500;
/** NLM's paging limit on offset + count (its count/offset documentation; see the README). */
const NLM_MAX_WINDOW = 7500;
/** NLM reports at most 10,000 as the total (its documentation of the answer; see the README). */
const NLM_MAX_TOTAL = 10_000;

/** The query parameters this route reads (for the answer cache); any other is ignored. */
export const NLM_PARAMETERS: ReadonlySet<string> = new Set([
  'terms',
  'maxList',
  'count',
  'offset',
  'q',
  'df',
  'sf',
  'cf',
  'ef',
  'suggest',
  'field_val',
  'release',
  'fuzzy',
]);

function fields(
  text: string | undefined,
  name: string,
  fallback: NlmField[],
): { field: NlmField; alias: string }[] {
  if (text === undefined || text.trim() === '') return fallback.map((f) => ({ field: f, alias: f }));
  return text.split(',').map((part) => {
    const [field, alias] = part.trim().split(':');
    if (!NLM_FIELDS.includes(field as NlmField)) {
      throw new HttpError(
        400,
        `${name}: "${(field ?? '').slice(0, 40)}" is not a field (fields: ${NLM_FIELDS.join(', ')})`,
      );
    }
    return { field: field as NlmField, alias: alias?.trim() || (field as string) };
  });
}

function integer(c: Context, name: string, fallback: number, max: number): number {
  const text = c.req.query(name);
  if (text === undefined) return fallback;
  if (text === '' && name === 'maxList') return NLM_MAX;
  if (!/^\d{1,7}$/.test(text) || Number(text) > max) {
    throw new HttpError(400, `${name}: "${text.slice(0, 20)}" is not a whole number from 0 to ${max}`);
  }
  return Number(text);
}

function text(c: Context, name: string): string | undefined {
  const value = c.req.query(name);
  if (value !== undefined && value.length > MAX_PARAM_LENGTH)
    throw new HttpError(400, `${name}: longer than ${MAX_PARAM_LENGTH} characters`);
  return value;
}

function flag(c: Context, name: string): boolean {
  const value = c.req.query(name);
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '' || value === '1' || value === 'true') return true;
  throw new HttpError(400, `${name}: "${value.slice(0, 20)}" is not 1 or 0`);
}

function columns(docs: readonly NlmDocument[], spec: { field: NlmField; alias: string }[]) {
  return Object.fromEntries(spec.map((e) => [e.alias, docs.map((d) => d.values[e.field])]));
}

const displayRow = (doc: NlmDocument, display: { field: NlmField }[]) =>
  display.map((d) => {
    const v: NlmValue = doc.values[d.field];
    return v === null ? '' : String(v);
  });

/**
 * The NLM-compatible answer: `[total, codes, extra|null, displayRows]`, or for `suggest=1`
 * `[codes, displayRows, extra|null]`.
 * @example nlmSearch(c, store) // [1, ['J1640'], null, [['J1640', 'Injection, hemin, 1 mg']]]
 */
export function nlmSearch(c: Context, store: HcpcsStore): unknown[] {
  const terms = text(c, 'terms');
  const q = text(c, 'q');
  const fieldVal = text(c, 'field_val');
  const suggest = c.req.query('suggest') === '1';
  if (terms === undefined && q === undefined && !suggest)
    throw new HttpError(400, 'parameter terms: required');
  const paging = c.req.query('count') !== undefined || c.req.query('offset') !== undefined;
  const count = paging ? integer(c, 'count', 7, NLM_MAX) : integer(c, 'maxList', 7, NLM_MAX);
  const offset = paging ? integer(c, 'offset', 0, NLM_MAX_WINDOW) : 0;
  if (offset + count > NLM_MAX_WINDOW)
    throw new HttpError(
      400,
      `offset + count: ${offset + count} is more than ${NLM_MAX_WINDOW}, NLM's paging limit`,
    );
  const display = fields(c.req.query('df'), 'df', ['code', 'display']);
  const [codeField] = fields(c.req.query('cf'), 'cf', ['code']);
  const extra = c.req.query('ef') ? fields(c.req.query('ef'), 'ef', []) : [];
  const searchFields = fields(c.req.query('sf'), 'sf', ['code', 'display']).map((f) => f.field);
  const fuzzy = flag(c, 'fuzzy');
  const release = requestedRelease(store, c.req.query('release'));
  let query: ReturnType<typeof parseQueryString> | undefined;
  try {
    query = q === undefined || q.trim() === '' ? undefined : parseQueryString(q);
  } catch (error) {
    if (error instanceof QueryStringError) throw new HttpError(400, error.message);
    throw error;
  }
  const codeOf = (d: NlmDocument) => d.values[codeField?.field ?? 'code'];
  const extraOf = (docs: readonly NlmDocument[]) => (extra.length ? columns(docs, extra) : null);

  if (suggest) {
    const found = nlmSuggestions(store, release.key, fieldVal ?? terms ?? '', count).filter(
      (d) => !query || matchesQuery(d, query),
    );
    return [found.map(codeOf), found.map((d) => displayRow(d, display)), extraOf(found)];
  }
  const matches = nlmMatches(store, release.key, { terms: terms ?? '', searchFields, query, fuzzy });
  const page = matches.slice(offset, offset + count);
  return [
    Math.min(matches.length, NLM_MAX_TOTAL),
    page.map(codeOf),
    extraOf(page),
    page.map((d) => displayRow(d, display)),
  ];
}

const nlmRoute = createRoute({
  method: 'get',
  path: '/api/hcpcs/v3/search',
  tags: ['NLM Clinical Tables compatible'],
  summary: 'Search as the NLM Clinical Tables HCPCS API does (drop-in: change only the base URL)',
  description: `Answer: [total (at most 10,000), codes, extraData or null, displayRows]; with suggest=1, [codes, displayRows, extraData or null]. Fields: ${NLM_FIELDS.join(', ')}. Matching follows NLM's documented rules: each word of terms is a prefix, all are required, in the sf fields; q is an Elasticsearch query string (see the README for what is supported). Unknown parameters are ignored.`,
  request: {
    query: z.object({
      terms: z.string().max(MAX_PARAM_LENGTH).optional().openapi({ example: 'wheelchair' }),
      maxList: z
        .string()
        .optional()
        .openapi({ description: 'results wanted (default 7, at most 500; empty = 500)' }),
      count: z.string().optional().openapi({ description: 'page size (default 7, at most 500)' }),
      offset: z
        .string()
        .optional()
        .openapi({ description: 'results to skip (default 0; offset + count at most 7,500)' }),
      q: z
        .string()
        .optional()
        .openapi({ description: 'Elasticsearch query string, e.g. code:J16* AND NOT obsolete:true' }),
      df: z.string().optional().openapi({ description: 'display fields (default code,display)' }),
      sf: z.string().optional().openapi({ description: 'search fields for terms (default code,display)' }),
      cf: z.string().optional().openapi({ description: 'code field (default code)' }),
      ef: z
        .string()
        .optional()
        .openapi({ description: 'extra fields, field or field:alias, comma-separated' }),
      suggest: z
        .string()
        .optional()
        .openapi({ description: '1: suggestions for field_val (autocomplete-lhc)' }),
      field_val: z.string().optional(),
      fuzzy: z.string().optional().openapi({
        description: "ours: 1 for this server's typo-tolerant ranked search instead of NLM's prefixes",
      }),
      release: z.string().optional(),
    }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.array(z.unknown()) } },
      description: '[total, codes, extra, rows]',
    },
    400: json(ErrorSchema, 'bad parameter'),
  },
});

/**
 * Registers `GET /api/hcpcs/v3/search` (405 for other methods); only the parameters it reads key
 * the answer cache.
 * @example registerNlm(app, store)
 */
export function registerNlm(app: OpenAPIHono, store: HcpcsStore): void {
  app.use(nlmRoute.getRoutingPath(), routeQuery(NLM_PARAMETERS));
  app.openapi(nlmRoute, (c) => c.json(nlmSearch(c, store), 200));
  app.all(nlmRoute.getRoutingPath(), methodNotAllowed(['GET']));
}
