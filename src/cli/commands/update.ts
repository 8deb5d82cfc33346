/**
 * `hcpcs update [--source URL|DIR]... [--dir DIR] [--since YYYY] [--dry-run] [--json]`: fetch what
 * CMS published (see src/update) and import it. A progress bar on a terminal, plain lines
 * otherwise; exit 1 when any page, download or import failed (what succeeded is kept).
 */
import cliProgress from 'cli-progress';
import type { UpdateEvents, UpdateReport } from '../../update/update.js';
import { env, printJson, usageError, withStore } from '../context.js';
import { importReleases } from '../import-releases.js';

export interface UpdateCommandOptions {
  readonly source?: string[];
  readonly dir?: string;
  readonly since?: string;
  readonly dryRun?: boolean;
  readonly timeout?: string;
  readonly retries?: string;
  readonly json?: boolean;
}

function countOf(text: string | undefined, name: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) > max)
    throw usageError(`${name}: "${text}" is not a number from 0 to ${max}`);
  return Number(text);
}

function sinceOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^(19|20)\d\d$/.test(text)) throw usageError(`--since: "${text}" is not a year (YYYY)`);
  return Number(text);
}

const mb = (bytes: number) => (bytes < 1_048_576 ? `${bytes} bytes` : `${(bytes / 1_048_576).toFixed(1)} MB`);

/** Progress as the output allows: a bar per download on a terminal, a line per step otherwise. */
function progressEvents(write: (line: string) => void, tty: boolean): UpdateEvents {
  let bar: cliProgress.SingleBar | undefined;
  return {
    page: (url) => write(`reading ${url}`),
    check: (file) =>
      write(
        file.status === 'changed'
          ? `${file.name}: changed on the server (${file.change})`
          : `${file.name}: ${file.status === 'cannot-tell' ? file.change : file.error}`,
      ),
    retry: (message, attempt) => write(`  attempt ${attempt} failed (${message}); retrying`),
    downloadStart: (file) => {
      if (tty) {
        bar = new cliProgress.SingleBar(
          { format: `  ${file.name} [{bar}] {percentage}% {value}/{total} bytes`, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(1, 0);
      } else write(`${file.status === 'changed' ? 're-fetching' : 'downloading'} ${file.url}`);
    },
    downloadProgress: (_file, received, total) => {
      bar?.setTotal(total ?? received);
      bar?.update(received);
    },
    downloadEnd: (file) => {
      bar?.stop();
      bar = undefined;
      write(
        file.status === 'downloaded' || file.status === 'refetched'
          ? `  ${file.name}: ${mb(file.size ?? 0)}, sha256 ${file.sha256}${file.resumedFrom ? ` (resumed from byte ${file.resumedFrom})` : ''}`
          : file.status === 'held'
            ? `  ${file.name}: ${file.change}`
            : `  ${file.name}: FAILED ${file.error}`,
      );
      if (file.note) write(`  ${file.note}`);
    },
    importEnd: (outcome) => {
      if (outcome.error) write(`  import FAILED: ${outcome.error}`);
      for (const r of outcome.releases) write(`  imported ${r.key}: ${r.outcome}, ${r.records} records`);
    },
  };
}

const releaseOf = (release: string | undefined, revision: number | undefined) =>
  release ? `${release}_v${revision ?? 1}` : 'no release named';

/** What happened to the held files whose server copy changed, or could not be compared. */
function heldLines(report: UpdateReport): string[] {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.status === 'refetched') {
      const was = file.previous;
      lines.push(
        `re-fetched ${file.name}: changed on the server (${file.change}); now ${releaseOf(file.release, file.revision)}, sha256 ${file.sha256}` +
          (was
            ? `; the earlier copy (${releaseOf(was.release, was.revision)}, sha256 ${was.sha256}) is kept as ${report.dir}/${was.keptAs}`
            : ''),
      );
    } else if (file.status === 'changed')
      lines.push(`changed on the server: ${file.name} (${file.change}); would re-fetch ${file.url}`);
    else if (file.status === 'cannot-tell')
      lines.push(`file ${file.name}: ${file.change}; the held copy is kept`);
    else if (file.status === 'check-failed') lines.push(`file ${file.name}: ${file.error}`);
  }
  return lines;
}

