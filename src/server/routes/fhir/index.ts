/**
 * FHIR R4 under /fhir: metadata, CodeSystem read and search, and the terminology operations, each
 * by GET (query parameters) and POST (a Parameters body, application/fhir+json). Answers are
 * application/fhir+json; errors become OperationOutcome in the one error mapper.
 */
import type { FhirResource } from 'fhir/r4.js';
import { type Context, Hono } from 'hono';
import { runBatch } from '../../../fhir/batch.js';
import { capabilityStatement, terminologyCapabilities } from '../../../fhir/capability.js';
import { releaseOfCodeSystemId } from '../../../fhir/code-system.js';
import {
  CODE_SYSTEM_READ_PARAMETERS,
  CODE_SYSTEM_SEARCH_PARAMETERS,
  codeSystemShape,
  prefersStrict,
  readCodeSystem,
  searchCodeSystems,
} from '../../../fhir/code-system-search.js';
import { EXPAND_PARAMETERS, expand } from '../../../fhir/expand.js';
import { LOOKUP_PARAMETERS, lookup } from '../../../fhir/lookup.js';
import {
  type OperationInput,
  type ParamSpec,
  parseParametersResource,
  parseQueryParameters,
} from '../../../fhir/parameters.js';
import { fhirVersion } from '../../../fhir/release-catalog.js';
import { SUBSUMES_PARAMETERS, subsumes } from '../../../fhir/subsumes.js';
import { TRANSLATE_PARAMETERS, translate } from '../../../fhir/translate.js';
import {
  CODE_SYSTEM_VALIDATE_PARAMETERS,
  VALUE_SET_VALIDATE_PARAMETERS,
  validateInCodeSystem,
  validateInValueSet,
} from '../../../fhir/validate-code.js';
import {
  readValueSet,
  searchValueSets,
  VALUE_SET_SEARCH_PARAMETERS,
} from '../../../fhir/value-set-resources.js';
import { FhirError } from '../../../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../../../store/store.js';
import { notToKeep, routeQuery } from '../../http/cache.js';
import { negotiatedEncoding } from '../../http/compression.js';
import { errorResponse, FHIR_JSON } from '../../http/error-mapper.js';
import { HttpError } from '../../http/http-error.js';
import {
  acceptsJson,
  type Limits,
  methodNotAllowed,
  readJsonBody,
  requireContentType,
} from '../../http/security.js';
import { WholeCodeSystems } from './whole-code-systems.js';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);

/**
 * The absolute URL of a request and the base URL of the FHIR endpoint: from the configured public
 * URL, else as the client reached the server. FHIR wants them absolute (R4 Bundle.entry.fullUrl
 * "Absolute URL for resource", CapabilityStatement.implementation.url "Absolute base URL"), so
 * they cannot be made relative; without a public URL they come from the Host header, and such an
 * answer is not kept (it would hand one client's Host to every other).
 */
function urlsOf(c: Context, publicUrl: string | undefined): { base: string; self: string } {
  if (publicUrl !== undefined) {
    const url = c.req.url;
    const target = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    return { base: `${publicUrl}/fhir`, self: `${publicUrl}${target}` };
  }
  notToKeep(c);
  return { base: `${new URL(c.req.url).origin}/fhir`, self: c.req.url };
}

/** Bytes of a stream: 256 KiB each, views of the kept bytes (never copied). */
const STREAM_CHUNK_BYTES = 262_144;

/**
 * Kept bytes as a stream, read as the socket drains. Not the bytes themselves: Hono merges the
 * headers of middleware (CORS) into the handler's answer by building a new Response from its body,
 * and a byte body is then copied (undici extractBody) and re-chunked for every request, ~20 ms of
 * the one thread for 8 MB (measured with --cpu-prof, 20 concurrent downloads); a stream passes by
 * reference.
 */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const end = Math.min(at + STREAM_CHUNK_BYTES, bytes.byteLength);
        controller.enqueue(bytes.subarray(at, end));
        at = end;
        if (at >= bytes.byteLength) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

function fhirJson(c: Context, resource: FhirResource): Response {
  return c.body(JSON.stringify(resource), 200, { 'Content-Type': FHIR_JSON });
}

