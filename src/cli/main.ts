/**
 * The `hcpcs` command line (ARCHITECTURE.md "Contracts"). Each action imports its module lazily so
 * that `hcpcs --help` and light commands start fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, reportError } from './context.js';

type Action = (...args: never[]) => Promise<void> | void;

/** Wraps an action: lazy import, errors to exit codes. */
function lazy<M>(load: () => Promise<M>, pick: (m: M) => Action) {
  return async (...args: unknown[]) => {
    const options = args.find((a) => a && typeof a === 'object' && !(a instanceof Command)) as
      | { json?: boolean }
      | undefined;
    try {
      const action = pick(await load()) as (...a: unknown[]) => Promise<void> | void;
      await action(...args);
    } catch (error) {
      process.exitCode = reportError(error, Boolean(options?.json));
    }
  };
}

export function buildProgram(): Command {
  const program = new Command('hcpcs')
    .description('HCPCS Level II: read every CMS release exactly, keep its history, search and serve it')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('import')
    .description('import CMS releases: a zip, a folder (searched recursively) or a single TXT/XLSX/XLS file')
    .argument('<path...>', 'files or folders')
    .option('--release <id>', 'release id YYYY-MM (overrides the one found from names and content)')
    .option('--replace', 'replace a release already imported from other files')
    .option('--json', 'machine-readable output')
    .action(
      lazy(
        () => import('./commands/import.js'),
        (m) => m.importCommand,
      ),
    );

  program
    .command('releases')
    .description('imported releases with source files, sha256 and counts')
    .option('--json', 'machine-readable output')
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
    .description('every record of a release as NDJSON (record JSON) or CSV')
    .option('--release <id>', 'release id; default: latest')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv']).default('ndjson'))
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      lazy(
        () => import('./commands/export.js'),
        (m) => m.exportCommand,
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
