/**
 * `npm run bench:soak`: can one client grow the server's memory or starve other clients (issue
 * 10)? Loopback only (127.0.0.1), bounded in time. The server runs in a child process over the
 * sample database (as bench:http finds or builds it); its RSS (VmRSS of /proc/<pid>/status) is
 * printed every 5 s.
 *
 * 1. Unique queries, SOAK_SECONDS (default 60): 50 connections, every request a new target:
 *    `/api/search?q=zzqqxx&_u=<n>` (a parameter the route does not read) and unique valid
 *    searches `/api/search?q=zzqqxx<n>&limit=<1..50>`.
 * 2. Oversized keys, SOAK_SECONDS: 50 connections, `/api/search?q=zzqqxx&_p=<8,000 x a>&_u=<n>`
 *    with a unique 6.6 KB Accept header (what killed the server in ~130 s before the fix).
 *    RSS must level off: each phase's highest RSS under SOAK_RSS_BOUND_MB (default 400), and the
 *    highest of its last 15 s at most SOAK_RSS_GROWTH_MB (default 16) above the highest before
 *    them. The run fails (exit 1) otherwise.
 * 3. Starvation, SOAK_SECONDS / 2 each: the p99 of plain lookups (`/api/codes/{code}`, 10
 *    connections, every code of the latest release) alone, then while 20 connections (in another
 *    process) download `/fhir/CodeSystem/{id}?_summary=false` (8 MB each) without pause.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { database } from './http.bench.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const RSS_BOUND_MB = Number(process.env.SOAK_RSS_BOUND_MB ?? 400);
const RSS_GROWTH_MB = Number(process.env.SOAK_RSS_GROWTH_MB ?? 16);
const SAMPLE_EVERY_MS = 5_000;
const CONNECTIONS = 50;
/** The report's oversized request: 8,000 characters of junk parameter and a 6.6 KB Accept. */
const JUNK = 'a'.repeat(8_000);
const ACCEPT = 'text/plain;q=0.1, '.repeat(366);

/** Child: the server over a database, reporting its port. */
async function serverChild(dbPath: string): Promise<void> {
  const { HcpcsStore } = await import('../src/store/store.js');
  const { startServer } = await import('../src/server/http/serve.js');
  const server = await startServer(HcpcsStore.open(dbPath), { port: 0, hostname: '127.0.0.1' });
  process.send?.({ port: server.port });
  process.on('message', (message) => {
    if (message === 'exit') process.exit(0);
  });
}

/**
 * Child: 20 connections downloading one whole CodeSystem without pause for `seconds`, reporting
 * answers, bytes, statuses and the slowest answers. A plain node:http client that drops the
 * bytes: autocannon parses every body and is the bottleneck on 8 MB answers.
 */
async function downloaderChild(port: string, path: string, seconds: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  const until = Date.now() + Number(seconds) * 1_000;
  const statuses: Record<string, number> = {};
  const times: number[] = [];
  let bytes = 0;
  let errors = 0;
  const once = () =>
    new Promise<void>((done) => {
      const start = performance.now();
      get({ host: '127.0.0.1', port: Number(port), path, agent }, (res) => {
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
        });
        res.on('end', () => {
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          times.push(performance.now() - start);
          done();
        });
      }).on('error', () => {
        errors++;
        done();
      });
    });
  const connection = async () => {
    while (Date.now() < until) await once();
  };
  await Promise.all(Array.from({ length: 20 }, connection));
  agent.destroy();
  times.sort((a, b) => a - b);
  process.send?.({
    requests: times.length,
    bytes,
    statuses,
    p99: Math.round(times[Math.floor(times.length * 0.99)] ?? 0),
    errors,
  });
}

function forkChild(args: string[]): { proc: ReturnType<typeof fork>; first: Promise<unknown> } {
  const proc = fork(import.meta.filename, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('message', resolve);
  });
  return { proc, first };
}

/** Resident memory of a process in MB, from the kernel (VmRSS, /proc/<pid>/status). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

interface Sample {
  readonly at: number;
  readonly rss: number;
}

/** Prints the server's RSS every 5 s while `work` runs; returns the samples. */
async function sampled(pid: number, label: string, work: Promise<unknown>): Promise<Sample[]> {
  const start = Date.now();
  const samples: Sample[] = [{ at: 0, rss: rssMb(pid) }];
  const print = (s: Sample) =>
    process.stdout.write(
      `  ${label} t=${(s.at / 1000).toFixed(0).padStart(3)} s  rss ${s.rss.toFixed(0)} MB\n`,
    );
  print(samples[0] as Sample);
  const timer = setInterval(() => {
    const sample = { at: Date.now() - start, rss: rssMb(pid) };
    samples.push(sample);
    print(sample);
  }, SAMPLE_EVERY_MS);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  samples.push({ at: Date.now() - start, rss: rssMb(pid) });
  return samples;
}

/**
 * Whether a phase's RSS levelled off: its highest RSS stays under SOAK_RSS_BOUND_MB, and the
 * highest of its last 15 s exceeds the highest before them by at most SOAK_RSS_GROWTH_MB. A leak
 * like an unbounded answer cache (~1.6 KB a request kept, ~1,500 requests/s here: ~36 MB in 15 s) fails
 * it; the answer cache filling to its 64 MB bound in the first tens of seconds does not.
 * Prints the verdict; false when it did not level off.
 */
