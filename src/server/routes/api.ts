/**
 * The JSON API under /api, declared with @hono/zod-openapi so that the same zod schemas validate
 * requests and generate /openapi.json.
 */
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { fitsCodeField, normalizeCode, notACodeMessage } from '../../code.js';
import { formatLocation, HcpcsError } from '../../errors.js';
import { historyContext } from '../../history/context.js';
import { codeViewWithCorrections } from '../../history/corrected-view.js';
import { checkCode, codeHistory, diffReleases, diffToCsv } from '../../history/index.js';
import { searchCodes } from '../../search/search-codes.js';
import type { HcpcsStore } from '../../store/store.js';
import { routeQuery } from '../http/cache.js';
import { HttpError } from '../http/http-error.js';
import { type Limits, methodNotAllowed, requireContentType, utf8Text } from '../http/security.js';
import { registerBatchCheck } from './check.js';
import { lookupCodes, requestedRelease } from './code-lookup.js';
import { dictionary } from './dictionary.js';
import {
  CheckQuery,
  CheckResultSchema,
  CodeBatchSchema,
  CodeParam,
  CodesQuery,
  CodeViewSchema,
  DictionarySchema,
  DiffQuery,
  DiffSchema,
  ErrorSchema,
  HistorySchema,
  json,
  LookupBody,
  ReleaseDetailSchema,
  ReleaseIdParam,
  ReleaseQuery,
  ReleaseSchema,
  SearchQuery,
  SearchResultSchema,
} from './schemas.js';

const errors = {
  400: json(ErrorSchema, 'bad request: the message names the parameter and what is wrong'),
  404: json(ErrorSchema, 'not found'),
};

const getCode = createRoute({
  method: 'get',
  path: '/api/codes/{code}',
  tags: ['codes'],
  summary: 'One code with decoded meanings, definitions, status and processing note',
  request: { params: CodeParam, query: ReleaseQuery },
  responses: { 200: json(CodeViewSchema, 'the code'), ...errors },
});

const getCodes = createRoute({
  method: 'get',
  path: '/api/codes',
  tags: ['codes'],
  summary: 'Up to 1,000 codes in one call',
  request: { query: CodesQuery },
  responses: { 200: json(CodeBatchSchema, 'the codes found and the codes not found'), ...errors },
});

const postLookup = createRoute({
  method: 'post',
  path: '/api/codes/lookup',
  tags: ['codes'],
  summary: 'Up to 1,000 codes in one call (JSON body)',
  request: { body: { content: { 'application/json': { schema: LookupBody } }, required: true } },
  responses: {
    200: json(CodeBatchSchema, 'the codes found and the codes not found'),
    ...errors,
    413: json(ErrorSchema, 'body too large'),
    415: json(ErrorSchema, 'not application/json'),
  },
});

const getHistory = createRoute({
  method: 'get',
  path: '/api/codes/{code}/history',
  tags: ['history'],
  summary: 'The code through every imported release: lifecycle events and field changes',
  request: { params: CodeParam },
  responses: { 200: json(HistorySchema, 'the timeline'), ...errors },
});

const getSearch = createRoute({
  method: 'get',
  path: '/api/search',
  tags: ['search'],
  summary: 'Search codes and descriptions',
  request: { query: SearchQuery },
  responses: { 200: json(SearchResultSchema, 'ranked hits and the total'), ...errors },
});

const getReleases = createRoute({
  method: 'get',
  path: '/api/releases',
  tags: ['releases'],
  summary: 'Imported releases with source files, sha256 and counts (oldest first)',
  responses: { 200: json(ReleaseSchema.array(), 'the releases') },
});

const getRelease = createRoute({
  method: 'get',
  path: '/api/releases/{id}',
  tags: ['releases'],
  summary: 'One release with its README, record layout text and workbook reconciliation',
  request: { params: ReleaseIdParam },
  responses: { 200: json(ReleaseDetailSchema, 'the release'), ...errors },
});

