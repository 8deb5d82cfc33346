/**
 * The export for FHIR terminology servers: one complete CodeSystem per imported release, exactly
 * the resource `/fhir/CodeSystem/{id}` serves (src/fhir builds it: every concept, its properties and
 * designations, the hierarchy), then the ValueSets this server publishes, exactly those
 * `GET /fhir/ValueSet` lists (the implicit value sets of the latest release: `hcpcs-all` and one
 * `hcpcs-isa-X` per letter section, each pinned to that release's CodeSystem version). Written as
 * FHIR Bulk Data NDJSON (one resource per line) or as one Bundle of type `collection` (FHIR R4
 * Bundle: entries need no request; each `fullUrl` a stable urn:uuid).
 */
import { createHash } from 'node:crypto';
import type { Bundle, CodeSystem, ValueSet } from 'fhir/r4.js';
import { codeSystemResource } from '../fhir/code-system.js';
import { conceptIndex } from '../fhir/concept-index.js';
import { searchValueSets } from '../fhir/value-set-resources.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';

/** Each release's complete CodeSystem, oldest first. */
export function* releaseCodeSystems(
  store: HcpcsStore,
  releases: readonly ReleaseInfo[],
): Generator<CodeSystem> {
  for (const release of releases) yield codeSystemResource(release, conceptIndex(store, release));
}

/**
 * The ValueSets the server publishes: the entries of its ValueSet search without parameters (the
 * same function answers `GET /fhir/ValueSet`); none before a release is imported.
 * @example publishedValueSets(store).map((v) => v.id) // ['hcpcs-all', 'hcpcs-isa-A', ...]
 */
export function publishedValueSets(store: HcpcsStore): ValueSet[] {
  if (store.releases().length === 0) return [];
  // Only the resources are taken: the search Bundle's links and fullUrls are the server's own.
  return (searchValueSets(store, {}, '', '').entry ?? []).map((e) => e.resource as ValueSet);
}

/** Every resource of the export: the CodeSystems, then the ValueSets. */
function* exportResources(
  store: HcpcsStore,
  releases: readonly ReleaseInfo[],
): Generator<CodeSystem | ValueSet> {
  yield* releaseCodeSystems(store, releases);
  yield* publishedValueSets(store);
}

/** NDJSON: one resource per line (FHIR Bulk Data export format). */
export function* fhirNdjson(store: HcpcsStore, releases: readonly ReleaseInfo[]): Generator<string> {
  for (const resource of exportResources(store, releases)) yield `${JSON.stringify(resource)}\n`;
}

/** A stable `urn:uuid:` (name-based, RFC 4122 version 5 layout) for a resource's canonical URL and version: the same resource gets the same fullUrl in every export. */
function entryUrl(resource: CodeSystem | ValueSet): string {
  const h = createHash('sha1').update(`${resource.url}|${resource.version}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A Bundle of type collection, written piece by piece so no whole-history string is ever held. */
export function* fhirBundle(store: HcpcsStore, releases: readonly ReleaseInfo[]): Generator<string> {
  const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString() };
  const opening = JSON.stringify(bundle);
  yield opening.slice(0, -1);
  // FHIR JSON has no empty arrays: with nothing imported, the Bundle has no `entry` at all.
  let first = true;
  for (const resource of exportResources(store, releases)) {
    const entry = { fullUrl: entryUrl(resource), resource };
    yield `${first ? ',"entry":[\n' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
  }
  yield first ? '}\n' : '\n]}\n';
}
