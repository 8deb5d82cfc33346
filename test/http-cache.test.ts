/**
 * Answers are cached by URL and data version: an import while the server runs (as `hcpcs import`
 * does from another process) changes the ETags and the answers at the next request, with no
 * restart (the store's catalog asks SQLite's data_version on each request).
 */
import { expect, it } from 'vitest';
import { readReleases } from '../src/ingest/release.js';
import { HcpcsStore } from '../src/store/store.js';
import { cms, tempDbPath } from './support/cms.js';
import { useTestServer } from './support/http.js';

const path = tempDbPath();
const server = useTestServer(() => {
  const writer = HcpcsStore.open(path);
  for (const release of readReleases([cms('2020-04')])) writer.importRelease(release);
  writer.close();
  return HcpcsStore.open(path);
});

async function get(target: string, etag?: string) {
  const res = await fetch(`${server.url}${target}`, etag ? { headers: { 'if-none-match': etag } } : {});
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: res.status === 304 ? null : ((await res.json()) as Record<string, unknown>),
  };
}

const LOOKUP = '/fhir/CodeSystem/$lookup?code=C9053&property=status';

it('serves new data and new ETags after an import, without a restart', async () => {
  const releases = await get('/api/releases');
  expect((releases.body as unknown as { key: string }[]).map((r) => r.key)).toEqual(['2020-04_v1']);
  const before = await get(LOOKUP);
  expect((before.body as { parameter: unknown[] }).parameter[1]).toEqual({
    name: 'version',
    valueString: '2020-04',
  });
  expect((await get(LOOKUP, before.etag as string)).status).toBe(304);
  // A repeated request is answered from the kept answers, identically.
  expect((await get(LOOKUP)).body).toEqual(before.body);

  const writer = HcpcsStore.open(path);
  for (const release of readReleases([cms('2020-07')])) writer.importRelease(release);
  writer.close();

  const after = await get(LOOKUP, before.etag as string);
  expect(after.status).toBe(200);
  expect(after.etag).not.toBe(before.etag);
  const parameters = (
    after.body as { parameter: { name: string; valueString?: string; part?: { valueCode?: string }[] }[] }
  ).parameter;
  expect(parameters[1]).toEqual({ name: 'version', valueString: '2020-07' });
  // C9053 was terminated on 2020-06-30 (replaced by J0791), so in the July file it is retired.
  expect(parameters.find((p) => p.name === 'property')?.part?.[1]).toEqual({
    name: 'value',
    valueCode: 'retired',
  });
  const list = await get('/api/releases');
  expect((list.body as unknown as { key: string }[]).map((r) => r.key)).toEqual(['2020-04_v1', '2020-07_v1']);
});
