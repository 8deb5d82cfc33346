/**
 * `hcpcs serve [--port N] [--host H]`: the JSON API, FHIR R4 and the pages over HCPCS_DB until
 * interrupted. Read-only: nothing served writes to the database. HCPCS_PUBLIC_URL (the absolute
 * URL clients reach the server at) is the base of the URLs answers name.
 */
import { corsFromEnv, publicUrlFromEnv } from '../../server/app.js';
import { startServer } from '../../server/http/serve.js';
import type { HcpcsStore } from '../../store/store.js';
import { env, openStore, usageError } from '../context.js';

export interface ServeCommandOptions {
  readonly port?: string;
  readonly host?: string;
  /** Run `hcpcs update` in the background this often (off when absent). */
  readonly updateEvery?: string;
  readonly updateSource?: string[];
  readonly updateDir?: string;
}

function portOf(text: string, name: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw usageError(`${name}: "${text}" is not a port number (0-65535)`);
  }
  return Number(text);
}

/**
 * Serves an open store until SIGINT/SIGTERM, then closes the server and the store.
 * @example await serveStore(store, { port: 8080, hostname: '0.0.0.0' })
 */
export async function serveStore(
  store: HcpcsStore,
  options: { port: number; hostname: string },
): Promise<void> {
  const publicUrl = publicUrlFromEnv(process.env.HCPCS_PUBLIC_URL);
  const server = await startServer(store, {
    ...options,
    cors: corsFromEnv(process.env.HCPCS_CORS_ORIGINS),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
  });
  const releases = store.releases();
  process.stdout.write(
    `hcpcs serving ${releases.length} release${releases.length === 1 ? '' : 's'} from ${env.db()} on http://${options.hostname}:${server.port}\n` +
      `  pages /   API /api (OpenAPI: /openapi.json)   FHIR R4 /fhir (/fhir/metadata)   NLM-compatible /api/hcpcs/v3/search\n`,
  );
  if (releases.length === 0) process.stdout.write('  no release is imported yet: run hcpcs import <path>\n');
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function serveCommand(options: ServeCommandOptions): Promise<void> {
  const port = options.port !== undefined ? portOf(options.port, '--port') : portOf(env.port(), 'PORT');
  const hostname = options.host ?? process.env.HOST ?? '0.0.0.0';
  const { periodOf, startBackgroundUpdates } = await import('../background-update.js');
  const every =
    options.updateEvery !== undefined ? periodOf(options.updateEvery, '--update-every') : undefined;
  const store = openStore();
  const updates =
    every === undefined
      ? undefined
      : startBackgroundUpdates(
          every,
          [
            ...(options.updateSource ?? []).flatMap((s) => ['--source', s]),
            ...(options.updateDir ? ['--dir', options.updateDir] : []),
          ],
          (line) => process.stdout.write(`${line}\n`),
        );
  try {
    await serveStore(store, { port, hostname });
  } finally {
    updates?.stop();
    store.close();
  }
}
