/**
 * `npm run bench:scale`: the store at the scale of every quarter since 2001. From the 2026-01
 * sample release, BENCH_RELEASES (default 100) synthetic quarterly releases from 2001-01 on, each
 * changing about 3% of the records, adding 0.5% new codes and terminating 0.5%, are imported one
 * by one into a temporary database. Printed beside each other: the database size, the import time
 * per release, and lookup, history, diff and search latency at 10 releases (the baseline, measured
 * in the same run) and at all of them. Aims: all releases in under 10x the size of one; import time
 * per release flat; lookup and history latency within 1.5x of the figure at 10. The database at
 * 10 releases is kept as a copy and both are measured at the end, in turn: medians of BENCH_RUNS
 * runs (default 3) each, every run on a fresh store handle (no warm caches). BENCH_KEEP=1 keeps
 * the databases.
 *
 * How to read the history rows: a code's history is longer at 100 releases (about 3.7 record
 * versions per sampled code against 1.3 at 10, each change one event or more), so the history of
 * the sampled codes grows with them. The rows for never-changed codes (the same codes in both) and
 * for codes of two versions compare histories of one size: they show what holding more releases
 * costs by itself. The floor row times reading the sampled codes' span rows and nothing else (no
 * record, no event): no way of building a history can cost less, and it grows with the versions too.
 * The HTTP row asks the real server for the same histories, one request after another: the latency
 * an API user sees, with the answer's size (it lists every release held).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkCode, codeHistory, diffReleases } from '../src/history/index.js';
import { type ParsedRelease, readReleases } from '../src/ingest/release.js';
import type { HcpcsRecord } from '../src/model.js';
import { searchCodes } from '../src/search/search-codes.js';
import { startServer } from '../src/server/http/serve.js';
import { HcpcsStore } from '../src/store/store.js';
import { seededRandom } from '../test/support/random.js';
import { median, RUNS, time, timeSync } from './timing.js';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = resolve(ROOT, '../shared/cms/2026-01');
const RELEASES = Number(process.env.BENCH_RELEASES ?? 100);
const BASELINE_AT = 10;
const CHANGED = 0.03;
const ADDED = 0.005;
const TERMINATED = 0.005;
if (!Number.isInteger(RELEASES) || RELEASES <= BASELINE_AT) {
  throw new Error(
    `BENCH_RELEASES must be a whole number above ${BASELINE_AT} (got ${process.env.BENCH_RELEASES})`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'hcpcs-bench-scale-'));
const path = join(dir, 'hcpcs.sqlite');
const ms = (n: number) => n.toFixed(3);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * Wall and CPU time, ms. The CPU time of this process is printed beside the wall time: on a machine
 * shared with other work the wall time varies with the load, the CPU time much less.
 */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** One timing of `fn` on a fresh read-only handle of `database`, after `warm` (not timed) when given. */
function timeOnce(
  database: string,
  fn: (store: HcpcsStore) => unknown,
  warm?: (store: HcpcsStore) => unknown,
): Timing {
  const store = HcpcsStore.open(database, { readonly: true });
  try {
    warm?.(store);
    const start = process.cpuUsage();
    const wall = timeSync(() => fn(store));
    const used = process.cpuUsage(start);
    return { wall, cpu: (used.user + used.system) / 1000 };
  } finally {
    store.close();
  }
}

/**
 * `timeBase` and `timeAll` taken in turn (base, all, base, all ...) RUNS times after one untimed
 * round of each: both sides see the same warmed-up code and the same load on the machine, so the
 * ratio compares only the data. Medians, divided by `per`.
 */
async function inTurn(
  timeBase: () => Timing | Promise<Timing>,
  timeAll: () => Timing | Promise<Timing>,
  per = 1,
): Promise<{ base: Timing; all: Timing }> {
  await timeBase();
  await timeAll();
  const runs: { base: Timing[]; all: Timing[] } = { base: [], all: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.base.push(await timeBase());
    runs.all.push(await timeAll());
  }
  const summary = (timings: Timing[]): Timing => ({
    wall: median(timings.map((t) => t.wall)) / per,
    cpu: median(timings.map((t) => t.cpu)) / per,
  });
  return { base: summary(runs.base), all: summary(runs.all) };
}

