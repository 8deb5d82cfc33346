import { describe, expect, it } from 'vitest';
import { FhirError } from '../outcomes.js';
import { type ParamSpec, parseParametersResource, parseQueryParameters } from './parameters.js';

const SPECS: ParamSpec[] = [
  { name: 'code', type: 'code' },
  { name: 'date', type: 'date' },
  { name: 'count', type: 'integer' },
  { name: 'activeOnly', type: 'boolean' },
  { name: 'coding', type: 'Coding' },
  { name: 'property', type: 'code', repeats: true },
];

function error(fn: () => unknown): { type: string; message: string; expression: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof FhirError) return { type: e.issueType, message: e.message, expression: e.expression };
    throw e;
  }
  throw new Error('no error');
}

describe('GET parameters', () => {
  it('types values and reads partial dates as the day they start', () => {
    const input = parseQueryParameters(
      {
        code: ['J1640'],
        date: ['2024-03'],
        count: ['10'],
        activeOnly: ['true'],
        coding: ['urn:oid:2.16.840.1.113883.6.285|LT'],
        property: ['a', 'b'],
        _format: ['json'],
      },
      SPECS,
      '$op',
    );
    expect(input.string('code')).toBe('J1640');
    expect(input.string('date')).toBe('2024-03-01');
    expect(input.integer('count')).toBe(10);
    expect(input.boolean('activeOnly')).toBe(true);
    expect(input.coding('coding')).toEqual({ system: 'urn:oid:2.16.840.1.113883.6.285', code: 'LT' });
    expect(input.strings('property')).toEqual(['a', 'b']);
  });

  it('names the parameter and the problem', () => {
    expect(error(() => parseQueryParameters({ nope: ['1'] }, SPECS, '$op'))).toEqual({
      type: 'not-supported',
      message: '$op has no parameter "nope" (it takes code, date, count, activeOnly, coding, property)',
      expression: 'nope',
    });
    expect(error(() => parseQueryParameters({ code: ['A', 'B'] }, SPECS, '$op')).message).toBe(
      'parameter code may be given once',
    );
    expect(error(() => parseQueryParameters({ date: ['2024-02-30'] }, SPECS, '$op')).message).toBe(
      'date: 2024-02-30 is not a calendar date',
    );
    expect(error(() => parseQueryParameters({ count: ['1.5'] }, SPECS, '$op')).message).toBe(
      'count: "1.5" is not an integer',
    );
    expect(error(() => parseQueryParameters({ activeOnly: ['yes'] }, SPECS, '$op')).message).toBe(
      'activeOnly: "yes" is not true or false',
    );
    expect(error(() => parseQueryParameters({ code: ['x'.repeat(1001)] }, SPECS, '$op')).type).toBe(
      'too-long',
    );
    expect(
      error(() => parseQueryParameters({ code: ['\u0000\u0001'.repeat(40)] }, SPECS, '$op')),
    ).toMatchObject({ type: 'invalid' });
  });
});

describe('POST Parameters', () => {
  it('reads value[x] by type', () => {
    const input = parseParametersResource(
      {
        resourceType: 'Parameters',
        parameter: [
          { name: 'code', valueCode: 'J1640' },
          { name: 'date', valueDateTime: '2024-05-06T10:00:00Z' },
          { name: 'count', valueInteger: 3 },
          { name: 'coding', valueCoding: { system: 'http://x', code: 'Y' } },
        ],
      },
      SPECS,
      '$op',
    );
    expect([
      input.string('code'),
      input.string('date'),
      input.integer('count'),
      input.coding('coding'),
    ]).toEqual(['J1640', '2024-05-06', 3, { system: 'http://x', code: 'Y' }]);
  });

  it('refuses what is not a Parameters resource, with the path of the bad part', () => {
    expect(error(() => parseParametersResource({ resourceType: 'Patient' }, SPECS, '$op'))).toEqual({
      type: 'structure',
      message: '$op: the POST body must be a FHIR Parameters resource',
      expression: 'Parameters',
    });
    expect(
      error(() => parseParametersResource({ resourceType: 'Parameters', parameter: {} }, SPECS, '$op'))
        .message,
    ).toBe('Parameters.parameter must be an array');
    expect(
      error(() =>
        parseParametersResource(
          { resourceType: 'Parameters', parameter: [{ name: 'count', valueInteger: 1.5 }] },
          SPECS,
          '$op',
        ),
      ),
    ).toEqual({
      type: 'invalid',
      message: 'Parameters.parameter[0].valueInteger: not an integer',
      expression: 'Parameters.parameter[0].valueInteger',
    });
    expect(
      error(() =>
        parseParametersResource(
          { resourceType: 'Parameters', parameter: [{ name: 'coding', valueCoding: { code: 5 } }] },
          SPECS,
          '$op',
        ),
      ).message,
    ).toBe('Parameters.parameter[0].valueCoding.code: must be a string');
  });
});