const getDiff = createRoute({
  method: 'get',
  path: '/api/diff',
  tags: ['history'],
  summary: 'Field-level changes between two releases (JSON, or CSV with format=csv)',
  request: { query: DiffQuery },
  responses: {
    200: {
      content: { 'application/json': { schema: DiffSchema }, 'text/csv': { schema: { type: 'string' } } },
      description: 'the diff',
    },
    ...errors,
  },
});

const getCheck = createRoute({
  method: 'get',
  path: '/api/check',
  tags: ['history'],
  summary: 'Is a code (with modifiers) valid on a date of service?',
  request: { query: CheckQuery },
  responses: { 200: json(CheckResultSchema, 'the answer with reasons'), ...errors },
});

const getDictionary = createRoute({
  method: 'get',
  path: '/api/dictionary',
  tags: ['dictionary'],
  summary: 'Every field of the CMS record layout with its definition, and every code table',
  responses: { 200: json(DictionarySchema, 'fields and code tables') },
});

/** Every path of the JSON API with the methods it answers (for 405 answers). */
const API_PATHS: Readonly<Record<string, readonly string[]>> = {
  '/api/codes/:code': ['GET'],
  '/api/codes': ['GET'],
  '/api/codes/lookup': ['POST'],
  '/api/codes/:code/history': ['GET'],
  '/api/search': ['GET'],
  '/api/releases': ['GET'],
  '/api/releases/:id': ['GET'],
  '/api/diff': ['GET'],
  '/api/check': ['GET', 'POST'],
  '/api/dictionary': ['GET'],
};

/**
 * Registers the JSON API routes on the app.
 * @example registerApi(app, store, DEFAULT_LIMITS)
 */
