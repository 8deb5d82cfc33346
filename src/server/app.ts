/**
 * The HTTP application: the JSON API (/api, described by /openapi.json), FHIR R4 (/fhir), the NLM
 * Clinical Tables-compatible search (/api/hcpcs/v3/search) and the web pages (/), behind one set
 * of middleware (security headers, limits, gzip, CORS, ETag) and ONE error mapper. Read-only: no
 * route writes to the store.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HcpcsError } from '../errors.js';
import type { HcpcsStore } from '../store/store.js';
import { createPages } from '../ui/index.js';
import { API_PATHS, registerApi } from './api-routes.js';
import { AnswerCache, cachedGet, DEFAULT_CACHE_BYTES, routeQuery } from './cache.js';
import { checkStream } from './check-stream.js';
import { compression } from './compression.js';
import { errorResponse } from './error-mapper.js';
import { fhirRoutes } from './fhir-routes.js';
import { registerHealth } from './health.js';
import { HttpError } from './http-error.js';
import { NLM_FIELDS, NLM_PARAMETERS, nlmSearch } from './nlm.js';
import { PAYMENT_PATHS, registerPaymentApi } from './payment-routes.js';
import { ErrorSchema, MAX_PARAM_LENGTH } from './schemas.js';
import {
  DEFAULT_LIMITS,
  type Limits,
  methodNotAllowed,
  requireContentType,
  securityHeaders,
  urlLimit,
  utf8Text,
} from './security.js';

export interface AppOptions {
  /**
   * Origins allowed to call /api, /fhir and /openapi.json from a browser: `'*'` (the default: the
   * data is public and read-only), a list of origins, or `false` for no CORS headers at all.
   */
  readonly cors?: '*' | readonly string[] | false;
  /** Request headers a browser may send besides the ones every FHIR client needs (CORS preflight). */
  readonly corsHeaders?: readonly string[];
  /** Overrides of {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<Limits>;
  /** Memory for kept GET answers (default 64 MB; 0 keeps none). */
  readonly cacheBytes?: number;
  /** Serve the web pages at / (default true). */
  readonly pages?: boolean;
  /**
   * The absolute URL clients reach this server at (HCPCS_PUBLIC_URL, see {@link publicUrlFromEnv}),
   * without a trailing slash: the base of the URLs answers name (OpenAPI servers, FHIR metadata,
   * Bundle links). Without it OpenAPI names `/` and FHIR answers the request's own origin, which
   * then comes from the Host header: those answers are not kept (see fhir-routes.ts).
   */
  readonly publicUrl?: string;
}

const answerCaches = new WeakMap<object, AnswerCache>();

/** The kept answers of an app made by {@link createApp} (the server's listener reads them too). */
export function answerCacheOf(app: object): AnswerCache | undefined {
  return answerCaches.get(app);
}

