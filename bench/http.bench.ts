/**
 * `npm run bench:http`: load on the HTTP server with autocannon over loopback, 50 connections,
 * against code lookup (/api/codes/{code}), search (/api/search) and FHIR $expand with a filter,
 * each next to a bare node:http server answering a fixed JSON body of the same (average) size in
 * the same run: the ceiling of this machine for that body. Prints requests/s, p50/p99 latency,
 * errors (errors + timeouts + non-2xx), the ratio to the ceiling, and the server's memory before
 * and after each run (it should stay flat).
 *
 * Servers run in child processes (this file, forked with --child) so that autocannon and the
 * server do not share one event loop. Duration: HTTP_BENCH_SECONDS (default 30) per run.
 * Database: HCPCS_DB when it holds releases, else ./data/hcpcs.sqlite, else the sample releases in
 * ../shared/cms imported into a temporary database first.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.HTTP_BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = 3;
const ROOT = resolve(import.meta.dirname, '..');

type ChildMessage = { port: number } | { memory: NodeJS.MemoryUsage };

/** Child: the app over a database, or a bare server with a fixed body; reports its port and memory. */
async function child(kind: string, arg: string): Promise<void> {
  let port: number;
  if (kind === 'app' || kind === 'app-uncached') {
    const { HcpcsStore } = await import('../src/store/store.js');
    const { startServer } = await import('../src/server/serve.js');
    const server = await startServer(HcpcsStore.open(arg), {
      port: 0,
      hostname: '127.0.0.1',
      ...(kind === 'app-uncached' ? { cacheBytes: 0 } : {}),
    });
    port = server.port;
  } else {
    const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(Math.max(0, Number(arg) - 10)) }));
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
  }
  process.send?.({ port } satisfies ChildMessage);
  process.on('message', (message) => {
    if (message === 'memory') process.send?.({ memory: process.memoryUsage() } satisfies ChildMessage);
    if (message === 'exit') process.exit(0);
  });
}

interface Child {
  readonly port: number;
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): void;
}

function spawnChild(kind: 'app' | 'app-uncached' | 'bare', arg: string): Promise<Child> {
  const proc = fork(import.meta.filename, ['--child', kind, arg], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolveChild, reject) => {
    proc.once('error', reject);
    proc.once('message', (message: ChildMessage) => {
      if (!('port' in message)) return reject(new Error('child did not report its port'));
      resolveChild({
        port: message.port,
        memory: () =>
          new Promise((done) => {
            proc.once('message', (m: ChildMessage) => done((m as { memory: NodeJS.MemoryUsage }).memory));
            proc.send('memory');
          }),
        stop: () => {
          proc.send('exit');
        },
      });
    });
  });
}

interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** errors/timeouts/non-2xx (with their statuses) when there are any. */
  readonly detail: string;
  readonly requests: number;
}

/** `seconds` of load, or (with `amount`) that many requests: a warm-up pass over every path. */
async function load(port: number, paths: readonly string[], seconds: number, amount?: number): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...(amount ? { amount } : { duration: seconds }),
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    detail:
      result.errors + result.timeouts + result.non2xx > 0
        ? ` (${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx: ${JSON.stringify(result.statusCodeStats)})`
        : '',
    requests: result.requests.total,
  };
}