/** A measure at 10 releases and at all of them, in turn, each timing on a fresh read-only handle. */
function measurePair(
  measure: Measure,
  base: Snapshot,
  all: Snapshot,
): Promise<{ base: Timing; all: Timing }> {
  const once = (snapshot: Snapshot) => () =>
    timeOnce(
      snapshot.path,
      (s) => measure.fn(s, snapshot),
      measure.warm && ((s) => measure.warm?.(s, snapshot)),
    );
  return inTurn(once(base), once(all), measure.per);
}

/** The quarter `n` quarters after 2001-01, as a release id. */
function quarter(n: number): string {
  return `${2001 + Math.floor(n / 4)}-${String(1 + (n % 4) * 3).padStart(2, '0')}`;
}

const [sample] = readReleases([SAMPLE]);
if (!sample) throw new Error(`no release in ${SAMPLE}`);
/** The sample release, as the synthetic releases' template (narrowed for use in functions). */
const template: ParsedRelease = sample;
const quarterRandom = seededRandom(2001);
let current: HcpcsRecord[] = sample.records.map((r) => ({ ...r }));
let nextCode = 0;
const held = new Set(current.map((r) => r.code));

/**
 * The next quarter's records after `from` (default: the last imported): a few percent changed,
 * some added, some terminated (kept, as CMS does).
 */