function summary(report: UpdateReport): string {
  const count = (status: string) => report.files.filter((f) => f.status === status).length;
  const also = (
    [
      ['refetched', 're-fetched (changed on the server)'],
      ['changed', 'changed on the server'],
      ['cannot-tell', 'held whose change the server cannot tell'],
      ['check-failed', 'held that could not be checked'],
    ] as const
  )
    .filter(([status]) => count(status) > 0)
    .map(([status, text]) => `, ${count(status)} ${text}`)
    .join('');
  const lists = report.files.filter((f) => f.corrections).length;
  const files = report.files.length - lists;
  const lines = [
    `${files} Alpha-Numeric HCPCS File link(s)${lists ? ` and ${lists} corrections list link(s)` : ''} found on ${report.pages.length} page(s); ${count('held')} already in ${report.dir}${also}, ${count('downloaded')} downloaded, ${count('would-download')} to download, ${count('older')} before --since, ${count('failed')} failed`,
  ];
  for (const page of report.pages.filter((p) => p.error)) lines.push(`page ${page.url}: ${page.error}`);
  lines.push(...heldLines(report));
  for (const file of report.files.filter((f) => f.status === 'failed'))
    lines.push(`file ${file.name}: ${file.error}`);
  for (const file of report.files.filter((f) => f.note)) lines.push(`file ${file.name}: ${file.note}`);
  for (const file of report.files.filter((f) => f.status === 'would-download'))
    lines.push(
      `would download ${file.url}${file.release ? ` (${file.corrections ? 'corrections list of ' : ''}release ${file.release}, revision ${file.revision})` : ''}`,
    );
  for (const i of report.imports.filter((x) => x.error)) lines.push(`import of ${i.file}: ${i.error}`);
  if (!report.ok) lines.push('hcpcs update: something failed (see above); what succeeded is kept');
  return lines.join('\n');
}

export async function updateCommand(options: UpdateCommandOptions): Promise<void> {
  const since = sinceOf(options.since);
  const timeout = countOf(options.timeout, '--timeout', 3600);
  const retries = countOf(options.retries, '--retries', 20);
  const transfer = {
    ...(timeout !== undefined ? { idleTimeoutMs: Math.max(1, timeout * 1000) } : {}),
    ...(retries !== undefined ? { retries: Math.floor(retries) } : {}),
  };
  // $HCPCS_RELEASES when set; never the sample set its default names (a shared, read-only copy
  // of CMS's files): downloads then go to ./data/releases, beside the default database.
  const dir = options.dir ?? (process.env.HCPCS_RELEASES ? env.releases()[0] : './data/releases');
  if (!dir) throw usageError('--dir: no releases folder (set HCPCS_RELEASES or pass --dir)');
  const { CMS_HCPCS_PAGES, updateReleases } = await import('../../update/update.js');
  const sources = options.source && options.source.length > 0 ? options.source : CMS_HCPCS_PAGES;
  const write = (line: string) => process.stderr.write(`${line}\n`);
  const events = options.json ? {} : progressEvents(write, Boolean(process.stderr.isTTY));
  const run = (importFile?: (path: string) => { key: string; outcome: string; records: number }[]) =>
    updateReleases({
      sources,
      dir,
      ...(since ? { since } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
      transfer,
      events,
      ...(importFile ? { importFile } : {}),
    });
  const report = options.dryRun
    ? await run()
    : await withStore(
        (store) =>
          run((path) =>
            importReleases(store, [path]).map(({ result }) => ({
              key: result.release.key,
              outcome: result.outcome,
              records: result.release.counts.records,
            })),
          ),
        { write: true },
      );
  if (options.json) printJson(report);
  else process.stdout.write(`${summary(report)}\n`);
  if (!report.ok) process.exitCode = 1;
}
