/**
 * HTTP-test support: the application on a real socket (src/server/http/serve.ts over @hono/node-server)
 * at 127.0.0.1 on a port the system picks, started before a file's tests and stopped after them,
 * and small fetch helpers that return the response with its parsed JSON body.
 */
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/http/serve.js';
import type { HcpcsStore } from '../../src/store/store.js';
import { openSampleStore } from './cms.js';

/** A server that runs for the tests of one file; read its fields inside tests or hooks only. */
export interface TestServer {
  /** `http://127.0.0.1:port`. */
  readonly url: string;
  /** The store the server answers from. */
  readonly store: HcpcsStore;
  /**
   * Fetches a path of the server (GET unless `init` says otherwise) and parses the answer as JSON.
   * @example const { res, body } = await server.getJson('/api/codes/J1640');
   */
  getJson<T = unknown>(path: string, init?: RequestInit): Promise<{ res: Response; body: T }>;
}

/**
 * Registers beforeAll/afterAll hooks that open a store (the sample database unless `open` says
 * otherwise), serve it on 127.0.0.1 port 0, and close both afterwards.
 * @example const server = useTestServer(); it('...', async () => fetch(`${server.url}/api/releases`));
 */
export function useTestServer(
  open: () => HcpcsStore = openSampleStore,
  options: Omit<ServeOptions, 'port' | 'hostname'> = {},
): TestServer {
  let store: HcpcsStore | undefined;
  let running: RunningServer | undefined;
  beforeAll(async () => {
    store = open();
    running = await startServer(store, { ...options, port: 0, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await running?.close();
    store?.close();
  });
  const server: TestServer = {
    get url() {
      if (!running) throw new Error('the test server is not started: use it inside a test or hook');
      return running.url;
    },
    get store() {
      if (!store) throw new Error('the test server is not started: use it inside a test or hook');
      return store;
    },
    getJson: (path, init) => fetchJson(`${server.url}${path}`, init),
  };
  return server;
}

/**
 * Fetches `url` and parses the answer as JSON.
 * @example const { res, body } = await fetchJson(`${server.url}/api/codes/J1640`);
 */
export async function fetchJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ res: Response; body: T }> {
  const res = await fetch(url, init);
  return { res, body: (await res.json()) as T };
}
