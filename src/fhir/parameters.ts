/**
 * Operation parameters, read the same way from a GET query string and from a POST `Parameters`
 * body (FHIR R4 "Operations": "If the operation has only primitive parameters, it may be invoked
 * with GET, with the parameters as URL query parameters"). Each operation declares its parameters
 * as a table; anything else, a duplicate of a non-repeating parameter, or a value of the wrong type
 * is an OperationOutcome naming the parameter, never a crash.
 */
import type { CodeableConcept, Coding } from 'fhir/r4.js';
import { FhirError } from '../outcomes.js';

export type ParamType =
  | 'code'
  | 'uri'
  | 'string'
  | 'date'
  | 'integer'
  | 'boolean'
  | 'Coding'
  | 'CodeableConcept'
  | 'Resource';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly repeats?: boolean;
}

/** A resource sent as a parameter (R4 `Parameters.parameter.resource`), checked only for its resourceType. */
export type ResourceValue = { readonly resourceType: string } & Record<string, unknown>;

export type ParamValue = string | number | boolean | Coding | CodeableConcept | ResourceValue;

/** Longest text a parameter may hold; longer values are refused (too-long). */
export const MAX_PARAMETER_LENGTH = 1_000;
/** Most parameters one call may carry. */
export const MAX_PARAMETERS = 100;

/** The parameters of one call, checked against its table. */
export class OperationInput {
  readonly #values: Map<string, ParamValue[]>;

  constructor(values: Map<string, ParamValue[]>) {
    this.#values = values;
  }

  /** The value of a parameter, typed by its table entry. */
  string(name: string): string | undefined {
    return this.#values.get(name)?.[0] as string | undefined;
  }

  integer(name: string): number | undefined {
    return this.#values.get(name)?.[0] as number | undefined;
  }

  /** An integer parameter that must lie from 0 to `max` (a count, an offset), refused otherwise. */
  wholeNumber(name: string, max: number): number | undefined {
    const value = this.integer(name);
    if (value !== undefined && (value < 0 || value > max))
      throw new FhirError('invalid', `${name}: ${value} is not between 0 and ${max}`, name);
    return value;
  }

  boolean(name: string): boolean | undefined {
    return this.#values.get(name)?.[0] as boolean | undefined;
  }

  coding(name: string): Coding | undefined {
    return this.#values.get(name)?.[0] as Coding | undefined;
  }

  codeableConcept(name: string): CodeableConcept | undefined {
    return this.#values.get(name)?.[0] as CodeableConcept | undefined;
  }

