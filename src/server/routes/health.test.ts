import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/support/http.js';
import { registerHealth } from './health.js';

describe('GET /healthz over HTTP', () => {
  const server = useTestServer();

  it('answers 200 with the releases count and the latest release, never cached', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const releases = server.store.releases();
    expect(await res.json()).toEqual({
      status: 'ok',
      releases: releases.length,
      latest: releases.at(-1)?.key,
    });
    expect(releases.length).toBeGreaterThan(0);
  });

  it('answers HEAD without a body', async () => {
    const res = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('GET /healthz when the database cannot be read', () => {
  it('answers 503 naming the problem', async () => {
    const app = new OpenAPIHono();
    registerHealth(app, {
      releases: () => {
        throw new Error('SQLITE_IOERR: disk I/O error');
      },
    });
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'unavailable',
      problem: 'the database cannot be read: SQLITE_IOERR: disk I/O error',
    });
  });
});
