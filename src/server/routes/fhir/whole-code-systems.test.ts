/**
 * Whole CodeSystems built once per release and kept per coding; every other costly build within a
 * budget of builds a second, so that they cannot starve other clients.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useSampleStore } from '../../../../test/support/cms.js';
import { readCodeSystem } from '../../../fhir/code-system-search.js';
import { HttpError } from '../../http/http-error.js';
import { BuildBudget, WholeCodeSystems } from './whole-code-systems.js';

const store = useSampleStore();
const release = store.releases().at(-1);
if (!release) throw new Error('the sample store holds no release');

describe('BuildBudget', () => {
  it('allows so many builds in any second, then refuses with 503 and the seconds to wait', () => {
    let now = 10_000;
    const budget = new BuildBudget(2, () => now);
    budget.spend('x');
    now += 400;
    budget.spend('x');
    let refused: unknown;
    try {
      budget.spend('CodeSystem/2026-01_v1 with its concepts');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(503);
    expect((refused as HttpError).headers).toEqual({ 'Retry-After': '1' });
    expect((refused as HttpError).message).toMatch(
      /^CodeSystem\/2026-01_v1 with its concepts is built for each request that asks for it, and at most 2 are built a second: retry after 1 s/,
    );
    now += 600; // the first build left the window
    budget.spend('x');
    expect(() => budget.spend('x')).toThrow(HttpError);
  });
});

describe('WholeCodeSystems', () => {
  it('builds a whole CodeSystem once and sends the same bytes after, without spending the budget', () => {
    const wholes = new WholeCodeSystems(store, { buildsPerSecond: 2, now: () => 0 });
    const first = wholes.read(release, { _summary: 'false' }, undefined);
    expect(first.coding).toBeUndefined();
    expect(JSON.parse(first.bytes.toString())).toEqual(readCodeSystem(store, release, { _summary: 'false' }));
    // _summary=data is the same resource (it has no text to leave out).
    for (let i = 0; i < 5; i++)
      expect(wholes.read(release, { _summary: 'data' }, undefined).bytes).toBe(first.bytes);
    const gzip = wholes.read(release, { _summary: 'false' }, 'gzip');
    expect(gzip.coding).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(first.bytes)).toBe(true);
    expect(wholes.read(release, { _summary: 'false' }, 'gzip').bytes).toBe(gzip.bytes);
    expect(wholes.bytes).toBe(first.bytes.byteLength + gzip.bytes.byteLength);
    // Two builds spent (the JSON, its gzip): a shape built per request is now refused.
    expect(() => wholes.read(release, { _elements: 'concept' }, undefined)).toThrow(
      /at most 2 are built a second/,
    );
  });

  it('keeps no more than its bytes, the least recently read out first', () => {
    const size = new WholeCodeSystems(store).read(release, { _summary: 'false' }, undefined).bytes.byteLength;
    const wholes = new WholeCodeSystems(store, { maxBytes: size, buildsPerSecond: 10 });
    const other = store.releases().at(-2);
    if (!other) throw new Error('the sample store holds one release only');
    wholes.read(release, { _summary: 'false' }, undefined);
    wholes.read(other, { _summary: 'false' }, undefined);
    expect(wholes.bytes).toBeLessThanOrEqual(size);
  });
});