  /** The resources of a Resource parameter (R4 `valueSet`, tx `tx-resource`), in order. */
  resources(name: string): ResourceValue[] {
    return (this.#values.get(name) ?? []) as ResourceValue[];
  }

  /** The names given (for echoing them, and for telling which were ignored). */
  names(): string[] {
    return [...this.#values.keys()];
  }

  strings(name: string): string[] {
    return (this.#values.get(name) ?? []) as string[];
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }
}

const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/;

function fail(message: string, expression: string): never {
  throw new FhirError('invalid', message, expression);
}

/** FHIR date or dateTime -> the ISO day it starts on (`2024` -> `2024-01-01`). */
function parseDate(text: string, where: string): string {
  const m = DATE.exec(text);
  if (!m) fail(`${where}: "${clip(text)}" is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)`, where);
  const iso = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    fail(`${where}: ${iso} is not a calendar date`, where);
  }
  return iso;
}

/** Shortens a value quoted in a message so that an error never echoes a huge input. */
export function clip(text: string, max = 60): string {
  let printable = '';
  for (const ch of text.slice(0, max + 1)) {
    const code = ch.charCodeAt(0);
    printable += code < 0x20 || code === 0x7f ? '?' : ch;
  }
  return printable.length > max ? `${printable.slice(0, max)}...` : printable;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function checkText(text: string, where: string, kind: string): string {
  if (text.length > MAX_PARAMETER_LENGTH) {
    throw new FhirError('too-long', `${where}: longer than ${MAX_PARAMETER_LENGTH} characters`, where);
  }
  if (text.length === 0) fail(`${where}: empty ${kind}`, where);
  if (kind === 'uri' && /\s/.test(text.trim())) fail(`${where}: a uri holds no spaces`, where);
  if (kind !== 'string' && hasControl(text)) fail(`${where}: holds control characters`, where);
  return text;
}

function fromText(spec: ParamSpec, text: string, where: string): ParamValue {
  switch (spec.type) {
    case 'code':
    case 'uri':
    case 'string':
      return checkText(text, where, spec.type);
    case 'date':
      return parseDate(checkText(text, where, 'date'), where);
    case 'integer': {
      if (!/^-?\d{1,9}$/.test(text)) fail(`${where}: "${clip(text)}" is not an integer`, where);
      return Number(text);
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') fail(`${where}: "${clip(text)}" is not true or false`, where);
      return text === 'true';
    case 'Coding': {
      // GET form of a Coding: system|code (the token syntax of FHIR search).
      checkText(text, where, 'Coding');
      const bar = text.lastIndexOf('|');
      return bar >= 0 ? { system: text.slice(0, bar), code: text.slice(bar + 1) } : { code: text };
    }
    case 'CodeableConcept':
    case 'Resource':
      throw new FhirError(
        'not-supported',
        `${where}: a ${spec.type} can only be sent in a POST Parameters body`,
        where,
      );
  }
}

/**
 * Reads GET query parameters (`c.req.queries()`) against an operation's table. Parameters whose
 * names start with `_` (`_format`, `_pretty`) are FHIR's own and pass unread, unless the table
 * names them (a search's `_count`).
 * @example parseQueryParameters({ code: ['J1640'] }, [{ name: 'code', type: 'code' }]).string('code') // 'J1640'
 */
export function parseQueryParameters(
  query: Record<string, string[]>,
  specs: readonly ParamSpec[],
  operation: string,
): OperationInput {
  const values = new Map<string, ParamValue[]>();
  const names = Object.keys(query);
  if (names.length > MAX_PARAMETERS)
    throw new FhirError('too-costly', `more than ${MAX_PARAMETERS} parameters`);
  for (const name of names) {
    const spec = specs.find((s) => s.name === name);
    if (!spec && name.startsWith('_')) continue;
    if (!spec) {
      throw new FhirError(
        'not-supported',
        `${operation} has no parameter "${clip(name, 40)}" (it takes ${specs.map((s) => s.name).join(', ')})`,
        name,
      );
    }
    const texts = query[name] ?? [];
    if (texts.length > 1 && !spec.repeats) fail(`parameter ${name} may be given once`, name);
    values.set(
      name,
      texts.map((t) => fromText(spec, t, name)),
    );
  }
  return new OperationInput(values);
}

const VALUE_KEYS: Record<ParamType, readonly string[]> = {
  code: ['valueCode', 'valueString'],
  uri: ['valueUri', 'valueCanonical', 'valueUrl', 'valueString'],
  string: ['valueString', 'valueCode', 'valueMarkdown'],
  date: ['valueDate', 'valueDateTime', 'valueString'],
  integer: ['valueInteger', 'valueUnsignedInt', 'valuePositiveInt'],
  boolean: ['valueBoolean'],
  Coding: ['valueCoding'],
  CodeableConcept: ['valueCodeableConcept'],
  Resource: ['resource'],
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCoding(value: unknown, where: string): Coding {
  if (!isObject(value)) fail(`${where}: a Coding is an object`, where);
  const coding: Coding = {};
  for (const key of ['system', 'version', 'code', 'display'] as const) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') fail(`${where}.${key}: must be a string`, `${where}.${key}`);
    checkText(v, `${where}.${key}`, key === 'display' ? 'string' : key === 'system' ? 'uri' : 'code');
    coding[key] = v;
  }
  return coding;
}

function fromJson(spec: ParamSpec, entry: Record<string, unknown>, where: string): ParamValue {
  const key = VALUE_KEYS[spec.type].find((k) => k in entry);
  if (!key) {
    fail(`${where} (${spec.name}): expected ${VALUE_KEYS[spec.type][0]}`, where);
  }
  const value = entry[key];
  const path = `${where}.${key}`;
  switch (spec.type) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${path}: not an integer`, path);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`${path}: not a boolean`, path);
      return value;
    case 'Coding':
      return checkCoding(value, path);
    case 'Resource':
      if (!isObject(value) || typeof value.resourceType !== 'string')
        fail(`${path}: a resource needs its resourceType`, path);
      return value as ResourceValue;
    case 'CodeableConcept': {
      if (!isObject(value)) fail(`${path}: a CodeableConcept is an object`, path);
      const codings = value.coding;
      if (codings !== undefined && !Array.isArray(codings)) fail(`${path}.coding: must be an array`, path);
      if ((codings ?? []).length > MAX_PARAMETERS)
        throw new FhirError('too-costly', `${path}.coding: too many codings`, path);
      return {
        coding: ((codings ?? []) as unknown[]).map((c, i) => checkCoding(c, `${path}.coding[${i}]`)),
        ...(typeof value.text === 'string' ? { text: clip(value.text, MAX_PARAMETER_LENGTH) } : {}),
      };
    }
    default:
      if (typeof value !== 'string') fail(`${path}: must be a string`, path);
      return fromText(spec, value, path);
  }
}

/**
 * Reads a POST body (already parsed JSON) that must be a FHIR `Parameters` resource.
 * @example parseParametersResource({ resourceType: 'Parameters', parameter: [{ name: 'code', valueCode: 'J1640' }] }, specs, '$lookup')
 */
export function parseParametersResource(
  body: unknown,
  specs: readonly ParamSpec[],
  operation: string,
): OperationInput {
  if (!isObject(body) || body.resourceType !== 'Parameters') {
    throw new FhirError(
      'structure',
      `${operation}: the POST body must be a FHIR Parameters resource`,
      'Parameters',
    );
  }
  const list = body.parameter ?? [];
  if (!Array.isArray(list))
    throw new FhirError('structure', 'Parameters.parameter must be an array', 'Parameters.parameter');
  if (list.length > MAX_PARAMETERS)
    throw new FhirError('too-costly', `more than ${MAX_PARAMETERS} parameters`);
  const values = new Map<string, ParamValue[]>();
  list.forEach((entry: unknown, i: number) => {
    const where = `Parameters.parameter[${i}]`;
    if (!isObject(entry) || typeof entry.name !== 'string') {
      throw new FhirError('structure', `${where}: each parameter needs a name`, where);
    }
    const spec = specs.find((s) => s.name === entry.name);
    if (!spec) {
      throw new FhirError(
        'not-supported',
        `${where}: ${operation} has no parameter "${clip(entry.name, 40)}" (it takes ${specs.map((s) => s.name).join(', ')})`,
        where,
      );
    }
    const have = values.get(spec.name);
    if (have && !spec.repeats) fail(`${where}: parameter ${spec.name} may be given once`, where);
    const value = fromJson(spec, entry, where);
    if (have) have.push(value);
    else values.set(spec.name, [value]);
  });
  return new OperationInput(values);
}