/** Refuses formats other than JSON (FHIR "_format" and Accept) with 406. */
function requireJsonFormat(c: Context): void {
  const format = c.req.query('_format');
  if (format !== undefined && !JSON_FORMATS.has(format.split(';')[0]?.trim().toLowerCase() ?? '')) {
    throw new HttpError(
      406,
      `_format ${format.slice(0, 40)}: this server answers FHIR JSON only (application/fhir+json)`,
    );
  }
  if (!acceptsJson(c.req.header('accept'))) {
    throw new HttpError(406, 'this server answers FHIR JSON only (application/fhir+json), not XML');
  }
}

async function operationInput(
  c: Context,
  specs: readonly ParamSpec[],
  name: string,
  limits: Limits,
): Promise<OperationInput> {
  if (c.req.method === 'GET') return parseQueryParameters(c.req.queries(), specs, name);
  requireContentType(c, ['application/fhir+json', 'application/json', 'application/json+fhir']);
  return parseParametersResource(await readJsonBody(c, limits.maxBodyBytes), specs, name);
}

function releaseOfId(store: HcpcsStore, id: string): ReleaseInfo {
  const release = releaseOfCodeSystemId(store, id);
  if (!release) {
    const known = store
      .catalog()
      .releases.map((r) => `hcpcs-${fhirVersion(r).replace('_', '-')}`)
      .join(', ');
    throw new FhirError(
      'not-found',
      `CodeSystem/${id.slice(0, 64)} is not known (known: ${known || 'none'})`,
    );
  }
  return release;
}

/**
 * The FHIR sub-app, mounted at /fhir.
 * @example app.route('/fhir', fhirRoutes(store, DEFAULT_LIMITS, 'https://hcpcs.example.org'))
 */
