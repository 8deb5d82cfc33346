/**
 * `npm run bench:http`: load on the HTTP server with autocannon over loopback, 50 connections,
 * against code lookup (/api/codes/{code}), search (/api/search) and FHIR $expand with a filter,
 * each next to a bare node:http server answering a fixed JSON body of the same (average) size in
 * the same run: the ceiling of this machine for that body. For lookup two more rows: the app
 * without its kept answers, and a bare server replaying the app's own answers (the same headers
 * and 9,006 bodies, no other work), which tells the cost of the answers' shape from the app's.
 * Prints requests/s, p50/p99 latency, errors (errors + timeouts + non-2xx), the ratio to the
 * ceiling, and each server's memory before and after (it should stay flat). Each server's time is
 * split into rounds taken in turn (app, bare, app, bare ...): the ratio printed is the median over
 * rounds of requests served next to the ceiling's in the round beside it, with the range and the
 * ratio of all requests.
 *
 * Servers run in child processes (this file, forked with --child) so that autocannon and the
 * server do not share one event loop. Duration: HTTP_BENCH_SECONDS (default 30) per server;
 * HTTP_BENCH_TARGETS picks some of lookup, search, expand.
 * Database: HCPCS_DB when it holds releases, else ./data/hcpcs.sqlite, else the sample releases in
 * ../shared/cms imported into a temporary database first.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, get } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.HTTP_BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = 3;
/**
 * Each server's SECONDS are split into this many rounds, taken in turn: other work on a shared
 * machine comes and goes within seconds, so only rounds close in time compare fairly.
 */
const ROUNDS = 10;
/** HTTP_BENCH_TARGETS=lookup,search,expand (default: all three). */
const ONLY = process.env.HTTP_BENCH_TARGETS?.split(',').map((t) => t.trim());
const ROOT = resolve(import.meta.dirname, '..');

type ChildMessage = { port: number } | { memory: NodeJS.MemoryUsage };

/**
 * Child: the app over a database; a bare server replaying the app's answers (same headers, same
 * bodies, nothing else done); or a bare server with one fixed body. Reports its port and memory.
 */
