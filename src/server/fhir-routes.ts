/**
 * FHIR R4 under /fhir: metadata, CodeSystem read and search, and the terminology operations, each
 * by GET (query parameters) and POST (a Parameters body, application/fhir+json). Answers are
 * application/fhir+json; errors become OperationOutcome in the one error mapper.
 */
import type { Bundle, CodeSystem, FhirResource } from 'fhir/r4.js';
import { type Context, Hono } from 'hono';
import { capabilityStatement, terminologyCapabilities } from '../fhir/capability.js';
import { codeSystemResource, releaseOfCodeSystemId } from '../fhir/code-system.js';
import { conceptIndex } from '../fhir/concept-index.js';
import { EXPAND_PARAMETERS, expand } from '../fhir/expand.js';
import { LOOKUP_PARAMETERS, lookup } from '../fhir/lookup.js';
import { FhirError } from '../fhir/operation-outcome.js';
import {
  type OperationInput,
  type ParamSpec,
  parseParametersResource,
  parseQueryParameters,
} from '../fhir/parameters.js';
import { fhirVersion, releaseCatalog } from '../fhir/release-catalog.js';
import { SUBSUMES_PARAMETERS, subsumes } from '../fhir/subsumes.js';
import { isHcpcsSystem } from '../fhir/system.js';
import {
  CODE_SYSTEM_VALIDATE_PARAMETERS,
  VALUE_SET_VALIDATE_PARAMETERS,
  validateInCodeSystem,
  validateInValueSet,
} from '../fhir/validate-code.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { FHIR_JSON } from './error-mapper.js';
import { HttpError } from './http-error.js';
import { type Limits, methodNotAllowed, readJsonBody, requireContentType } from './security.js';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

