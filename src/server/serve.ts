/**
 * Starts the application on a real socket (@hono/node-server) and stops it cleanly.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { HcpcsStore } from '../store/store.js';
import { type AppOptions, createApp } from './app.js';

export interface RunningServer {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and resolves when the open ones are closed. */
  close(): Promise<void>;
}

export interface ServeOptions extends AppOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly hostname?: string;
}

/**
 * Serves the app over a store until `close()`.
 * @example const server = await startServer(store, { port: 0, hostname: '127.0.0.1' }); await fetch(`${server.url}/api/releases`)
 */
export function startServer(store: HcpcsStore, options: ServeOptions): Promise<RunningServer> {
  const app = createApp(store, options);
  const hostname = options.hostname ?? '0.0.0.0';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    // Slow or stuck clients cannot hold a connection forever (Node's defaults, stated).
    if ('requestTimeout' in server) {
      server.requestTimeout = 60_000;
      server.headersTimeout = 30_000;
    }
    server.once('error', reject);
  });
}
