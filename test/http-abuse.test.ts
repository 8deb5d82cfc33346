/**
 * What one client must not be able to do to the server: grow the answer cache past its
 * bound with unique or oversized keys, poison kept answers with its Host header, hold the server
 * with whole CodeSystems, have its disconnects logged as internal errors, get no answer to
 * CONNECT, or slip invalid UTF-8 into a JSON lookup.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codeSystemId } from '../src/fhir/code-system.js';
import { answerCacheOf, createApp, publicUrlFromEnv } from '../src/server/app.js';
import { openSampleStore } from './support/cms.js';
import { useTestServer } from './support/http.js';

/** One raw HTTP/1.1 exchange: the bytes sent as they are, the whole answer read until close. */
function rawExchange(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.end(request);
  });
}

const portOf = (url: string) => Number(new URL(url).port);

describe('answer cache under unique and oversized keys', () => {
  const store = openSampleStore();
  const bound = 400_000;
  const app = createApp(store, { cacheBytes: bound, pages: false });
  const cache = answerCacheOf(app);
  const accept = 'text/plain;q=0.1, '.repeat(390); // 6.6 KB, as in the report
  const keyOf = (target: string, headers: { accept?: string } = {}) =>
    cache?.key(target, { accept: headers.accept, origin: undefined, acceptEncoding: undefined });

  it('keeps no answer to a target with parameters its route does not read, or with an oversized key', async () => {
    const junk = 'a'.repeat(8_000);
    for (let i = 0; i < 50; i++) {
      const huge = `/api/search?q=zzqqxx&_p=${junk}&_u=${i}`;
      expect((await app.request(huge, { headers: { accept } })).status).toBe(200);
      expect(cache?.get(cache.version(), keyOf(huge, { accept }))).toBeUndefined();
      const unique = `/api/search?q=zzqqxx&_u=${i}`;
      expect((await app.request(unique)).status).toBe(200);
      expect(cache?.get(cache.version(), keyOf(unique))).toBeUndefined();
      const fhir = `/fhir/CodeSystem/$lookup?code=J1640&_u=${i}`;
      expect((await app.request(fhir)).status).toBe(200);
      expect(cache?.get(cache.version(), keyOf(fhir))).toBeUndefined();
    }
    // What a route reads is kept, whatever the Accept wording: one entry for both.
    await app.request('/api/search?q=zzqqxx&limit=5', { headers: { accept } });
    expect(cache?.get(cache.version(), keyOf('/api/search?q=zzqqxx&limit=5'))).toBeDefined();
    const before = cache?.size;
    await app.request('/api/search?q=zzqqxx&limit=5');
    expect(cache?.size).toBe(before);
  });

  it('stays under its bound, keys and headers counted, with unique valid searches', async () => {
    for (let i = 0; i < 400; i++) {
      const res = await app.request(`/api/search?q=zzqqxx${i}&limit=${1 + (i % 50)}`);
      expect(res.status).toBe(200);
    }
    expect(cache?.size).toBeGreaterThan(10);
    expect(cache?.bytes).toBeLessThanOrEqual(bound);
    expect(cache?.bytes).toBeGreaterThan(bound - 10_000);
  });
});

describe('whole CodeSystems', () => {
  const store = openSampleStore();
  const latest = store.releases().at(-1);
  const id = latest ? codeSystemId(latest) : 'none';

  it('are built once and sent as kept bytes, gzip too', async () => {
    const app = createApp(store, { pages: false });
    const target = `/fhir/CodeSystem/${id}?_summary=false`;
    const first = await app.request(target);
    expect(first.status).toBe(200);
    const bytes = Buffer.from(await first.arrayBuffer());
    const resource = JSON.parse(bytes.toString()) as { id: string; content: string; concept: unknown[] };
    expect([resource.id, resource.content, resource.concept.length > 20]).toEqual([id, 'complete', true]);
    const again = await app.request(target, { headers: { 'if-none-match': 'W/"other"' } });
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    const gzip = await app.request(target, { headers: { 'accept-encoding': 'gzip' } });
    expect([gzip.status, gzip.headers.get('content-encoding'), gzip.headers.get('vary')]).toEqual([
      200,
      'gzip',
      'Accept-Encoding',
    ]);
  });

  it('past the build budget: 503, Retry-After and an OperationOutcome "throttled", not logged', async () => {
    const app = createApp(store, { pages: false, limits: { costlyBuildsPerSecond: 0 } });
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    for (const target of [
      `/fhir/CodeSystem/${id}?_elements=concept`,
      '/fhir/CodeSystem?_count=1&_summary=false',
    ]) {
      const res = await app.request(target);
      expect(res.status, target).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const outcome = (await res.json()) as {
        resourceType: string;
        issue: { severity: string; code: string }[];
      };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]?.code).toBe('throttled');
    }
    // An unfiltered expansion without count (9,000 codes) is as costly; a page of it or a
    // filtered one is not.
    const vs = encodeURIComponent('http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs');
    const all = await app.request(`/fhir/ValueSet/$expand?url=${vs}`);
    expect([all.status, all.headers.get('retry-after')]).toEqual([503, '1']);
    expect(((await all.json()) as { issue: { diagnostics: string }[] }).issue[0]?.diagnostics).toMatch(
      /^an expansion of \d{4} codes \(unfiltered, no count\) is built for each request that asks for it, and at most 0 are built a second/,
    );
    vi.restoreAllMocks();
    expect(written).toEqual([]);
    // Cheap reads are answered as before.
    for (const target of [
      `/fhir/CodeSystem/${id}`,
      `/fhir/ValueSet/$expand?url=${vs}&count=1000`,
      `/fhir/ValueSet/$expand?url=${vs}&filter=wheelchair`,
    ])
      expect((await app.request(target)).status, target).toBe(200);
  });
});