function nextQuarter(
  id: string,
  n: number,
  from: HcpcsRecord[] = current,
  random = quarterRandom,
): HcpcsRecord[] {
  const lastDay = new Date(Date.parse(`${id}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const records = from.map((r) => {
    const roll = random();
    if (roll < CHANGED)
      return { ...r, release: id, longDescription: `${r.longDescription} (rev ${n})`, actionCode: 'C' };
    if (roll < CHANGED + TERMINATED && r.terminationDate === null && r.kind === 'procedure')
      return { ...r, release: id, terminationDate: lastDay, actionCode: 'D' };
    return { ...r, release: id };
  });
  const additions = Math.round(from.length * ADDED);
  for (let i = 0; i < additions; i++) {
    let code: string;
    do code = `Z${String(nextCode++).padStart(4, '0')}`;
    while (held.has(code));
    held.add(code);
    const model = from[Math.floor(random() * from.length)] as HcpcsRecord;
    records.push({
      ...model,
      code,
      kind: 'procedure',
      release: id,
      longDescription: `Synthetic procedure ${code} added ${id}`,
      shortDescription: `Synthetic ${code}`,
      addedDate: `${id}-01`,
      terminationDate: null,
      actionCode: 'A',
      crossReferences: [],
    });
  }
  return records;
}

/** The database as it was after some of the imports, kept for the measures at the end. */
interface Snapshot {
  readonly path: string;
  readonly releases: number;
  readonly bytes: number;
  readonly latest: string;
  readonly previous: string;
  /** 1,000 codes drawn from the latest release's records (seeded: the same draw each run). */
  readonly sample: readonly string[];
  /**
   * 1,000 codes drawn from those one record version through all the releases (never changed):
   * the same codes at 10 and at all releases, so their history differs only by the releases held.
   */
  readonly steady: readonly string[];
  /** 1,000 codes drawn from this database's codes with exactly two record versions. */
  readonly twoVersions: readonly string[];
}

interface Measure {
  readonly label: string;
  readonly aim: string;
  readonly fn: (store: HcpcsStore, snapshot: Snapshot) => unknown;
  readonly warm?: (store: HcpcsStore, snapshot: Snapshot) => unknown;
  /** What one timing is divided by (codes or queries per timing). */
  readonly per?: number;
}

const queries = (
  JSON.parse(readFileSync(resolve(ROOT, 'bench/search-queries.json'), 'utf8')) as {
    queries: { query: string }[];
  }
).queries
  .map((q) => q.query)
  .slice(0, 20);

const SAMPLE_CODES = 1000;

/** A measure asking `ask` of each of a snapshot's 1,000 codes (`codes`), timed per code. */
function perCode(
  label: string,
  aim: string,
  codes: (snapshot: Snapshot) => readonly string[],
  ask: (store: HcpcsStore, code: string, snapshot: Snapshot) => unknown,
): Measure {
  return {
    label,
    aim,
    fn: (s, snapshot) => {
      for (const code of codes(snapshot)) ask(s, code, snapshot);
    },
    per: SAMPLE_CODES,
  };
}

const historyOfSample = perCode('history: codeHistory(code), ms', '<= 1.5x', (n) => n.sample, codeHistory);

const measures: Measure[] = [
  perCode(
    'lookup: record(latest, code), ms',
    '<= 1.5x',
    (n) => n.sample,
    (s, code, n) => s.record(n.latest, code),
  ),
  perCode(
    'recordsOfCode(code), ms',
    '',
    (n) => n.sample,
    (s, code) => s.recordsOfCode(code),
  ),
  historyOfSample,
  {
    // What any history must read, and nothing more: the sampled code's rows of record_spans
    // (schema.ts), without their record versions, on a fresh handle. However a history is built,
    // it cannot cost less than reading what the code holds, and that grows with its versions.
    label: "floor: the sampled code's span rows alone (no record read), ms",
    aim: '',
    fn: (_store, snapshot) => {
      const db = new Database(snapshot.path, { readonly: true });
      try {
        const spans = db.prepare(
          'SELECT first, last, version FROM record_spans WHERE code = ? ORDER BY first',
        );
        for (const code of snapshot.sample) spans.all(code);
      } finally {
        db.close();
      }
    },
    per: SAMPLE_CODES,
  },
  perCode(
    'history of never-changed codes (one version at 10 and at all), ms',
    '',
    (n) => n.steady,
    codeHistory,
  ),
  perCode(
    'history of codes with two versions (each database its own), ms',
    '',
    (n) => n.twoVersions,
    codeHistory,
  ),
  // A date both databases hold (2002-01, the fifth synthetic quarter): the same question of each.
  perCode(
    'check: checkCode(code, 2002-02-15), ms',
    '',
    (n) => n.sample,
    (s, code) => checkCode(s, { code, date: '2002-02-15' }),
  ),
  {
    label: 'diff of the two latest releases, ms',
    aim: '',
    fn: (s, { previous, latest }) => diffReleases(s, previous, latest),
  },
  {
    label: 'search, first query (builds the index), ms',
    aim: '',
    fn: (s) => searchCodes(s, queries[0] as string),
  },
  {
    label: 'search, warm query, ms',
    aim: '',
    fn: (s) => {
      for (const q of queries) searchCodes(s, q);
    },
    warm: (s) => searchCodes(s, queries[0] as string),
    per: queries.length,
  },
];

/** A copy of the closed database as it is now, with the code sample its measures use. */
function snapshot(keys: readonly string[]): Snapshot {
  const copy = join(dir, `at-${keys.length}.sqlite`);
  copyFileSync(path, copy);
  const codes = current.map((r) => r.code);
  const pick = seededRandom(42);
  return {
    path: copy,
    releases: keys.length,
    bytes: statSync(copy).size,
    latest: keys.at(-1) as string,
    previous: keys.at(-2) as string,
    sample: Array.from({ length: SAMPLE_CODES }, () => codes[Math.floor(pick() * codes.length)] as string),
    steady: [],
    twoVersions: [],
  };
}

/** 1,000 codes drawn (seeded) from the codes of the database at `database` with `count` spans. */
function codesWithVersions(database: string, count: number): string[] {
  const db = new Database(database, { readonly: true });
  try {
    const codes = (
      db.prepare('SELECT code FROM record_spans GROUP BY code HAVING COUNT(*) = ?').all(count) as {
        code: string;
      }[]
    ).map((r) => r.code);
    const pick = seededRandom(44);
    return Array.from({ length: SAMPLE_CODES }, () => codes[Math.floor(pick() * codes.length)] as string);
  } finally {
    db.close();
  }
}

/** Codes held as one record version from the first release to the last of the database at `path`. */
function neverChanged(database: string): string[] {
  const db = new Database(database, { readonly: true });
  try {
    const ordinals = db.prepare('SELECT MIN(ordinal) AS first, MAX(ordinal) AS last FROM releases').get() as {
      first: number;
      last: number;
    };
    return (
      db
        .prepare(
          'SELECT code FROM record_spans GROUP BY code HAVING COUNT(*) = 1 AND MIN(first) = ? AND MAX(last) >= ?',
        )
        .all(ordinals.first, ordinals.last) as { code: string }[]
    ).map((r) => r.code);
  } finally {
    db.close();
  }
}

/**
 * The import of one more quarter into a copy of each snapshot, in turn (10, all, 10, all ...):
 * CPU and wall ms per 1,000 records, medians of RUNS. The quarter is made once per snapshot from
 * its latest release (same seed, so the same share of changes), and imported into a fresh copy
 * each time: both sides see the same load, unlike the imports timed as they happened.
 */
function pairedImport(base: Snapshot, all: Snapshot, id: string): Promise<{ base: Timing; all: Timing }> {
  const quarterOf = (snapshot: Snapshot): ParsedRelease => {
    const store = HcpcsStore.open(snapshot.path, { readonly: true });
    try {
      const records = nextQuarter(id, RELEASES, [...store.records(snapshot.latest)], seededRandom(7));
      return { ...template, id, revision: 1, records, files: [], sourceOfRecord: `${id}.txt` };
    } finally {
      store.close();
    }
  };
  const releases = [quarterOf(base), quarterOf(all)] as const;
  const once = (snapshot: Snapshot, release: ParsedRelease): Timing => {
    const copy = join(dir, 'import-copy.sqlite');
    copyFileSync(snapshot.path, copy);
    const store = HcpcsStore.open(copy);
    try {
      const start = process.cpuUsage();
      const wall = timeSync(() => store.importRelease(release));
      const used = process.cpuUsage(start);
      const per = release.records.length / 1000;
      return { wall: wall / per, cpu: (used.user + used.system) / 1000 / per };
    } finally {
      store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
    }
  };
  return inTurn(
    () => once(base, releases[0]),
    () => once(all, releases[1]),
  );
}

/** The body of one GET on `agent`'s connection, read whole; a status other than 200 stops the bench. */
function getBody(port: number, path: string, agent: Agent): Promise<number> {
  return new Promise((done, fail) => {
    get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () =>
        response.statusCode === 200 ? done(bytes) : fail(new Error(`${path}: HTTP ${response.statusCode}`)),
      );
    }).on('error', fail);
  });
}

/**
 * The sampled codes' histories as an API user gets them: GET /api/codes/{code}/history, one after
 * another on one keep-alive connection to the real server (serve.ts) on a fresh read-only handle,
 * its answer cache off, the client in this process. The first request (A0021, untimed) opens the
 * connection. Per request: wall and CPU ms, and the body's bytes.
 */
async function historyOverHttp(snapshot: Snapshot): Promise<Timing & { bytes: number }> {
  const server = await startServer(HcpcsStore.open(snapshot.path, { readonly: true }), {
    port: 0,
    hostname: '127.0.0.1',
    cacheBytes: 0,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await getBody(server.port, '/api/codes/A0021/history', agent);
    let bytes = 0;
    const cpu = process.cpuUsage();
    const wall = await time(async () => {
      for (const code of snapshot.sample)
        bytes += await getBody(server.port, `/api/codes/${code}/history`, agent);
    });
    const used = process.cpuUsage(cpu);
    const per = snapshot.sample.length;
    return { wall: wall / per, cpu: (used.user + used.system) / 1000 / per, bytes: bytes / per };
  } finally {
    agent.destroy();
    await server.close();
  }
}

/** Record versions per code of a snapshot's sample, on average: how much history a code has. */
function versionsPerCode(snapshot: Snapshot): number {
  const store = HcpcsStore.open(snapshot.path, { readonly: true });
  try {
    return (
      snapshot.sample.reduce((sum, code) => sum + store.versionsOfCode(code).length, 0) /
      snapshot.sample.length
    );
  } finally {
    store.close();
  }
}

try {
  const keys: string[] = [];
  const importTimes: number[] = [];
  const recordCounts: number[] = [];
  // CPU time of this process beside the wall time: on a machine shared with other work, the wall
  // time of an import varies with the load; its CPU time much less.
  const importCpu: number[] = [];
  const snapshots: Snapshot[] = [];
  let oneReleaseBytes = 0;
  let store = HcpcsStore.open(path);
  for (let n = 0; n < RELEASES; n++) {
    const id = quarter(n);
    current = n === 0 ? current.map((r) => ({ ...r, release: id })) : nextQuarter(id, n);
    const release = { ...sample, id, revision: 1, records: current, files: [], sourceOfRecord: `${id}.txt` };
    const cpu = process.cpuUsage();
    importTimes.push(timeSync(() => store.importRelease(release)));
    const used = process.cpuUsage(cpu);
    importCpu.push((used.user + used.system) / 1000);
    recordCounts.push(current.length);
    keys.push(`${id}_v1`);
    if (n === 0 || n + 1 === BASELINE_AT || n + 1 === RELEASES) {
      // Closed, so the write-ahead log is folded into the file and the size is the file's.
      store.close();
      if (n === 0) oneReleaseBytes = statSync(path).size;
      else snapshots.push(snapshot(keys));
      store = HcpcsStore.open(path);
    }
    if ((n + 1) % 10 === 0)
      console.log(`imported ${n + 1} of ${RELEASES} (${current.length} records in the last)`);
  }
  store.close();

  const steadyCodes = neverChanged(path);
  const pickSteady = seededRandom(43);
  const steady = Array.from(
    { length: SAMPLE_CODES },
    () => steadyCodes[Math.floor(pickSteady() * steadyCodes.length)] as string,
  );
  const [atBase, atAll] = snapshots.map((s) => ({
    ...s,
    steady,
    twoVersions: codesWithVersions(s.path, 2),
  })) as unknown as [Snapshot, Snapshot];
  const perRelease = (from: number, to: number) => median(importTimes.slice(from, to));
  // The synthetic releases grow (codes are added, none leave), so the time per 1,000 records is
  // the figure that says whether an import costs more when more releases are held.
  const perThousand = (from: number, to: number, times = importTimes) =>
    median(times.slice(from, to).map((t, i) => (t / (recordCounts[from + i] as number)) * 1000));
  // The imports as they happened are timed far apart, under whatever else the machine did
  // meanwhile, and in one long-lived store handle; the paired row below times the same kind of
  // import at 10 and at all releases in turn, on fresh handles: that is the comparison.
  const rows: string[][] = [
    ['measure', `at ${BASELINE_AT}`, `at ${RELEASES}`, 'ratio', 'aim'],
    [
      'database size (MB)',
      mb(atBase.bytes),
      mb(atAll.bytes),
      `${(atAll.bytes / oneReleaseBytes).toFixed(2)}x one release (${mb(oneReleaseBytes)} MB)`,
      '< 10x one release',
    ],
    [
      'import per release, median ms (releases 2-10 | last 10)',
      perRelease(1, BASELINE_AT).toFixed(0),
      perRelease(RELEASES - 10, RELEASES).toFixed(0),
      (perRelease(RELEASES - 10, RELEASES) / perRelease(1, BASELINE_AT)).toFixed(2),
      `flat (records per release: ${recordCounts[1]} | ${recordCounts.at(-1)})`,
    ],
    [
      'import per 1,000 records, median ms (releases 2-10 | last 10)',
      perThousand(1, BASELINE_AT).toFixed(1),
      perThousand(RELEASES - 10, RELEASES).toFixed(1),
      (perThousand(RELEASES - 10, RELEASES) / perThousand(1, BASELINE_AT)).toFixed(2),
      'as it happened (see the paired row)',
    ],
    [
      'import CPU per 1,000 records, median ms (releases 2-10 | last 10)',
      perThousand(1, BASELINE_AT, importCpu).toFixed(1),
      perThousand(RELEASES - 10, RELEASES, importCpu).toFixed(1),
      (perThousand(RELEASES - 10, RELEASES, importCpu) / perThousand(1, BASELINE_AT, importCpu)).toFixed(2),
      'as it happened (see the paired row)',
    ],
  ];
  const imported = await pairedImport(atBase, atAll, quarter(RELEASES));
  rows.push([
    'import of one more quarter, paired, ms per 1,000 records',
    `${imported.base.wall.toFixed(1)} (CPU ${imported.base.cpu.toFixed(1)})`,
    `${imported.all.wall.toFixed(1)} (CPU ${imported.all.cpu.toFixed(1)})`,
    `${(imported.all.wall / imported.base.wall).toFixed(2)} (CPU ${(imported.all.cpu / imported.base.cpu).toFixed(2)})`,
    'flat: within 1.25x',
  ]);
  const [versionsBase, versionsAll] = [versionsPerCode(atBase), versionsPerCode(atAll)];
  rows.push([
    'record versions per sampled code (what a history walks)',
    versionsBase.toFixed(2),
    versionsAll.toFixed(2),
    (versionsAll / versionsBase).toFixed(2),
    `never-changed codes: ${steadyCodes.length}`,
  ]);
  for (const measure of measures) {
    const { base, all } = await measurePair(measure, atBase, atAll);
    rows.push([
      measure.label,
      `${ms(base.wall)} (CPU ${ms(base.cpu)})`,
      `${ms(all.wall)} (CPU ${ms(all.cpu)})`,
      `${(all.wall / base.wall).toFixed(2)} (CPU ${(all.cpu / base.cpu).toFixed(2)})`,
      measure.aim,
    ]);
    if (measure === historyOfSample) {
      // The sampled history divided by the versions it walks: what one version costs to read,
      // compare and describe, at 10 releases and at all of them.
      const [perBase, perAll] = [base.cpu / versionsBase, all.cpu / versionsAll];
      rows.push([
        'history CPU per record version walked, ms',
        ms(perBase),
        ms(perAll),
        (perAll / perBase).toFixed(2),
        'the same per version: cost follows the versions, not the releases',
      ]);
    }
  }
  // The body's size does not change from run to run: the last run's is kept, per snapshot.
  const bodyBytes = new Map<Snapshot, number>();
  const overHttpOf = (snapshot: Snapshot) => async () => {
    const { bytes, ...timing } = await historyOverHttp(snapshot);
    bodyBytes.set(snapshot, bytes);
    return timing;
  };
  const overHttp = await inTurn(overHttpOf(atBase), overHttpOf(atAll));
  rows.push([
    'history over HTTP: GET /api/codes/{code}/history, ms',
    `${ms(overHttp.base.wall)} (CPU ${ms(overHttp.base.cpu)})`,
    `${ms(overHttp.all.wall)} (CPU ${ms(overHttp.all.cpu)})`,
    `${(overHttp.all.wall / overHttp.base.wall).toFixed(2)} (CPU ${(overHttp.all.cpu / overHttp.base.cpu).toFixed(2)})`,
    `what an API user waits for; body ${((bodyBytes.get(atBase) ?? 0) / 1024).toFixed(1)} | ${((bodyBytes.get(atAll) ?? 0) / 1024).toFixed(1)} KB`,
  ]);
  console.log(
    `\n${RELEASES} synthetic quarterly releases from ${sample.id} (${sample.records.length} records): ${CHANGED * 100}% changed, ${ADDED * 100}% added, ${TERMINATED * 100}% terminated each; medians of ${RUNS} runs\n`,
  );
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  const times = (from: number, to: number) =>
    importTimes
      .slice(from, to)
      .map((t) => t.toFixed(0))
      .join(' ');
  console.log(
    `\nimport ms, releases 2-10: ${times(1, BASELINE_AT)}; last 10: ${times(RELEASES - 10, RELEASES)}`,
  );
  // Where the bytes are at the end (SQLite's dbstat table: https://sqlite.org/dbstat.html).
  const db = new Database(path, { readonly: true });
  const tables = db
    .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8')
    .all() as { name: string; bytes: number }[];
  db.close();
  console.log(`\nat ${RELEASES}: ${tables.map((t) => `${t.name} ${mb(t.bytes)} MB`).join(', ')}`);
} finally {
  // BENCH_KEEP=1 keeps both databases for a profiler (`node --cpu-prof`) or a closer look.
  if (process.env.BENCH_KEEP === '1') console.log(`\ndatabases kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