/** CORS origins from HCPCS_CORS_ORIGINS: unset or `*` = any, `none` = off, else a comma list. */
export function corsFromEnv(value: string | undefined): AppOptions['cors'] {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return '*';
  if (value.trim().toLowerCase() === 'none') return false;
  return value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * The public URL from HCPCS_PUBLIC_URL: unset or blank = none; else an absolute http(s) URL
 * without query or fragment (a path is allowed, for a server behind a proxy at /hcpcs), returned
 * without its trailing slash; anything else is a usage error naming the variable.
 * @example publicUrlFromEnv('https://hcpcs.example.org/') // 'https://hcpcs.example.org'
 */
export function publicUrlFromEnv(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const refuse = (why: string) =>
    new HcpcsError('HCPCS_E_USAGE', `HCPCS_PUBLIC_URL: "${text.slice(0, 200)}" ${why}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('is not an absolute URL (https://host[:port][/path])');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('is not an http or https URL');
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#'))
    throw refuse('has a query or fragment: give the base URL only');
  if (url.username !== '' || url.password !== '') throw refuse('carries credentials');
  return url.href.replace(/\/+$/, '');
}

function zodMessage(error: z.ZodError, target: string): string {
  const issue = error.issues[0];
  if (!issue) return `${target}: invalid`;
  const where = issue.path.length > 0 ? issue.path.join('.') : target;
  const kind = target === 'param' ? 'path parameter' : target === 'query' ? 'parameter' : target;
  const message = /received undefined$/.test(issue.message) ? 'required' : issue.message;
  return `${kind} ${where}: ${message}`;
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
    400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'bad parameter' },
  },
});

const checkBatchRoute = createRoute({
  method: 'post',
  path: '/api/check',
  tags: ['history'],
  summary: 'Batch validity of claim lines: CSV or NDJSON in, one streamed row per line out',
  request: {
    query: z.object({ format: z.enum(['csv', 'ndjson']).optional() }),
    body: {
      content: {
        'text/csv': {
          schema: z
            .string()
            .openapi({ example: 'code,date,modifier\nJ1412,2023-12-15,\nE0100,2026-02-01,LT\n' }),
        },
        'application/x-ndjson': {
          schema: z.string().openapi({ example: '{"code":"J1412","date":"2023-12-15"}\n' }),
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
    413: { content: { 'application/json': { schema: ErrorSchema } }, description: 'batch too large' },
    415: { content: { 'application/json': { schema: ErrorSchema } }, description: 'not CSV or NDJSON' },
  },
});

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
 * The application over a store.
 * @example
 * const app = createApp(HcpcsStore.open('data/hcpcs.sqlite'));
 * const res = await app.request('/api/codes/J1640'); // 200, the record with decoded meanings
 */
export function createApp(store: HcpcsStore, options: AppOptions = {}): OpenAPIHono {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) throw new HttpError(400, zodMessage(result.error, result.target));
      void c;
    },
  });

  const onError = (error: unknown, c: Context): Response => {
    if (wantsHtml(c)) {
      const res = errorResponse(c, error);
      return c.html(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${res.status}</title></head><body><h1>Error ${res.status}</h1><p>${escapeHtml(String(error instanceof Error && res.status < 500 ? error.message : 'internal error'))}</p><p><a href="/">HCPCS home</a></p></body></html>`,
        res.status as 400,
        Object.fromEntries([...res.headers].filter(([name]) => !/^content-(type|length)$/i.test(name))),
      );
    }
    return errorResponse(c, error);
  };
  app.onError(onError);
  app.notFound((c) => {
    const message = `${c.req.method} ${c.req.path.slice(0, 200)}: no such ${c.req.path.startsWith('/fhir') ? 'FHIR resource or operation (see /fhir/metadata)' : c.req.path.startsWith('/api') ? 'API path (see /openapi.json)' : 'page'}`;
    return onError(new HttpError(404, message), c);
  });

  // Kept answers first: a hit is the whole answer as it was sent (security, CORS and encoding
  // included; Accept, Origin and Accept-Encoding are part of the key) and runs nothing else.
  const answers = new AnswerCache(store, options.cacheBytes ?? DEFAULT_CACHE_BYTES, {
    ...(Array.isArray(options.cors) ? { corsOrigins: options.cors } : {}),
  });
  answerCaches.set(app, answers);
  const cached = cachedGet(answers);
  for (const path of ['/api/*', '/fhir/*', '/openapi.json']) app.use(path, cached);
  app.use('*', securityHeaders());
  app.use('*', urlLimit(limits));
  app.use('*', compression());
  if (options.cors !== false) {
    const corsMiddleware = cors({
      origin: options.cors === undefined || options.cors === '*' ? '*' : [...options.cors],
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      // Authorization and Prefer: browser FHIR clients (SMART apps, fhirclient) send them.
      allowHeaders: [
        'Content-Type',
        'Accept',
        'If-None-Match',
        'Authorization',
        'Prefer',
        ...(options.corsHeaders ?? []),
      ],
      exposeHeaders: ['ETag'],
      maxAge: 600,
    });
    for (const path of ['/api/*', '/fhir/*', '/openapi.json']) app.use(path, corsMiddleware);
  }

  // Bodies: JSON lookups up to maxBodyBytes, as application/json only.
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

  registerPaymentApi(app, store);
  registerApi(app, store, limits);
  app.openapi(checkBatchRoute, (c) => checkStream(c, store, limits) as never);
  app.use('/api/hcpcs/v3/search', routeQuery(NLM_PARAMETERS));
  app.openapi(nlmRoute, (c) => c.json(nlmSearch(c, store) as never, 200));
  for (const [path, methods] of Object.entries({
    ...API_PATHS,
    ...PAYMENT_PATHS,
    '/api/hcpcs/v3/search': ['GET'],
  })) {
    app.all(path, methodNotAllowed(methods));
  }

  app.route('/fhir', fhirRoutes(store, limits, options.publicUrl));

  app.doc('/openapi.json', () => ({
    openapi: '3.0.3',
    info: {
      title: 'hcpcs API',
      version: '0.1.0',
      description:
        'CMS HCPCS Level II: every release, decoded field by field, with history, diffs, validity at a date of service, search, and an NLM Clinical Tables-compatible endpoint. FHIR R4 terminology operations are under /fhir (see /fhir/metadata). Errors are {code, message}.',
    },
    // Never the Host header: a kept answer would hand one client's Host to every other. Without a
    // configured URL, `/`: "the host location is relative to the location where the OpenAPI
    // document is being served" (OpenAPI 3.0.3, Server Object).
    servers: [{ url: options.publicUrl ?? '/' }],
  }));
  app.all('/openapi.json', methodNotAllowed(['GET']));
  registerHealth(app, store);

  if (options.pages !== false) app.route('/', createPages(store));
  return app;
}
