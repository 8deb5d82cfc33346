/**
 * `GET /api/hcpcs/v3/search`: the NLM Clinical Tables HCPCS API, answered from this server's data
 * and search, so that an existing autocompleter or client works by changing only the base URL.
 *
 * Parameters as NLM documents them: `terms` (required; each word a prefix, all must match),
 * `maxList` (default 7, at most 500; empty = 500), `count` / `offset` (paging, default 7 / 0),
 * `df` (display fields, default `code,display`), `cf` (code field, default `code`), `ef` (extra
 * fields, `field` or `field:alias`), `sf` (search fields: accepted; the search covers code, short
 * and long description), and `q` (see {@link parseQ}). Fields: code, display (= long description),
 * short_desc, long_desc, add_dt, act_eff_dt, term_dt (YYYYMMDD, as in the CMS file), obsolete
 * (terminated at the release's effective date), is_noc. Answer: `[total, codes, extra|null, rows]`.
 * Hits are ranked by this server's search; when no code matches every word, the answer is empty,
 * as NLM's AND-match would be. An extra `release` parameter picks a release (default: latest).
 */

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { fitsCodeField, normalizeCode } from '../../code.js';
import { conceptIndex } from '../../fhir/concept-index.js';
import type { HcpcsRecord } from '../../model.js';
import { type SearchHit, type SearchOptions, searchCodes } from '../../search/index.js';
import type { HcpcsStore } from '../../store/store.js';
import { routeQuery } from '../http/cache.js';
import { HttpError } from '../http/http-error.js';
import { methodNotAllowed } from '../http/security.js';
import { requestedRelease } from './code-lookup.js';
import { ErrorSchema, MAX_PARAM_LENGTH } from './schemas.js';

export const NLM_FIELDS = [
  'code',
  'display',
  'short_desc',
  'long_desc',
  'add_dt',
  'act_eff_dt',
  'term_dt',
  'obsolete',
  'is_noc',
] as const;
type NlmField = (typeof NLM_FIELDS)[number];

const NLM_MAX = 500;
/** The query parameters of the NLM search; any other is refused with 400. */
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
  'release',
]);

const compact = (iso: string | null) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : iso;

function fieldValue(
  field: NlmField,
  hit: SearchHit,
  record: HcpcsRecord | undefined,
): string | boolean | null {
  switch (field) {
    case 'code':
      return hit.code;
    case 'display':
    case 'long_desc':
      return hit.longDescription;
    case 'short_desc':
      return hit.shortDescription;
    case 'add_dt':
      return compact(record?.addedDate ?? null);
    case 'act_eff_dt':
      return compact(record?.actionEffectiveDate ?? null);
    case 'term_dt':
      return compact(record?.terminationDate ?? null);
    case 'obsolete':
      return hit.status === 'terminated';
    case 'is_noc':
      return hit.noc;
  }
}

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

interface QFilter {
  readonly options: SearchOptions;
  readonly textFilters: { field: 'short_desc' | 'long_desc' | 'display'; value: string; prefix: boolean }[];
}

/**
 * The supported part of NLM's `q` (an Elasticsearch query string): `field:value` clauses joined by
 * spaces or AND, with `code:J16*` (prefix), `obsolete:true|false`, `is_noc:true|false`, and
 * `short_desc:`, `long_desc:`, `display:` word (`*` for a prefix). Anything else is refused with a
 * 400 that says so, rather than ignored.
 */
