import type { FhirResource, OperationOutcome } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { type BatchCall, runBatch } from './batch.js';

const BASE = 'https://hcpcs.example.org/fhir';
const echo = async (call: BatchCall) => ({
  status: 200,
  resource: {
    resourceType: 'Parameters',
    parameter: [{ name: 'url', valueString: call.url }],
  } as FhirResource,
});

describe('runBatch', () => {
  it('runs entries in order with relative URLs, the base stripped, and answers a bad entry in its place', async () => {
    const bundle = await runBatch(
      {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: `${BASE}/CodeSystem/$lookup?code=J1640` } },
          { request: { method: 'GET', url: 'https://elsewhere.example.org/fhir/Patient/1' } },
          { request: { method: 'GET', url: '/ValueSet/hcpcs-all' } },
        ],
      },
      BASE,
      echo,
    );
    expect(
      bundle.entry?.map((e) => [
        e.response?.status,
        e.resource?.id ??
          (e.resource as { parameter?: { valueString: string }[] })?.parameter?.[0]?.valueString,
      ]),
    ).toEqual([
      ['200 OK', 'CodeSystem/$lookup?code=J1640'],
      ['400 Bad Request', undefined],
      ['200 OK', 'ValueSet/hcpcs-all'],
    ]);
    expect(
      (bundle.entry?.[1]?.response?.outcome as OperationOutcome | undefined)?.issue[0]?.diagnostics,
    ).toBe('Bundle.entry[1].request.url: https://elsewhere.example.org/fhir/Patient/1 is not on this server');
  });

  it('refuses a transaction, another resource and too many entries', async () => {
    await expect(runBatch({ resourceType: 'Bundle', type: 'transaction' }, BASE, echo)).rejects.toThrow(
      'Bundle.type transaction: this server is read-only and answers batch Bundles only',
    );
    await expect(runBatch({ resourceType: 'Parameters' }, BASE, echo)).rejects.toThrow(
      'a Bundle of type batch',
    );
    const entry = Array.from({ length: 101 }, () => ({ request: { method: 'GET', url: 'metadata' } }));
    await expect(runBatch({ resourceType: 'Bundle', type: 'batch', entry }, BASE, echo)).rejects.toThrow(
      'a batch holds at most 100 entries (this one 101)',
    );
  });
});
