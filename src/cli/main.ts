/**
 * The `hcpcs` command line (ARCHITECTURE.md "Contracts"). Each action imports its module lazily so
 * that `hcpcs --help` and light commands start fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { SCHEMA_VERSION } from '../store/schema.js';
import { PACKAGE_VERSION } from '../version.js';
import { EXIT, reportError } from './context.js';

type Action = (...args: never[]) => Promise<void> | void;

/** Wraps an action: lazy import, errors to exit codes. */
function lazy<M>(load: () => Promise<M>, pick: (m: M) => Action) {
  return async (...args: unknown[]) => {
    // Commander calls an action with (...arguments, options, command): a variadic argument is an
    // array, so the options are found by position, not by shape.
    const options = args[args.length - 2] as { json?: boolean } | undefined;
    try {
      const action = pick(await load()) as (...a: unknown[]) => Promise<void> | void;
      await action(...args);
    } catch (error) {
      process.exitCode = reportError(error, Boolean(options?.json));
    }
  };
}

/** `hcpcs --version`: the package's version and the database schema it reads and writes. */
function versionText(): string {
  return `hcpcs ${PACKAGE_VERSION} (database schema ${SCHEMA_VERSION})`;
}

export function buildProgram(): Command {
  const program = new Command('hcpcs')
    .description('HCPCS Level II: read every CMS release exactly, keep its history, search and serve it')
    .version(versionText(), '-V, --version', 'print the package version and the database schema version')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('import')
    .description('import CMS releases: a zip, a folder (searched recursively) or a single TXT/XLSX/XLS file')
    .argument('<path...>', 'files or folders')
    .option('--release <id>', 'release id YYYY-MM (overrides the one found from names and content)')
    .option('--replace', 'replace a release already imported from other files')
    .option(
      '--force',
      'import even when a check finds the file incomplete: a TXT ending inside a record, codes of its workbook missing from the TXT, over 10% fewer records than the release it replaces (damaged zips and files over the size limits are always refused)',
    )
    .option('--json', 'machine-readable output')
    .action(
      lazy(
        () => import('./commands/import.js'),
        (m) => m.importCommand,
      ),
    );

  program
    .command('releases')
    .description(
      'imported releases with source files, sha256 and counts, then the payment datasets (ASP, DMEPOS, PEN quarters)',
    )
    .option(
      '--payments',
      'the payment datasets only: kind, quarter, revision, rows, source files with sha256',
    )
    .option(
      '--json',
      'machine-readable output (an array of code releases; of payment datasets with --payments)',
    )
    .action(
      lazy(
        () => import('./commands/releases.js'),
        (m) => m.releasesCommand,
      ),
    );

  program
    .command('show')
    .description('every field of a code: label, value, decoded meaning and CMS definition')
    .argument('<code>', 'HCPCS code or modifier, e.g. J1640 or LT')
    .option('--release <id>', 'release id (YYYY-MM, or YYYY-MM_vN for one revision); default: latest')
    .option('--no-definitions', 'leave out the CMS field definitions')
    .option('--json', 'the record JSON with decoded meanings and definitions')
    .action(
      lazy(
        () => import('./commands/show.js'),
        (m) => m.showCommand,
      ),
    );

  program
    .command('export')
    .description(
      'every record of a release as NDJSON (record JSON) or CSV; or every release for analysts: postgres (a psql script, or --to a database), parquet (--out DIR), duckdb (--out FILE.duckdb), fhir (CodeSystems as NDJSON) or fhir-bundle',
    )
    .option('--release <id>', 'release id (ndjson, csv); default: latest')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['ndjson', 'csv', 'postgres', 'parquet', 'duckdb', 'fhir', 'fhir-bundle'])
        .default('ndjson'),
    )
    .option('--out <path>', 'write to a file (a folder for parquet) instead of standard output')
    .option(
      '--to <url>',
      'postgres: load into this database (postgres://user@host:port/db) in one transaction',
    )
    .action(
      lazy(
        () => import('./commands/export.js'),
        (m) => m.exportCommand,
      ),
    );

  program
    .command('search')
    .description(
      'search codes and words: codes, prefixes (J16), ranges (J1000-J1099), modifiers, descriptions, drug and lay terms',
    )
    .argument('<query...>', 'what to look for, e.g. hemin, "power wheelchair", J1000-J1099, LT')
    .option('--release <id>', 'release id (YYYY-MM, or YYYY-MM_vN); default: latest')
    .option('--limit <n>', 'hits to show (1-1000)', '10')
    .option('--offset <n>', 'hits to skip', '0')
    .addOption(
      new Option('--status <status>', 'active on --date, terminated, or all').choices([
        'active',
        'terminated',
        'all',
      ]),
    )
    .option(
      '--date <YYYY-MM-DD>',
      "date for --status and each hit's status; default: the release's effective date",
    )
    .addOption(
      new Option(
        '--order <order>',
        'in-effect-first: codes in effect on --date before the others (the default with --date); relevance: as ranked',
      ).choices(['relevance', 'in-effect-first']),
    )
    .addOption(new Option('--kind <kind>', 'procedure codes or modifiers').choices(['procedure', 'modifier']))
    .option('--range <range>', 'only codes in a range (J1000-J1099), with a prefix (E01) or letter (J)')
    .option('--betos <code>', 'only codes of a BETOS code or its prefix (O1E, O1)')
    .option('--coverage <code>', 'only codes with this coverage code (C, D, I, M, S)')
    .option('--pricing-indicator <code>', 'only codes with this pricing indicator (e.g. 51)')
    .option('--noc', 'only "not otherwise classified" codes')
    .option('--no-noc', 'leave out "not otherwise classified" codes')
    .option(
      '--json',
      '{total, hits: [{code, shortDescription, longDescription, status, release, matched, ...}]}',
    )
    .action(
      lazy(
        () => import('./commands/search.js'),
        (m) => m.searchCommand,
      ),
    );

  program
    .command('payment')
    .description(
      'what Medicare pays for a code: the ASP payment limit per billing unit and the DMEPOS / PEN fees per state, from the imported quarter in effect',
    )
    .argument('<code>', 'HCPCS code, e.g. J1640 or E0776')
    .option('--date <date>', 'date of service YYYY-MM-DD (default: the latest imported quarter)')
    .option('--state <XX>', 'DMEPOS / PEN fees of one state only (AL ... WY, DC, AK, HI, PR, VI)')
    .option('--modifier <M>', 'DMEPOS / PEN fees with this modifier only (NU, RR, UE ...)')
    .option('--rural', 'the rural fee applies (default: non-rural)')
    .option(
      '--history',
      'the ASP payment limit and the DMEPOS / PEN fees (with --state, --modifier) through every imported quarter',
    )
    .option(
      '--json',
      'machine-readable output: {code, date, asp, fees: [{schedule, quarter, category, states}], notes}',
    )
    .action(
      lazy(
        () => import('./commands/payment.js'),
        (m) => m.paymentCommand,
      ),
    );

  program
    .command('payment-diff')
    .description('new, dropped and changed amounts between two payment quarters of one schedule')
    .argument('<from>', 'a payment dataset: asp-2025-01 (its latest revision) or asp-2025-01_v1')
    .argument('<to>', 'a payment dataset of the same schedule')
    .option('--json', 'machine-readable output: {from, to, added, dropped, changed: [{key, fields}]}')
    .action(
      lazy(
        () => import('./commands/payment.js'),
        (m) => m.paymentDiffCommand,
      ),
    );

  program
    .command('units')
    .description(
      "a dose in the code's billing units (the ASP file's HCPCS Code Dosage, else the long description's \"per X mg\")",
    )
    .argument('<code>', 'HCPCS code, e.g. J1640')
    .requiredOption('--dose <dose>', 'the dose, an amount and a unit: "250 mg", "0.5 ml", "1000 units"')
    .option('--date <date>', 'date of service YYYY-MM-DD: the ASP quarter in effect (default: the latest)')
    .option('--json', 'machine-readable output: {code, dose, dosage, source, units, billingUnits}')
    .action(
      lazy(
        () => import('./commands/units.js'),
        (m) => m.unitsCommand,
      ),
    );

  program
    .command('history')
    .description(
      'the code through every imported release: presence, lifecycle events, field changes, successors',
    )
    .argument('<code>', 'HCPCS code or modifier, e.g. C9041')
    .option('--state <XX>', 'payment by quarter: the DMEPOS / PEN fees of one state only')
    .option('--modifier <M>', 'payment by quarter: the DMEPOS / PEN fee rows with this modifier only')
    .option(
      '--json',
      'machine-readable output: {code, events: [{release, type, ...}], releases, replacedBy, replaces, notes, payment: {asp, fees} with payment files imported}',
    )
    .action(
      lazy(
        () => import('./commands/history.js'),
        (m) => m.historyCommand,
      ),
    );

  program
    .command('diff')
    .description('codes added, removed, terminated, reactivated and every field change between two releases')
    .argument('<from>', 'release id (YYYY-MM, or YYYY-MM_vN for one revision)')
    .argument('<to>', 'release id')
    .option(
      '--json',
      'machine-readable output: {from, to, added, removed, terminated, reactivated, changed, summary}',
    )
    .option('--csv', 'one CSV row per code added/removed/terminated/reactivated and per field change')
    .option('--summary', 'only the counts by kind of change and by field')
    .option(
      '--against-cms',
      "put CMS's transaction report of <to> beside the computed changes and count agreements",
    )
    .option(
      '--action-fields',
      'also report changes of the action code and action effective date (CMS maintenance fields)',
    )
    .action(
      lazy(
        () => import('./commands/diff.js'),
        (m) => m.diffCommand,
      ),
    );

  program
    .command('check')
    .description('is a code (and its modifiers) valid on a date of service? or --file claims.csv for a batch')
    .argument('[code]', 'HCPCS code, e.g. J1412')
    .option(
      '--date <date>',
      'date of service YYYY-MM-DD (default today, in the local time zone); with --file, for rows without a date',
    )
    .option(
      '--modifier <modifier>',
      'a modifier to check too (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--file <file>',
      "CSV of claim lines (columns code, date, modifiers..., dose; '-' for standard input)",
    )
    .option(
      '--with-payment',
      'add the ASP payment limit in effect on the date of service and the dose in billing units (CSV columns dose, payment_limit, payment_dosage, payment_quarter, units, billing_units, payment_notes; JSON "payment")',
    )
    .option('--dose <dose>', 'the dose given, e.g. "250 mg": its billing units (implies --with-payment)')
    .option('--json', 'machine-readable output (NDJSON with --file)')
    .action(
      lazy(
        () => import('./commands/check.js'),
        (m) => m.checkCommand,
      ),
    );

  program
    .command('update')
    .description(
      "fetch CMS's Alpha-Numeric HCPCS Files not yet in the releases folder (from CMS's HCPCS Quarterly Update page and its archive), then import them",
    )
    .option(
      '--source <url>',
      "a page (or local HTML file or folder) to find the file links on (repeatable; default: CMS's pages)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--dir <dir>',
      'folder the files are downloaded into (default: $HCPCS_RELEASES, its first folder; ./data/releases when unset)',
    )
    .option('--since <year>', 'leave out files of releases before this year (YYYY)')
    .option('--dry-run', 'list what would be downloaded; download and import nothing')
    .option('--timeout <seconds>', 'give up a request when no byte arrives for this long (default 30)')
    .option('--retries <n>', 'attempts after a failed one, with exponential backoff from 1 s (default 4)')
    .option('--json', 'machine-readable report')
    .action(
      lazy(
        () => import('./commands/update.js'),
        (m) => m.updateCommand,
      ),
    );

  program
    .command('serve')
    .description('serve the JSON API (/api), FHIR R4 (/fhir), the NLM-compatible search and the pages')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080; 0 picks a free one)')
    .option('--host <host>', 'address to listen on (default: $HOST or 0.0.0.0)')
    .option(
      '--update-every <period>',
      'run `hcpcs update` now and then every period (30m, 24h, 7d) in the background; off by default',
    )
    .option(
      '--update-source <url>',
      "with --update-every: a page or folder to find the files on (repeatable; default CMS's pages)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--update-dir <dir>',
      'with --update-every: the folder files are downloaded into (default $HCPCS_RELEASES)',
    )
    .action(
      lazy(
        () => import('./commands/serve.js'),
        (m) => m.serveCommand,
      ),
    );

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(
        error.code,
      );
      process.exitCode = helpOrVersion ? EXIT.ok : EXIT.usage;
      return;
    }
    process.exitCode = reportError(error, false);
  }
}

await main(process.argv);