export function parseQ(q: string | undefined): QFilter {
  const options: SearchOptions = {};
  const textFilters: QFilter['textFilters'] = [];
  if (q === undefined || q.trim() === '') return { options, textFilters };
  const clauses = (q.match(/[^\s"]+:"[^"]*"|\S+/g) ?? []).filter((t) => t !== 'AND');
  for (const clause of clauses) {
    const m = /^(code|obsolete|is_noc|short_desc|long_desc|display):(?:"([\w .\-/]+)"|([\w.\-/]+\*?))$/.exec(
      clause,
    );
    if (!m) {
      throw new HttpError(
        400,
        `q: "${clause.slice(0, 60)}" is not supported: use field:value clauses joined by spaces or AND (code:J16*, obsolete:false, is_noc:true, short_desc:word*, long_desc:word*, display:word*)`,
      );
    }
    const field = m[1] as string;
    const value = (m[2] ?? m[3] ?? '').trim();
    if (field === 'code') {
      const prefix = value.endsWith('*');
      const code = normalizeCode(value.replace(/\*$/, ''));
      if (!fitsCodeField(code))
        throw new HttpError(400, `q: code:${value.slice(0, 20)} is not a code or code prefix`);
      options.range = prefix ? code : `${code}-${code}`;
    } else if (field === 'obsolete' || field === 'is_noc') {
      if (value !== 'true' && value !== 'false') throw new HttpError(400, `q: ${field} is true or false`);
      if (field === 'obsolete') options.status = value === 'true' ? 'terminated' : 'active';
      else options.noc = value === 'true';
    } else {
      textFilters.push({
        field: field as 'short_desc' | 'long_desc' | 'display',
        value: value.replace(/\*$/, '').toLowerCase(),
        prefix: value.endsWith('*'),
      });
    }
  }
  return { options, textFilters };
}

function textMatches(hit: SearchHit, filter: QFilter['textFilters'][number]): boolean {
  const text = (filter.field === 'short_desc' ? hit.shortDescription : hit.longDescription) ?? '';
  const words = text.toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => (filter.prefix ? w.startsWith(filter.value) : w === filter.value));
}

/**
 * The NLM-compatible answer.
 * @example nlmSearch(c, store) // [12, ['E1161', ...], null, [['E1161', 'Manual adult size wheelchair, ...'], ...]]
 */
export function nlmSearch(c: Context, store: HcpcsStore): unknown[] {
  for (const name of Object.keys(c.req.queries())) {
    if (!NLM_PARAMETERS.has(name)) {
      throw new HttpError(
        400,
        `${name.slice(0, 40)}: not a parameter of this API (it takes ${[...NLM_PARAMETERS].join(', ')})`,
      );
    }
  }
  const terms = c.req.query('terms');
  if (terms === undefined) throw new HttpError(400, 'terms: required (the words or code to search for)');
  if (terms.length > MAX_PARAM_LENGTH)
    throw new HttpError(400, `terms: longer than ${MAX_PARAM_LENGTH} characters`);
  const q = c.req.query('q');
  if (q !== undefined && q.length > MAX_PARAM_LENGTH)
    throw new HttpError(400, `q: longer than ${MAX_PARAM_LENGTH} characters`);
  const paging = c.req.query('count') !== undefined || c.req.query('offset') !== undefined;
  const count = paging ? integer(c, 'count', 7, NLM_MAX) : integer(c, 'maxList', 7, NLM_MAX);
  const offset = paging ? integer(c, 'offset', 0, 1_000_000) : 0;
  const display = fields(c.req.query('df'), 'df', ['code', 'display']);
  const [codeField] = fields(c.req.query('cf'), 'cf', ['code']);
  const extra = c.req.query('ef') ? fields(c.req.query('ef'), 'ef', []) : [];
  fields(c.req.query('sf'), 'sf', ['code', 'display']);
  const release = requestedRelease(store, c.req.query('release'));
  const filter = parseQ(q);

  if (terms.trim() === '')
    return [0, [], extra.length ? Object.fromEntries(extra.map((e) => [e.alias, []])) : null, []];
  // NLM's terms are an AND of word prefixes: only records matching every word (no partial hits).
  const options: SearchOptions = { ...filter.options, release: release.key, partial: false };
  let total: number;
  let hits: SearchHit[];
  if (filter.textFilters.length === 0) {
    const result = searchCodes(store, terms, { ...options, limit: Math.max(count, 1), offset });
    const complete = !result.partial;
    total = complete ? result.total : 0;
    hits = complete && count > 0 ? result.hits : [];
  } else {
    // Description clauses filter the ranked hits: read them all (in pages of 1,000), then page.
    const all: SearchHit[] = [];
    for (let at = 0; ; at += 1000) {
      const page = searchCodes(store, terms, { ...options, limit: 1000, offset: at });
      if (page.partial) break;
      all.push(...page.hits.filter((h) => filter.textFilters.every((f) => textMatches(h, f))));
      if (at + 1000 >= page.total) break;
    }
    total = all.length;
    hits = all.slice(offset, offset + count);
  }
  const records = conceptIndex(store, release).records;
  const codes = hits.map((h) => fieldValue(codeField?.field ?? 'code', h, records.get(h.code)));
  const extraData = extra.length
    ? Object.fromEntries(
        extra.map((e) => [e.alias, hits.map((h) => fieldValue(e.field, h, records.get(h.code)))]),
      )
    : null;
  const rows = hits.map((h) =>
    display.map((d) => {
      const v = fieldValue(d.field, h, records.get(h.code));
      return v === null ? '' : String(v);
    }),
  );
  return [total, codes, extraData, rows];
}

const nlmRoute = createRoute({
  method: 'get',
  path: '/api/hcpcs/v3/search',
  tags: ['NLM Clinical Tables compatible'],
  summary: 'Search as the NLM Clinical Tables HCPCS API does (drop-in: change only the base URL)',
  description: `Answer: [total, codes, extraData or null, displayRows]. Fields: ${NLM_FIELDS.join(', ')}. q supports code:J16*, obsolete:true|false, is_noc:true|false, short_desc:/long_desc:/display: word (with * for a prefix).`,
  request: {
    query: z.object({
      terms: z.string().max(MAX_PARAM_LENGTH).openapi({ example: 'wheelchair' }),
      maxList: z
        .string()
        .optional()
        .openapi({ description: 'results wanted (default 7, at most 500; empty = 500)' }),
      count: z.string().optional().openapi({ description: 'page size (default 7, at most 500)' }),
      offset: z.string().optional().openapi({ description: 'results to skip (default 0)' }),
      q: z.string().optional(),
      df: z.string().optional().openapi({ description: 'display fields (default code,display)' }),
      sf: z.string().optional(),
      cf: z.string().optional().openapi({ description: 'code field (default code)' }),
      ef: z
        .string()
        .optional()
        .openapi({ description: 'extra fields, field or field:alias, comma-separated' }),
      release: z.string().optional(),
    }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.array(z.unknown()) } },
      description: '[total, codes, extra, rows]',
    },
    400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'bad parameter' },
  },
});

/**
 * Registers `GET /api/hcpcs/v3/search` (405 for other methods); any parameter NLM does not define
 * is refused before the answer cache can keep it.
 * @example registerNlm(app, store)
 */
export function registerNlm(app: OpenAPIHono, store: HcpcsStore): void {
  app.use(nlmRoute.getRoutingPath(), routeQuery(NLM_PARAMETERS));
  app.openapi(nlmRoute, (c) => c.json(nlmSearch(c, store), 200));
  app.all(nlmRoute.getRoutingPath(), methodNotAllowed(['GET']));
}
