/**
 * The HTTP application: the JSON API (/api, described by /openapi.json), FHIR R4 (/fhir), the NLM
 * Clinical Tables-compatible search (/api/hcpcs/v3/search) and the web pages (/), behind one set
 * of middleware (security headers, limits, gzip, CORS, ETag) and ONE error mapper. This file only
 * assembles: each route file under routes/ declares and answers its paths (405s included), the
 * plumbing lives under http/. Read-only: no route writes to the store.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { HcpcsError } from '../errors.js';
import type { HcpcsStore } from '../store/store.js';
import { createPages } from '../ui/index.js';
import { AnswerCache, cachedGet, DEFAULT_CACHE_BYTES } from './http/cache.js';
import { compression } from './http/compression.js';
import { errorHandler, notFoundHandler, validationHook } from './http/error-mapper.js';
import { DEFAULT_LIMITS, type Limits, methodNotAllowed, securityHeaders, urlLimit } from './http/security.js';
import { registerApi } from './routes/api.js';
import { fhirRoutes } from './routes/fhir/index.js';
import { registerHealth } from './routes/health.js';
import { registerNlm } from './routes/nlm.js';
import { registerPaymentApi } from './routes/payment.js';

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
   * then comes from the Host header: those answers are not kept (see routes/fhir/index.ts).
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

/**
 * The application over a store.
 * @example
 * const app = createApp(HcpcsStore.open('data/hcpcs.sqlite'));
 * const res = await app.request('/api/codes/J1640'); // 200, the record with decoded meanings
 */
export function createApp(store: HcpcsStore, options: AppOptions = {}): OpenAPIHono {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError(errorHandler);
  app.notFound(notFoundHandler);

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

  registerPaymentApi(app, store);
  registerApi(app, store, limits);
  registerNlm(app, store);
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