async function child(kind: string, arg: string): Promise<void> {
  let port: number;
  if (kind === 'app' || kind === 'app-uncached') {
    const { HcpcsStore } = await import('../src/store/store.js');
    const { startServer } = await import('../src/server/http/serve.js');
    const server = await startServer(HcpcsStore.open(arg), {
      port: 0,
      hostname: '127.0.0.1',
      ...(kind === 'app-uncached' ? { cacheBytes: 0 } : {}),
    });
    port = server.port;
  } else if (kind === 'replay') {
    // arg: the app's port and a file listing the paths. Each answer is fetched once, as
    // autocannon would ask for it, and then sent back as received (Node adds Date and Connection).
    const [appPort, listFile] = arg.split('|') as [string, string];
    const paths = JSON.parse(readFileSync(listFile, 'utf8')) as string[];
    const answers = new Map<string, RawAnswer>();
    await requestEach(Number(appPort), paths, (path, { headers, body }) => {
      const name = (i: number) => headers[i - (i % 2)] ?? '';
      answers.set(path, {
        headers: headers.filter((_, i) => !/^(date|connection|keep-alive)$/i.test(name(i))),
        body,
      });
    });
    const server = createServer((req, res) => {
      const answer = answers.get(req.url ?? '');
      if (!answer) return void res.writeHead(404).end();
      res.writeHead(200, answer.headers);
      res.end(answer.body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
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

function spawnChild(kind: 'app' | 'app-uncached' | 'replay' | 'bare', arg: string): Promise<Child> {
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
  /** How long the load ran, as autocannon measured it (s). */
  readonly seconds: number;
}

/** An answer as it came: raw header list (name, value, ...) and body. */
interface RawAnswer {
  readonly headers: string[];
  readonly body: Buffer;
}

/**
 * Every path requested once, a few at a time, with the headers autocannon sends (Host and
 * Connection only) so the answers kept are the ones the measured run asks for; fetch() would add
 * Accept-Encoding and fill the cache with gzip answers instead. Not autocannon with `amount`: each
 * of its connections walks the request list from the start, so 50 connections x N/50 requests
 * visit only the first N/50 paths and leave the rest to miss during the measured run. Any status
 * but 200 stops the benchmark. `onAnswer` gets each answer.
 */
async function requestEach(
  port: number,
  paths: readonly string[],
  onAnswer?: (path: string, answer: RawAnswer) => void,
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const request = (path: string) =>
    new Promise<void>((done, fail) => {
      get({ host: '127.0.0.1', port, path, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return fail(new Error(`${path}: status ${res.statusCode}`));
          onAnswer?.(path, { headers: res.rawHeaders, body: Buffer.concat(chunks) });
          done();
        });
      }).on('error', fail);
    });
  let next = 0;
  const worker = async () => {
    for (let path = paths[next++]; path !== undefined; path = paths[next++]) await request(path);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  agent.destroy();
}

/** Requests a second of one load. */
const rate = (l: Load) => l.requests / l.seconds;
/** Requests a second over several loads. */
const overall = (loads: readonly Load[]) =>
  loads.reduce((sum, l) => sum + l.requests, 0) / loads.reduce((sum, l) => sum + l.seconds, 0);

/** `seconds` of load with 50 connections, each cycling over the paths from the first. */
async function load(port: number, paths: readonly string[], seconds: number): Promise<Load> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
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
    seconds: result.duration,
  };
}

/**
 * The database the benchmarks read: HCPCS_DB when it holds releases, else ./data/hcpcs.sqlite,
 * else the sample releases of ../shared/cms imported into a temporary one (removed by cleanup).
 */
export async function database(): Promise<{ path: string; cleanup: () => void }> {
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
        id: 'lookup',
        name: 'code lookup  GET /api/codes/{code}',
        paths: codes.map((c) => `/api/codes/${c}`),
        uncached: true,
        replay: true,
      },
      {
        id: 'search',
        name: 'search       GET /api/search?q=',
        paths: words.map((w) => `/api/search?q=${encodeURIComponent(w)}&limit=10`),
      },
      {
        id: 'expand',
        name: 'FHIR $expand GET /fhir/ValueSet/$expand?filter=',
        paths: words.map((w) => `/fhir/ValueSet/$expand?url=${vs}&filter=${encodeURIComponent(w)}&count=10`),
      },
    ];
    process.stdout.write(
      `HTTP load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per server in ${ROUNDS} rounds taken in turn (after a warm-up: every path once, then ${WARMUP_SECONDS} s); p50/p99: the worst round, loopback, ${cpus().length} cores (load average ${loadavg()[0]?.toFixed(1)} at start); database ${db.path} (latest release ${latest})\n` +
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
        'of ceiling: median round (range; all rounds)',
        'rss before -> after',
      ],
    ];
    for (const target of targets.filter((t) => ONLY === undefined || ONLY.includes(t.id))) {
      let bytes = 0;
      const sample = target.paths.filter((_, i) => i % Math.ceil(target.paths.length / 200) === 0);
      for (const path of sample) {
        const res = await fetch(`${base}${path}`);
        if (res.status !== 200) throw new Error(`${path}: status ${res.status}`);
        bytes += (await res.arrayBuffer()).byteLength;
      }
      const size = Math.round(bytes / sample.length);
      const contenders: { label: string; child: Child; own: boolean }[] = [
        { label: 'hcpcs', child: app, own: false },
      ];
      if ('replay' in target) {
        const list = join(mkdtempSync(join(tmpdir(), 'hcpcs-http-replay-')), 'paths.json');
        writeFileSync(list, JSON.stringify(target.paths));
        contenders.push({
          label: "bare node:http replaying hcpcs' answers",
          child: await spawnChild('replay', `${app.port}|${list}`),
          own: true,
        });
        rmSync(dirname(list), { recursive: true, force: true });
      }
      if ('uncached' in target)
        contenders.push({
          label: 'hcpcs, no answer cache',
          child: await spawnChild('app-uncached', db.path),
          own: true,
        });
      contenders.push({ label: 'bare node:http', child: await spawnChild('bare', String(size)), own: true });
      // Warm-up: every path once (search indexes built, answers kept), then a few seconds more.
      for (const { child } of contenders) {
        await requestEach(child.port, target.paths);
        await load(child.port, target.paths, WARMUP_SECONDS);
      }
      // Rounds taken in turn, so that a change in what else runs on the machine falls on all
      // servers alike instead of on whichever ran at that moment. Same request paths for all: the
      // load generator's own cost is the same.
      const before = await Promise.all(contenders.map(({ child }) => child.memory()));
      const rounds = contenders.map(() => [] as Load[]);
      for (let round = 0; round < ROUNDS; round++)
        for (const [i, { child }] of contenders.entries())
          rounds[i]?.push(await load(child.port, target.paths, SECONDS / ROUNDS));
      const after = await Promise.all(contenders.map(({ child }) => child.memory()));
      for (const { child, own } of contenders) if (own) child.stop();
      const ceiling = rounds.at(-1) as Load[];
      const ceilingRate = overall(ceiling);
      for (const [i, { label }] of contenders.entries()) {
        const loads = rounds[i] as Load[];

        const errors = loads.reduce((sum, l) => sum + l.errors, 0);
        const isCeiling = i === contenders.length - 1;
        const perRound = loads
          .map((l, r) => (100 * rate(l)) / rate(ceiling[r] as Load))
          .sort((a, b) => a - b);
        const median = ((perRound[(ROUNDS - 1) >> 1] ?? 0) + (perRound[ROUNDS >> 1] ?? 0)) / 2;
        rows.push([
          i === 0 ? target.name : '',
          label,
          String(size),
          overall(loads).toFixed(0),
          String(Math.max(...loads.map((l) => l.p50))),
          String(Math.max(...loads.map((l) => l.p99))),
          `${errors}${loads.map((l) => l.detail).join('')}`,
          isCeiling
            ? '100%'
            : `${median.toFixed(0)}% (${perRound[0]?.toFixed(0)}-${perRound.at(-1)?.toFixed(0)}%; all rounds ${((100 * overall(loads)) / ceilingRate).toFixed(0)}%)`,
          isCeiling ? '' : `${mb(before[i]?.rss ?? 0)} -> ${mb(after[i]?.rss ?? 0)}`,
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

// Run as a script (npm run bench:http, or forked as a child); imported (bench:soak), it only lends
// its helpers.
if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  if (process.argv[2] === '--child') await child(process.argv[3] as string, process.argv[4] as string);
  else await main();
}
