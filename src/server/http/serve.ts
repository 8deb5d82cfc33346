/**
 * Starts the application on a real socket (@hono/node-server) and stops it cleanly.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { HcpcsStore } from '../../store/store.js';
import { type AppOptions, answerCacheOf, createApp } from '../app.js';
import { keptAnswer } from './cache.js';

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
  /** How long a client may take to send its headers and its whole request (default 30 s and 60 s). */
  readonly timeouts?: { readonly headersMs: number; readonly requestMs: number };
}

/**
 * Serves the app over a store until `close()`.
 * @example const server = await startServer(store, { port: 0, hostname: '127.0.0.1' }); await fetch(`${server.url}/api/releases`)
 */
export function startServer(store: HcpcsStore, options: ServeOptions): Promise<RunningServer> {
  const app = createApp(store, options);
  const answers = answerCacheOf(app);
  const listener = getRequestListener(app.fetch);
  const hostname = options.hostname ?? '0.0.0.0';
  const headersMs = options.timeouts?.headersMs ?? 30_000;
  const requestMs = options.timeouts?.requestMs ?? 60_000;
  // A repeated GET whose answer is kept is written straight from memory; everything else (and
  // every first request) goes through the app. Node checks both timeouts on the interval given
  // (default 30 s): half the headers timeout keeps a stuck client from holding on much past it.
  const server = createServer({ connectionsCheckingInterval: Math.max(100, headersMs / 2) }, (req, res) => {
    const kept = answers && keptAnswer(answers, req.method, req.url, req.headers);
    if (kept) {
      res.writeHead(200, kept.headers);
      res.end(kept.body);
      return;
    }
    void listener(req, res);
  });
  // Slow or stuck clients cannot hold a connection forever.
  server.requestTimeout = requestMs;
  server.headersTimeout = headersMs;
  // Requests Node's HTTP parser refuses before the app sees them (headers over 16 KiB, broken
  // request lines) still get a JSON error naming the problem instead of an empty answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    // Node hands its own timeouts here too (ERR_HTTP_REQUEST_TIMEOUT): with a listener it no
    // longer answers them itself, so they get RFC 9110's 408 rather than "not valid HTTP".
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            '431 Request Header Fields Too Large',
            'the request line and headers are larger than 16 KiB: send long lists in a POST body',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [
              '408 Request Timeout',
              `the request was not received in time (headers within ${headersMs / 1000} s, the whole request within ${requestMs / 1000} s)`,
            ]
          : ['400 Bad Request', 'the request is not valid HTTP'];
    const body = JSON.stringify({ code: 'HCPCS_E_USAGE', message });
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  // CONNECT asks a proxy for a tunnel; node:http closes the connection without a word unless
  // someone listens. This server is no proxy: 405 with the methods it answers (RFC 9110 §9.3.6,
  // §15.5.6).
  server.on('connect', (_req, socket: Duplex) => {
    const body = JSON.stringify({
      code: 'HCPCS_E_USAGE',
      message: 'CONNECT: this server is not a proxy (it answers GET, HEAD, POST and OPTIONS)',
    });
    socket.on('error', () => socket.destroy());
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, OPTIONS\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, hostname, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
