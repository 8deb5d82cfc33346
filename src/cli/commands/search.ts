/** `hcpcs search <query...>`: codes and words, ranked (src/search). */
import { type SearchOptions, type SearchResult, searchCodes } from '../../search/search-codes.js';
import { printJson, reportError, usageError, withStore } from '../context.js';

export interface SearchCommandOptions {
  release?: string;
  limit?: string;
  offset?: string;
  status?: string;
  date?: string;
  order?: string;
  kind?: string;
  range?: string;
  betos?: string;
  coverage?: string;
  pricingIndicator?: string;
  noc?: boolean;
  json?: boolean;
}

function wholeNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw usageError(`${option}: "${value}" is not a whole number`);
  return Number(value.trim());
}

/** The text form: one hit a line, code first, with how it matched when not by its description. */
export function formatResult(result: SearchResult, offset: number): string {
  if (result.total === 0) return `no codes match "${result.query}" in release ${result.release}`;
  const lines = result.hits.map((h) => {
    const notes = [
      h.status === 'terminated' ? 'terminated' : '',
      h.noc ? 'NOC' : '',
      h.partial && !result.partial ? 'not every word' : '',
      h.via
        ? `via ${h.via === 'index' ? 'Alpha-Numeric Index' : 'Table of Drugs'}: ${h.references?.[0] ?? ''}`
        : '',
    ].filter(Boolean);
    return `${h.code.padEnd(5)}  ${h.longDescription}${notes.length ? `  [${notes.join('; ')}]` : ''}`;
  });
  const shown = `${offset + 1}-${offset + result.hits.length} of ${result.total}`;
  lines.push(
    '',
    `${shown} in release ${result.release}${result.partial ? ' (no code matches every word: best partial matches)' : ''}`,
  );
  return lines.join('\n');
}

export async function searchCommand(query: string[], options: SearchCommandOptions): Promise<void> {
  // Errors are reported here: the shared wrapper looks for the options among the arguments and
  // would take the query words (an array) for them, losing --json.
  try {
    await run(query, options);
  } catch (error) {
    process.exitCode = reportError(error, Boolean(options.json));
  }
}

async function run(query: string[], options: SearchCommandOptions): Promise<void> {
  const searchOptions: SearchOptions = {
    release: options.release,
    limit: wholeNumber(options.limit, '--limit') ?? 10,
    offset: wholeNumber(options.offset, '--offset') ?? 0,
    status: options.status as SearchOptions['status'],
    date: options.date,
    // As /api/search answers: a date of service puts the codes in effect on it first.
    order: (options.order ?? (options.date ? 'in-effect-first' : undefined)) as SearchOptions['order'],
    kind: options.kind as SearchOptions['kind'],
    range: options.range,
    betos: options.betos,
    coverage: options.coverage,
    pricingIndicator: options.pricingIndicator,
    noc: options.noc,
  };
  const result = await withStore((store) => searchCodes(store, query.join(' '), searchOptions));
  if (options.json) {
    printJson(result);
    return;
  }
  process.stdout.write(`${formatResult(result, searchOptions.offset ?? 0)}\n`);
}