async function database(): Promise<{ path: string; cleanup: () => void }> {
  const { HcpcsStore } = await import('../src/store/store.js');
  for (const path of [process.env.HCPCS_DB, join(ROOT, 'data/hcpcs.sqlite')]) {
    if (!path || !existsSync(path)) continue;
    const store = HcpcsStore.open(path);
    const count = store.releases().length;
    store.close();
    if (count > 0) return { path, cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-http-bench-'));
  const path = join(dir, 'hcpcs.sqlite');
  process.stdout.write(`importing ../shared/cms into ${path} ...\n`);
  const { readReleases } = await import('../src/ingest/release.js');
  const store = HcpcsStore.open(path);
  for (const release of readReleases([resolve(ROOT, '../shared/cms')])) store.importRelease(release);
  store.close();
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

async function main(): Promise<void> {
  const db = await database();
  const app = await spawnChild('app', db.path);
  try {
    const base = `http://127.0.0.1:${app.port}`;
    const { HcpcsStore } = await import('../src/store/store.js');
    const store = HcpcsStore.open(db.path);
    const latest = store.resolveRelease(undefined) as string;
    // Every code of the latest release: thousands of distinct URLs, not one answer repeated.
    const codes = [...store.records(latest)].map((r) => r.code);
    store.close();
    const words = [
      'wheelchair',
      'hemin',
      'insulin',
      'knee orthosis',
      'oxygen',
      'catheter',
      'ambulance',
      'glucose monitor',
      'walker',
      'injection',
    ];
    const vs = encodeURIComponent('http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets?fhir_vs');
    const targets = [
      {
        name: 'code lookup  GET /api/codes/{code}',
        paths: codes.map((c) => `/api/codes/${c}`),
        uncached: true,
      },
      {
        name: 'search       GET /api/search?q=',
        paths: words.map((w) => `/api/search?q=${encodeURIComponent(w)}&limit=10`),
      },
      {
        name: 'FHIR $expand GET /fhir/ValueSet/$expand?filter=',
        paths: words.map((w) => `/fhir/ValueSet/$expand?url=${vs}&filter=${encodeURIComponent(w)}&count=10`),
      },
    ];
    process.stdout.write(
      `HTTP load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run (after a warm-up: every path once, then ${WARMUP_SECONDS} s), loopback, ${cpus().length} cores (load average ${loadavg()[0]?.toFixed(1)} at start); database ${db.path} (latest release ${latest})\n` +
        `lookup cycles over all ${codes.length} codes of the release; search and $expand over ${words.length} queries\n\n`,
    );
    const rows: string[][] = [
      [
        'endpoint',
        'server (answers kept in memory unless said)',
        'body B',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'of ceiling',
        'rss before -> after',
      ],
    ];
    for (const target of targets) {
      let bytes = 0;
      const sample = target.paths.filter((_, i) => i % Math.ceil(target.paths.length / 200) === 0);
      for (const path of sample) {
        const res = await fetch(`${base}${path}`);
        if (res.status !== 200) throw new Error(`${path}: status ${res.status}`);
        bytes += (await res.arrayBuffer()).byteLength;
      }
      const size = Math.round(bytes / sample.length);
      // Warm-up: every path once (search indexes built, answers kept), then a few seconds more.
      await load(app.port, target.paths, 0, Math.max(target.paths.length, CONNECTIONS));
      await load(app.port, target.paths, WARMUP_SECONDS);
      const before = await app.memory();
      const measured = await load(app.port, target.paths, SECONDS);
      const after = await app.memory();
      let uncached: { load: Load; before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage } | undefined;
      if ('uncached' in target) {
        const plain = await spawnChild('app-uncached', db.path);
        await load(plain.port, target.paths, 0, Math.max(target.paths.length, CONNECTIONS));
        await load(plain.port, target.paths, WARMUP_SECONDS);
        const before = await plain.memory();
        const measuredPlain = await load(plain.port, target.paths, SECONDS);
        uncached = { load: measuredPlain, before, after: await plain.memory() };
        plain.stop();
      }
      const bare = await spawnChild('bare', String(size));
      await load(bare.port, target.paths, WARMUP_SECONDS);
      // The same request paths as the app got: the load generator's own cost is the same.
      const ceiling = await load(bare.port, target.paths, SECONDS);
      bare.stop();
      rows.push(
        [
          target.name,
          'hcpcs',
          String(size),
          measured.rps.toFixed(0),
          String(measured.p50),
          String(measured.p99),
          `${measured.errors}${measured.detail}`,
          `${((100 * measured.rps) / ceiling.rps).toFixed(0)}%`,
          `${mb(before.rss)} -> ${mb(after.rss)}`,
        ],
        [
          '',
          'bare node:http',
          String(size),
          ceiling.rps.toFixed(0),
          String(ceiling.p50),
          String(ceiling.p99),
          String(ceiling.errors),
          '100%',
          '',
        ],
      );
      if (uncached) {
        const u = uncached.load;
        rows.splice(rows.length - 1, 0, [
          '',
          'hcpcs, no answer cache',
          String(size),
          u.rps.toFixed(0),
          String(u.p50),
          String(u.p99),
          `${u.errors}${u.detail}`,
          `${((100 * u.rps) / ceiling.rps).toFixed(0)}%`,
          `${mb(uncached.before.rss)} -> ${mb(uncached.after.rss)}`,
        ]);
      }
    }
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
    for (const row of rows)
      process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}\n`);
  } finally {
    app.stop();
    db.cleanup();
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as string, process.argv[4] as string);
else await main();