describe('Host header', () => {
  const server = useTestServer();
  const poisoned = [
    '/openapi.json',
    '/fhir/metadata',
    '/fhir/metadata?mode=terminology',
    '/fhir/CodeSystem?_count=1',
  ];

  it('a request with Host: evil.example leaves no trace in the answers others get', async () => {
    const port = portOf(server.url);
    // The same request but for Host, so that a kept answer would be shared.
    const get = (target: string, host: string) =>
      rawExchange(
        port,
        `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nAccept: */*\r\nConnection: close\r\n\r\n`,
      );
    for (const target of poisoned) {
      const evil = await get(target, 'evil.example');
      expect(evil.split('\r\n')[0], target).toBe('HTTP/1.1 200 OK');
      for (let i = 0; i < 2; i++)
        expect(await get(target, `127.0.0.1:${port}`), target).not.toContain('evil.example');
    }
  });

  it('OpenAPI servers are relative without a configured public URL (OpenAPI 3.0.3 Server Object)', async () => {
    const { body: doc } = await server.getJson<{ servers: unknown }>('/openapi.json');
    expect(doc.servers).toEqual([{ url: '/' }]);
  });
});

describe('HCPCS_PUBLIC_URL', () => {
  const server = useTestServer(openSampleStore, { publicUrl: 'https://hcpcs.example.org/base' });

  it('is the base of every absolute URL the server writes, whatever the Host', async () => {
    const port = portOf(server.url);
    const openapi = await rawExchange(port, 'GET /openapi.json HTTP/1.1\r\nHost: evil.example\r\n\r\n');
    expect(openapi).toContain('"servers":[{"url":"https://hcpcs.example.org/base"}]');
    const { body: metadata } = await server.getJson<{ url: string; implementation: { url: string } }>(
      '/fhir/metadata',
      { headers: { host: 'evil.example' } },
    );
    expect(metadata.url).toBe('https://hcpcs.example.org/base/fhir/metadata');
    expect(metadata.implementation.url).toBe('https://hcpcs.example.org/base/fhir');
    const { body: bundle } = await server.getJson<{
      link: { relation: string; url: string }[];
      entry: { fullUrl: string }[];
    }>('/fhir/CodeSystem?_count=1&_summary=true');
    expect(bundle.link[0]).toEqual({
      relation: 'self',
      url: 'https://hcpcs.example.org/base/fhir/CodeSystem?_count=1&_summary=true',
    });
    expect(bundle.entry[0]?.fullUrl).toMatch(
      /^https:\/\/hcpcs\.example\.org\/base\/fhir\/CodeSystem\/hcpcs-/,
    );
  });

  it('is refused unless an absolute http(s) URL without query or fragment', () => {
    expect(publicUrlFromEnv(undefined)).toBeUndefined();
    expect(publicUrlFromEnv('  ')).toBeUndefined();
    expect(publicUrlFromEnv('https://h.example/x/')).toBe('https://h.example/x');
    for (const bad of [
      'h.example',
      '/relative',
      'ftp://h.example',
      'https://h.example/?a=1',
      'https://h.example/#f',
    ])
      expect(() => publicUrlFromEnv(bad), bad).toThrow(/HCPCS_PUBLIC_URL/);
  });
});

describe('plumbing (smaller ways to upset the server)', () => {
  const server = useTestServer();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers CONNECT with 405 and a JSON error instead of closing the connection', async () => {
    const answer = await rawExchange(
      portOf(server.url),
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(answer).toContain('Allow: GET, HEAD, POST, OPTIONS');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      code: 'HCPCS_E_USAGE',
      message: 'CONNECT: this server is not a proxy (it answers GET, HEAD, POST and OPTIONS)',
    });
  });

  it('refuses a lookup body that is not UTF-8 with 400, as FHIR does', async () => {
    const body = Buffer.concat([
      Buffer.from('{"codes":["J1640","'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"]}'),
    ]);
    const res = await fetch(`${server.url}/api/codes/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'HCPCS_E_USAGE',
      message: 'the request body is not UTF-8 text (invalid byte sequence)',
    });
  });

  it('does not log a client that hangs up in the middle of its body as an internal error', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    for (const path of ['/api/codes/lookup', '/fhir/CodeSystem/$lookup']) {
      await new Promise<void>((resolve) => {
        const socket = connect(portOf(server.url), '127.0.0.1', () => {
          socket.write(
            `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"codes":["J1`,
          );
          setImmediate(() => socket.destroy());
        });
        socket.on('close', () => resolve());
      });
    }
    // Requests after the hang-ups are answered once the server has seen them go.
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/releases`)).status).toBe(200);
    expect(written.filter((line) => line.includes('hcpcs serve'))).toEqual([]);
  });
});

describe('a client that never finishes its headers', () => {
  const server = useTestServer(openSampleStore, {
    pages: false,
    timeouts: { requestMs: 1_000, headersMs: 500 },
  });

  it('gets 408 Request Timeout when the headers timeout passes, not 400 "not valid HTTP"', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(portOf(server.url), '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.on('error', reject);
      // The request line and one header, then nothing: the headers never end.
      socket.write('GET /api/releases HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      code: 'HCPCS_E_USAGE',
      message: 'the request was not received in time (headers within 0.5 s, the whole request within 1 s)',
    });
  });
});