/** The base URL of the FHIR endpoint as the client reached it. */
function baseUrl(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.origin}/fhir`;
}

function fhirJson(c: Context, resource: FhirResource): Response {
  return c.body(JSON.stringify(resource), 200, { 'Content-Type': FHIR_JSON });
}

/** Refuses formats other than JSON (FHIR "_format" and Accept) with 406. */
function checkFormat(c: Context): void {
  const format = c.req.query('_format');
  if (format !== undefined && !JSON_FORMATS.has(format.split(';')[0]?.trim().toLowerCase() ?? '')) {
    throw new HttpError(
      406,
      `_format ${format.slice(0, 40)}: this server answers FHIR JSON only (application/fhir+json)`,
    );
  }
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  if (accept.includes('xml') && !accept.includes('json') && !accept.includes('*/*')) {
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
    const known = releaseCatalog(store)
      .releases.map((r) => `hcpcs-${fhirVersion(r).replace('_', '-')}`)
      .join(', ');
    throw new FhirError(
      'not-found',
      `CodeSystem/${id.slice(0, 64)} is not known (known: ${known || 'none'})`,
    );
  }
  return release;
}

/** _summary and _elements of a CodeSystem read (concepts only when asked for). */
function shapeCodeSystem(c: Context, store: HcpcsStore, release: ReleaseInfo): CodeSystem {
  const summary = c.req.query('_summary');
  const elements = c.req.query('_elements');
  if (summary !== undefined && !['true', 'false', 'text', 'data', 'count'].includes(summary)) {
    throw new FhirError(
      'invalid',
      `_summary: "${summary.slice(0, 20)}" is not true, false, text, data or count`,
      '_summary',
    );
  }
  const wanted = elements
    ?.split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const withConcepts = summary === 'false' || summary === 'data' || (wanted?.includes('concept') ?? false);
  const full = codeSystemResource(release, withConcepts ? conceptIndex(store, release) : undefined);
  if (wanted && wanted.length > 0) {
    const keep = new Set(['resourceType', 'id', 'meta', 'status', 'content', ...wanted]);
    const out = Object.fromEntries(
      Object.entries(full).filter(([k]) => keep.has(k)),
    ) as unknown as CodeSystem;
    return { ...out, meta: { ...full.meta, tag: [{ ...SUBSETTED }] } };
  }
  if (summary === 'true' || summary === 'text') {
    const { property: _p, description: _d, copyright: _c, ...rest } = full;
    const out =
      summary === 'text'
        ? { resourceType: rest.resourceType, id: rest.id, status: rest.status, content: rest.content }
        : rest;
    return { ...(out as CodeSystem), meta: { ...full.meta, tag: [{ ...SUBSETTED }] } };
  }
  return full;
}

function matchesString(value: string | undefined, wanted: string, modifier: string | undefined): boolean {
  const v = (value ?? '').toLowerCase();
  const w = wanted.toLowerCase();
  if (modifier === 'exact') return value === wanted;
  if (modifier === 'contains') return v.includes(w);
  return v.startsWith(w);
}

/** CodeSystem search: url (any alias), system, version, name, title, status, _id. */
function searchCodeSystems(c: Context, store: HcpcsStore): Bundle {
  const query = c.req.query();
  const resources = releaseCatalog(store).releases.map((r) => codeSystemResource(r));
  let kept = resources;
  for (const [key, value] of Object.entries(query)) {
    const [name, modifier] = key.split(':');
    if (value.length > 1_000) throw new FhirError('too-long', `${name}: longer than 1000 characters`, name);
    const values = value.split(',');
    switch (name) {
      case 'url':
      case 'system':
        kept = kept.filter(() => values.some((v) => isHcpcsSystem(v)));
        break;
      case 'version':
        kept = kept.filter((r) => values.includes(r.version ?? ''));
        break;
      case '_id':
        kept = kept.filter((r) => values.includes(r.id ?? ''));
        break;
      case 'status':
        kept = kept.filter((r) => values.includes(r.status));
        break;
      case 'name':
      case 'title':
        kept = kept.filter((r) => values.some((v) => matchesString(r[name], v, modifier)));
        break;
      default:
        // FHIR search: unknown parameters are ignored (handling=lenient, the default).
        break;
    }
  }
  const summary = c.req.query('_summary');
  const base = baseUrl(c);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: kept.length,
    link: [{ relation: 'self', url: c.req.url }],
    ...(summary === 'count'
      ? {}
      : {
          entry: kept.map((resource) => ({
            fullUrl: `${base}/CodeSystem/${resource.id}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }),
  };
}

/**
 * The FHIR sub-app, mounted at /fhir.
 * @example app.route('/fhir', fhirRoutes(store, DEFAULT_LIMITS))
 */
export function fhirRoutes(store: HcpcsStore, limits: Limits): Hono {
  const fhir = new Hono();
  fhir.use('*', async (c, next) => {
    checkFormat(c);
    await next();
  });

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
    ['/ValueSet/$expand', EXPAND_PARAMETERS, '$expand', (_c, input) => expand(store, input)],
    [
      '/ValueSet/$validate-code',
      VALUE_SET_VALIDATE_PARAMETERS,
      '$validate-code',
      (_c, input) => validateInValueSet(store, input),
    ],
  ];
  for (const [path, specs, name, run] of operations) {
    const handler = async (c: Context) => fhirJson(c, run(c, await operationInput(c, specs, name, limits)));
    fhir.get(path, handler);
    fhir.post(path, handler);
    fhir.all(path, methodNotAllowed(['GET', 'POST']));
  }

  fhir.get('/CodeSystem', (c) => fhirJson(c, searchCodeSystems(c, store)));
  fhir.all('/CodeSystem', methodNotAllowed(['GET']));
  fhir.get('/CodeSystem/:id', (c) => {
    const release = releaseOfId(store, c.req.param('id'));
    return fhirJson(c, shapeCodeSystem(c, store, release));
  });
  fhir.all('/CodeSystem/:id', methodNotAllowed(['GET']));
  return fhir;
}