export function registerApi(app: OpenAPIHono, store: HcpcsStore, limits: Limits): void {
  const layoutDictionary = dictionary();

  // The lookup's body: JSON up to maxBodyBytes, as application/json only.
  app.use('/api/codes/lookup', async (c, next) => {
    if (c.req.method === 'POST') requireContentType(c, ['application/json']);
    await next();
  });
  app.use(
    '/api/codes/lookup',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: () => {
        throw new HttpError(413, `the request body is larger than ${limits.maxBodyBytes} bytes`);
      },
    }),
  );
  app.all('/api/codes/lookup', async (c, next) => {
    if (c.req.method !== 'POST') return methodNotAllowed(['POST'])(c, next);
    // Read (and kept by Hono for the JSON validator) and checked as UTF-8 first: the validator's
    // own decoding would turn invalid bytes into U+FFFD.
    utf8Text(await c.req.arrayBuffer());
    await next();
  });

  // The parameters each read route takes, from the schemas that validate them: the answer cache
  // keeps no answer to a target with others (zod ignores them, so every junk value would be a
  // new entry). Registered before the routes, so that they run first.
  const readRoutes: [{ getRoutingPath(): string }, z.ZodObject | undefined][] = [
    [getCode, ReleaseQuery],
    [getCodes, CodesQuery],
    [getHistory, undefined],
    [getSearch, SearchQuery],
    [getReleases, undefined],
    [getRelease, undefined],
    [getDiff, DiffQuery],
    [getCheck, CheckQuery],
    [getDictionary, undefined],
  ];
  for (const [route, query] of readRoutes)
    app.use(route.getRoutingPath(), routeQuery(query ? Object.keys(query.shape) : []));

  // The lookup route comes before /api/codes/{code} so that "lookup" is never read as a code.
  app.openapi(
    postLookup,
    async (c) => {
      const body = c.req.valid('json');
      return c.json(lookupCodes(store, body.codes, body.release, limits.maxLookupCodes), 200);
    },
    // A body that is not JSON or breaks the schema: the validator's hook answers 400.
  );

  app.openapi(getCode, (c) => {
    const { code } = c.req.valid('param');
    const release = requestedRelease(store, c.req.valid('query').release);
    return c.json(codeViewWithCorrections(store, release, code), 200);
  });

  app.openapi(getCodes, (c) => {
    const { codes, release } = c.req.valid('query');
    return c.json(lookupCodes(store, codes.split(/[\s,]+/), release, limits.maxLookupCodes), 200);
  });

  app.openapi(getHistory, (c) => {
    const code = normalizeCode(c.req.valid('param').code);
    // One character is no code nor modifier; the lookup routes report it as not in the release.
    if (code.length < 2 || !fitsCodeField(code)) throw new HcpcsError('HCPCS_E_USAGE', notACodeMessage(code));
    const history = codeHistory(store, code);
    if (history.firstSeen === null) {
      throw new HcpcsError('HCPCS_E_NOT_FOUND', `${code} is in no imported release`);
    }
    return c.json(history, 200);
  });

  app.openapi(getSearch, (c) => {
    const q = c.req.valid('query');
    const result = searchCodes(store, q.q, {
      ...(q.release !== undefined ? { release: q.release } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.offset !== undefined ? { offset: q.offset } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.date !== undefined ? { date: q.date } : {}),
      // A date of service asks "what can I bill then": the codes in effect on it first, as the pages do.
      ...(q.order !== undefined
        ? { order: q.order }
        : q.date !== undefined
          ? { order: 'in-effect-first' as const }
          : {}),
      ...(q.kind !== undefined ? { kind: q.kind } : {}),
      ...(q.range !== undefined ? { range: q.range } : {}),
      ...(q.betos !== undefined ? { betos: q.betos } : {}),
      ...(q.coverage !== undefined ? { coverage: q.coverage } : {}),
      ...(q.pricingIndicator !== undefined ? { pricingIndicator: q.pricingIndicator } : {}),
      ...(q.noc !== undefined ? { noc: q.noc === 'true' } : {}),
    });
    return c.json(result, 200);
  });

  app.openapi(getReleases, (c) => c.json(store.releases(), 200));

  app.openapi(getRelease, (c) => {
    const id = c.req.valid('param').id;
    const release = store.release(store.resolveRelease(id) as string);
    if (!release) throw new HcpcsError('HCPCS_E_NOT_FOUND', `release ${id} is not imported`);
    const index = historyContext(store).corrections();
    const correctionsLists = index
      .listsOfQuarter(release.id)
      .map(({ release: listRelease, file, entries, error, supersededBy }) => ({
        release: listRelease,
        file,
        entries,
        error,
        ...(supersededBy ? { supersededBy } : {}),
      }));
    const corrections = index
      .ofQuarter(release.id)
      .map(({ code, kind, action, effectiveDate, effectiveDateAsWritten, values, comments, location }) => ({
        code,
        kind,
        action,
        effectiveDate,
        effectiveDateAsWritten,
        values,
        comments,
        source: formatLocation(location),
      }));
    return c.json({ ...release, corrections, correctionsLists }, 200);
  });

  app.openapi(getDiff, (c) => {
    const q = c.req.valid('query');
    const diff = diffReleases(store, q.from, q.to, { includeActionFields: q.actionFields === 'true' });
    if (q.format === 'csv') {
      return c.body(diffToCsv(store, diff), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="hcpcs-diff-${diff.from}-${diff.to}.csv"`,
      });
    }
    return c.json(diff, 200);
  });

  app.openapi(getCheck, (c) => {
    const q = c.req.valid('query');
    const modifiers = q.modifier === undefined ? [] : Array.isArray(q.modifier) ? q.modifier : [q.modifier];
    const result = checkCode(store, {
      code: q.code,
      ...(q.date !== undefined ? { date: q.date } : {}),
      modifiers,
    });
    // Without a date the answer is about today: it must not be reused tomorrow.
    if (q.date === undefined) c.header('Cache-Control', 'no-cache');
    return c.json(result, 200);
  });

  // JSON has no charset parameter (RFC 8259 section 11): plain application/json like every /api answer.
  app.openapi(getDictionary, (c) => c.json(layoutDictionary, 200));

  registerBatchCheck(app, store, limits);
  for (const [path, methods] of Object.entries(API_PATHS)) app.all(path, methodNotAllowed(methods));
}