export function fhirRoutes(store: HcpcsStore, limits: Limits, publicUrl?: string): Hono {
  const fhir = new Hono();
  const baseUrl = (c: Context) => urlsOf(c, publicUrl).base;
  const wholes = new WholeCodeSystems(store, { buildsPerSecond: limits.costlyBuildsPerSecond });
  fhir.use('*', async (c, next) => {
    requireJsonFormat(c);
    await next();
  });

  // The query parameters each route reads, for the answer cache (see routeQuery): `_format` is
  // read for every request by requireJsonFormat.
  const reads = (names: readonly string[]) => routeQuery([...names, '_format']);
  fhir.use('/metadata', reads(['mode']));
  fhir.get('/metadata', (c) => {
    const mode = c.req.query('mode');
    if (mode === 'terminology') return fhirJson(c, terminologyCapabilities(store, baseUrl(c)));
    if (mode !== undefined && mode !== 'full' && mode !== 'normative') {
      throw new FhirError(
        'invalid',
        `mode: "${mode.slice(0, 20)}" is not full, normative or terminology`,
        'mode',
      );
    }
    return fhirJson(c, capabilityStatement(store, baseUrl(c)));
  });
  fhir.all('/metadata', methodNotAllowed(['GET']));

  const operations: [
    string,
    readonly ParamSpec[],
    string,
    (c: Context, input: OperationInput) => FhirResource,
  ][] = [
    ['/CodeSystem/$lookup', LOOKUP_PARAMETERS, '$lookup', (_c, input) => lookup(store, input)],
    [
      '/CodeSystem/$validate-code',
      CODE_SYSTEM_VALIDATE_PARAMETERS,
      '$validate-code',
      (_c, input) => validateInCodeSystem(store, input),
    ],
    ['/CodeSystem/$subsumes', SUBSUMES_PARAMETERS, '$subsumes', (_c, input) => subsumes(store, input)],
    [
      '/CodeSystem/:id/$lookup',
      LOOKUP_PARAMETERS,
      '$lookup',
      (c, input) => lookup(store, input, releaseOfId(store, c.req.param('id') as string)),
    ],
    [
      '/CodeSystem/:id/$validate-code',
      CODE_SYSTEM_VALIDATE_PARAMETERS,
      '$validate-code',
      (c, input) => validateInCodeSystem(store, input, releaseOfId(store, c.req.param('id') as string)),
    ],
    [
      '/CodeSystem/:id/$subsumes',
      SUBSUMES_PARAMETERS,
      '$subsumes',
      (c, input) => subsumes(store, input, releaseOfId(store, c.req.param('id') as string)),
    ],
    [
      '/ValueSet/$expand',
      EXPAND_PARAMETERS,
      '$expand',
      (_c, input) =>
        expand(store, input, (codes) =>
          wholes.budget.spend(`an expansion of ${codes} codes (unfiltered, no count)`),
        ),
    ],
    [
      '/ValueSet/$validate-code',
      VALUE_SET_VALIDATE_PARAMETERS,
      '$validate-code',
      (_c, input) => validateInValueSet(store, input),
    ],
    ['/ConceptMap/$translate', TRANSLATE_PARAMETERS, '$translate', (_c, input) => translate(store, input)],
  ];
  for (const [path, specs, name, run] of operations) {
    const handler = async (c: Context) => fhirJson(c, run(c, await operationInput(c, specs, name, limits)));
    fhir.use(path, reads(specs.map((s) => s.name)));
    fhir.get(path, handler);
    fhir.post(path, handler);
    fhir.all(path, methodNotAllowed(['GET', 'POST']));
  }

  fhir.use('/CodeSystem', reads(CODE_SYSTEM_SEARCH_PARAMETERS));
  fhir.get('/CodeSystem', (c) => {
    const { base, self } = urlsOf(c, publicUrl);
    return fhirJson(
      c,
      searchCodeSystems(
        store,
        c.req.query(),
        base,
        self,
        () => wholes.budget.spend('a CodeSystem search page with concepts'),
        prefersStrict(c.req.header('prefer')),
      ),
    );
  });
  fhir.all('/CodeSystem', methodNotAllowed(['GET']));
  fhir.use('/CodeSystem/:id', reads(CODE_SYSTEM_READ_PARAMETERS));
  fhir.get('/CodeSystem/:id', (c) => {
    const release = releaseOfId(store, c.req.param('id'));
    const query = c.req.query();
    if (!codeSystemShape(query).withConcepts) return fhirJson(c, readCodeSystem(store, release, query));
    // Kept here, coded once for each content coding, not in the answer cache (it keeps answers
    // up to 4 MiB): the compression middleware leaves an answer with a Content-Encoding alone.
    notToKeep(c);
    const body = wholes.read(release, query, negotiatedEncoding(c.req.header('accept-encoding')));
    return c.body(streamOf(body.bytes), 200, {
      'Content-Type': FHIR_JSON,
      'Content-Length': String(body.bytes.byteLength),
      ...(body.coding ? { 'Content-Encoding': body.coding } : {}),
    });
  });
  fhir.all('/CodeSystem/:id', methodNotAllowed(['GET']));

  fhir.use('/ValueSet', reads(VALUE_SET_SEARCH_PARAMETERS));
  fhir.get('/ValueSet', (c) => {
    const { base, self } = urlsOf(c, publicUrl);
    return fhirJson(c, searchValueSets(store, c.req.query(), base, self));
  });
  fhir.all('/ValueSet', methodNotAllowed(['GET']));
  fhir.use('/ValueSet/:id', reads([]));
  fhir.get('/ValueSet/:id', (c) => fhirJson(c, readValueSet(store, c.req.param('id'))));
  fhir.all('/ValueSet/:id', methodNotAllowed(['GET']));

  // A batch Bundle at the base: each entry runs through these same routes (and the one error
  // mapper), as a request of its own to an inner app that mounts them where the server does.
  const inner = new Hono();
  inner.route('/fhir', fhir);
  inner.onError((error, c) => errorResponse(c, error));
  // The base with and without its trailing slash (`/fhir` and `/fhir/`: clients post to either);
  // a sub-app's '/' becomes the mount path itself, and the empty parameter matches the slash.
  const base = ['/', '/:base{^$}'];
  fhir.on('POST', base, async (c) => {
    requireContentType(c, ['application/fhir+json', 'application/json', 'application/json+fhir']);
    const body = await readJsonBody(c, limits.maxBodyBytes);
    const bundle = await runBatch(body, baseUrl(c), async (call) => {
      const res = await inner.request(`/fhir/${call.url}`, {
        method: call.method,
        headers: { accept: 'application/fhir+json', 'content-type': 'application/fhir+json' },
        ...(call.method === 'POST' ? { body: JSON.stringify(call.resource ?? {}) } : {}),
      });
      return { status: res.status, resource: (await res.json()) as FhirResource };
    });
    return fhirJson(c, bundle);
  });
  fhir.on(['GET', 'PUT', 'PATCH', 'DELETE'], base, methodNotAllowed(['POST']));
  return fhir;
}