function levelledOff(label: string, samples: readonly Sample[]): boolean {
  const end = samples.at(-1)?.at ?? 0;
  const before = samples.filter((s) => s.at < end - 15_000).map((s) => s.rss);
  const last = samples.filter((s) => s.at >= end - 15_000).map((s) => s.rss);
  const highest = Math.max(...before, ...last);
  const growth = Math.max(...last) - Math.max(...before);
  const ok = highest <= RSS_BOUND_MB && growth <= RSS_GROWTH_MB;
  process.stdout.write(
    `  ${label}: highest RSS ${highest.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB); last 15 s ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB over the highest before (at most +${RSS_GROWTH_MB} MB): ${ok ? 'levelled off' : 'DID NOT LEVEL OFF'}\n`,
  );
  return ok;
}

interface Load {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly statuses: Record<string, { count: number }>;
  readonly errors: number;
}

async function load(options: autocannon.Options): Promise<Load> {
  const result = await autocannon(options);
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: result.statusCodeStats as unknown as Record<string, { count: number }>,
    errors: result.errors + result.timeouts,
  };
}

const describe = (l: Load) =>
  `${l.requests} requests (${l.rps.toFixed(0)}/s), p50 ${l.p50} ms, p99 ${l.p99} ms, statuses ${Object.entries(
    l.statuses,
  )
    .map(([status, { count }]) => `${status} x${count}`)
    .join(', ')}, errors+timeouts ${l.errors}`;

async function main(): Promise<void> {
  const db = await database();
  const server = forkChild(['--server', db.path]);
  const { port } = (await server.first) as { port: number };
  const pid = server.proc.pid as number;
  const url = `http://127.0.0.1:${port}`;
  let ok = true;
  try {
    process.stdout.write(
      `Soak: server pid ${pid} on ${url}, ${cpus().length} cores (load average ${loadavg()[0]?.toFixed(1)}), database ${db.path}; ${SECONDS} s per phase\n\n`,
    );

    let n = 0;
    process.stdout.write(`1. unique queries: ${CONNECTIONS} connections, every target new\n`);
    const unique = load({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            n++;
            return {
              ...req,
              path: n % 2 ? `/api/search?q=zzqqxx&_u=${n}` : `/api/search?q=zzqqxx${n}&limit=${1 + (n % 50)}`,
            };
          },
        },
      ],
    });
    const phase1 = await sampled(pid, 'unique', unique);
    process.stdout.write(`  ${describe(await unique)}\n`);
    ok = levelledOff('unique queries', phase1) && ok;

    process.stdout.write(
      `\n2. oversized keys: ${CONNECTIONS} connections, 8,000-character junk parameter, ${ACCEPT.length + 8}-byte unique Accept\n`,
    );
    const oversized = load({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            n++;
            return {
              ...req,
              path: `/api/search?q=zzqqxx&_p=${JUNK}&_u=${n}`,
              headers: { ...req.headers, accept: `${ACCEPT}x/${n}` },
            };
          },
        },
      ],
    });
    const phase2 = await sampled(pid, 'oversized', oversized);
    process.stdout.write(`  ${describe(await oversized)}\n`);
    ok = levelledOff('oversized keys', phase2) && ok;

    const { HcpcsStore } = await import('../src/store/store.js');
    const store = HcpcsStore.open(db.path);
    const latest = store.resolveRelease(undefined) as string;
    const codes = [...store.records(latest)].map((r) => `/api/codes/${r.code}`);
    const { codeSystemId } = await import('../src/fhir/code-system.js');
    const info = store.releases().find((r) => r.key === latest);
    store.close();
    const codeSystem = `/fhir/CodeSystem/${codeSystemId(info as NonNullable<typeof info>)}?_summary=false`;
    const lookups = (seconds: number) =>
      load({
        url,
        connections: 10,
        duration: seconds,
        requests: codes.map((path) => ({ method: 'GET' as const, path })),
      });
    process.stdout.write(`\n3. starvation: plain lookups over ${codes.length} codes, 10 connections\n`);
    await lookups(2); // every answer kept once, as in steady use
    const alone = await lookups(Math.max(2, SECONDS / 2));
    process.stdout.write(`  alone: ${describe(alone)}\n`);
    const downloader = forkChild([
      '--download',
      String(port),
      codeSystem,
      String(Math.max(2, SECONDS / 2) + 2),
    ]);
    await new Promise((done) => setTimeout(done, 1_000));
    const during = lookups(Math.max(2, SECONDS / 2));
    await sampled(pid, 'downloads', during);
    const beside = await during;
    const downloads = (await downloader.first) as {
      requests: number;
      bytes: number;
      statuses: Record<string, number>;
      p99: number;
      errors: number;
    };
    process.stdout.write(
      `  while 20 connections download ${codeSystem}: ${describe(beside)}\n` +
        `  the downloads: ${downloads.requests} answers, ${(downloads.bytes / 1_048_576).toFixed(0)} MB, statuses ${JSON.stringify(downloads.statuses)}, p99 ${downloads.p99} ms, errors+timeouts ${downloads.errors}\n` +
        `  lookup p99 alone ${alone.p99} ms, beside the downloads ${beside.p99} ms\n`,
    );
  } finally {
    server.proc.send('exit');
    db.cleanup();
  }
  if (!ok) {
    process.stdout.write('\nRSS did not level off under the bound\n');
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--server') await serverChild(process.argv[3] as string);
else if (process.argv[2] === '--download')
  await downloaderChild(process.argv[3] as string, process.argv[4] as string, process.argv[5] as string);
else await main();
