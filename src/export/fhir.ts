/**
 * The export for FHIR terminology servers: one complete CodeSystem per imported release, exactly
 * the resource `/fhir/CodeSystem/{id}` serves (src/fhir builds it: every concept, its properties and
 * designations, the hierarchy), as FHIR Bulk Data NDJSON (one resource per line) or as one Bundle of
 * type `collection` (FHIR R4 Bundle: entries need no request; each `fullUrl` a stable urn:uuid).
 */
import { createHash } from 'node:crypto';
import type { Bundle, CodeSystem } from 'fhir/r4.js';
import { codeSystemResource } from '../fhir/code-system.js';
import { conceptIndex } from '../fhir/concept-index.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';

/** Each release's complete CodeSystem, oldest first. */
export function* releaseCodeSystems(
  store: HcpcsStore,
  releases: readonly ReleaseInfo[],
): Generator<CodeSystem> {
  for (const release of releases) yield codeSystemResource(release, conceptIndex(store, release));
}

/** NDJSON: one CodeSystem per line (FHIR Bulk Data export format). */
export function* fhirNdjson(store: HcpcsStore, releases: readonly ReleaseInfo[]): Generator<string> {
  for (const resource of releaseCodeSystems(store, releases)) yield `${JSON.stringify(resource)}\n`;
}

/** A stable `urn:uuid:` (name-based, RFC 4122 version 5 layout) for a CodeSystem version: the same release gets the same fullUrl in every export. */
function entryUrl(resource: CodeSystem): string {
  const h = createHash('sha1').update(`${resource.url}|${resource.version}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A Bundle of type collection, written piece by piece so no whole-history string is ever held. */
export function* fhirBundle(store: HcpcsStore, releases: readonly ReleaseInfo[]): Generator<string> {
  const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString() };
  const opening = JSON.stringify(bundle);
  yield `${opening.slice(0, -1)},"entry":[\n`;
  let first = true;
  for (const resource of releaseCodeSystems(store, releases)) {
    const entry = { fullUrl: entryUrl(resource), resource };
    yield `${first ? '' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
  }
  yield '\n]}\n';
}
