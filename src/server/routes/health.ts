/**
 * `GET /healthz`: for load balancers, container health checks and monitoring. 200 when the process
 * answers and the database can be read, with the number of imported releases and the latest one;
 * 503 when reading the database fails. Never kept by caches (`no-store`): each probe reads anew.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { HcpcsStore } from '../../store/store.js';

/** The body of `GET /healthz`. */
export type Health =
  | { readonly status: 'ok'; readonly releases: number; readonly latest: string | null }
  | { readonly status: 'unavailable'; readonly problem: string };

/** Reads the store the way every request does; any failure makes the answer `unavailable`. */
export function health(store: Pick<HcpcsStore, 'releases'>): Health {
  try {
    const releases = store.releases();
    return { status: 'ok', releases: releases.length, latest: releases.at(-1)?.key ?? null };
  } catch (error) {
    return {
      status: 'unavailable',
      problem: `the database cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Registers `GET /healthz` (HEAD too) on `app`.
 * @example registerHealth(app, store); await app.request('/healthz'); // 200 {"status":"ok","releases":9,"latest":"2026-01_v1"}
 */
export function registerHealth(app: OpenAPIHono, store: Pick<HcpcsStore, 'releases'>): void {
  app.get('/healthz', (c) => {
    const body = health(store);
    c.header('Cache-Control', 'no-store');
    return c.json(body, body.status === 'ok' ? 200 : 503);
  });
}
