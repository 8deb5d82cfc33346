/**
 * The diff between two releases: counts per kind of change and per field, the changes grouped
 * (added, removed, terminated, reactivated, field changes), filters, paging (a diff between two
 * years holds thousands of changes; pages keep each well under 100 KB) and the CSV download.
 */
import type { FieldChange, ReleaseDiff } from '../../history/index.js';
import { fieldByKey } from '../../layout/index.js';
import type { ReleaseInfo } from '../../store/store.js';
import { codeHref, Pager } from '../components.js';
import type { ReleaseIndex } from '../release-index.js';
import { CorrectionsTable } from './corrections-table.js';
import { ChangeLine } from './history-timeline.js';
import { DiffForm } from './release-pages.js';

export const DIFF_PAGE_SIZE = 100;

export const CHANGE_GROUPS = [
  { id: 'added', title: 'Added codes' },
  { id: 'removed', title: 'Codes no longer in the file' },
  { id: 'terminated', title: 'Terminated codes' },
  { id: 'reactivated', title: 'Reactivated codes' },
  { id: 'changed', title: 'Field changes' },
] as const;

export type ChangeGroup = (typeof CHANGE_GROUPS)[number]['id'];

/** One labelled filter of the diff form: a first "all" option (empty value), then `options`. */
function FilterSelect(props: {
  readonly name: string;
  readonly label: string;
  readonly all: string;
  readonly selected: string;
  readonly options: readonly { readonly value: string; readonly text: string }[];
}) {
  const id = `diff-${props.name}`;
  return (
    <div>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={props.selected === o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface DiffFilters {
  readonly change: ChangeGroup | '';
  readonly field: string;
  readonly section: string;
}

/** One line of the diff as the page lists it. */
interface DiffRow {
  readonly group: ChangeGroup;
  readonly code: string;
  readonly description: string;
  readonly detail?: string;
  readonly replacedBy?: readonly string[];
  readonly change?: FieldChange;
}

function rowsOf(diff: ReleaseDiff, from: ReleaseIndex, to: ReleaseIndex): DiffRow[] {
  const describe = (index: ReleaseIndex, code: string) => {
    const i = index.byCode.get(code);
    return i === undefined ? '' : (index.entries[i]?.longDescription ?? '');
  };
  const rows: DiffRow[] = [];
  for (const code of diff.added) {
    rows.push({
      group: 'added',
      code,
      description: describe(to, code),
      ...(diff.addedAlreadyTerminated.includes(code) ? { detail: 'already terminated when first seen' } : {}),
    });
  }
  for (const r of diff.removedDetails) {
    rows.push({
      group: 'removed',
      code: r.code,
      description: describe(from, r.code),
      detail: r.terminationDate
        ? `last termination date ${r.terminationDate}`
        : 'gone without a termination date: the files do not say when it ended',
      replacedBy: r.replacedBy,
    });
  }
  for (const t of diff.terminatedDetails) {
    rows.push({
      group: 'terminated',
      code: t.code,
      description: describe(to, t.code),
      detail: `last day of use ${t.terminationDate}`,
      replacedBy: t.replacedBy,
    });
  }
  for (const code of diff.reactivated)
    rows.push({ group: 'reactivated', code, description: describe(to, code) });
  for (const change of diff.changed) {
    rows.push({ group: 'changed', code: change.code, description: describe(to, change.code), change });
  }
  return rows;
}

function diffQuery(diff: ReleaseDiff, filters: DiffFilters, page = 1): string {
  const p = new URLSearchParams({ from: diff.from, to: diff.to });
  if (filters.change) p.set('change', filters.change);
  if (filters.field) p.set('field', filters.field);
  if (filters.section) p.set('section', filters.section);
  if (page > 1) p.set('page', String(page));
  return p.toString();
}

function Codes(props: { readonly codes: readonly string[] | undefined }) {
  if (!props.codes?.length) return null;
  return (
    <>
      {' '}
      · replaced by{' '}
      {props.codes.map((c, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={codeHref(c)}>
            <code>{c}</code>
          </a>
        </>
      ))}
    </>
  );
}

export function DiffPage(props: {
  readonly diff: ReleaseDiff;
  readonly releases: readonly ReleaseInfo[];
  readonly fromIndex: ReleaseIndex;
  readonly toIndex: ReleaseIndex;
  readonly filters: DiffFilters;
  readonly page: number;
}) {
  const { diff, filters } = props;
  const all = rowsOf(diff, props.fromIndex, props.toIndex);
  const counts = Object.fromEntries(
    CHANGE_GROUPS.map((g) => [g.id, all.filter((r) => r.group === g.id).length]),
  );
  const sections = [...new Set(all.map((r) => r.code.charAt(0)))].sort();
  const rows = all.filter(
    (r) =>
      (!filters.change || r.group === filters.change) &&
      (!filters.field || r.change?.field === filters.field) &&
      (!filters.section || r.code.startsWith(filters.section)),
  );
  const pages = Math.max(1, Math.ceil(rows.length / DIFF_PAGE_SIZE));
  const page = Math.min(Math.max(1, props.page), pages);
  const shown = rows.slice((page - 1) * DIFF_PAGE_SIZE, page * DIFF_PAGE_SIZE);
  const base = { change: '', field: '', section: '' } as const;
  return (
    <>
      <nav aria-label="Breadcrumb" class="muted">
        <a href="/releases">Releases</a> › diff
      </nav>
      <h1>
        Changes from {diff.from} to {diff.to}
      </h1>
      <p>
        Computed by comparing every field of every code (CMS action codes are kept as attributes, not trusted
        as the change). Effective {diff.fromEffectiveDate} → {diff.toEffectiveDate}.
      </p>
      <DiffForm releases={props.releases} from={diff.from} to={diff.to} />
      <p>
        <a
          class="button"
          href={`/diff.csv?${diffQuery(diff, base)}`}
          download={`hcpcs-diff-${diff.from}-${diff.to}.csv`}
        >
          {all.length === 1
            ? 'Download the 1 change as CSV'
            : `Download all ${all.length.toLocaleString('en-US')} changes as CSV`}
        </a>
      </p>
      <section aria-labelledby="summary-h">
        <h2 id="summary-h">Summary</h2>
        <table class="summary-table">
          <caption class="visually-hidden">Changes by kind</caption>
          <tbody>
            {CHANGE_GROUPS.map((g) => (
              <tr>
                <th scope="row">
                  {counts[g.id] ? (
                    <a href={`/diff?${diffQuery(diff, { ...base, change: g.id })}`}>{g.title}</a>
                  ) : (
                    g.title
                  )}
                </th>
                <td class="num">{(counts[g.id] ?? 0).toLocaleString('en-US')}</td>
                <td class="muted">
                  {g.id === 'changed' ? `in ${diff.summary.changedCodes.toLocaleString('en-US')} codes` : ''}
                  {g.id === 'removed' && diff.summary.removedWithoutTermination
                    ? `${diff.summary.removedWithoutTermination} without a termination date`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {Object.keys(diff.summary.byField).length ? (
          <p>
            Field changes by field:{' '}
            {Object.entries(diff.summary.byField).map(([key, n], i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={`/diff?${diffQuery(diff, { ...base, change: 'changed', field: key })}`}>
                  {fieldByKey(key)?.label ?? key}
                </a>{' '}
                {n}
              </>
            ))}
          </p>
        ) : null}
      </section>
      {diff.corrections.length > 0 ? (
        <section aria-labelledby="corrections-h">
          <h2 id="corrections-h">CMS's corrections to these releases</h2>
          <p>
            The files are compared as CMS published them. CMS published {diff.corrections.length}{' '}
            {diff.corrections.length === 1 ? 'correction' : 'corrections'} to{' '}
            {[...new Set(diff.corrections.map((c) => c.releaseId))].join(' and ')} after the release; each
            code's page, history and validity check follow them.
          </p>
          <CorrectionsTable
            caption={`CMS's corrections to ${diff.from} and ${diff.to}`}
            rows={diff.corrections.map((c) => ({ ...c, releaseKey: c.release }))}
            detailed
          />
        </section>
      ) : null}
      <section aria-labelledby="changes-h">
        <h2 id="changes-h">
          {rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'change' : 'changes'}
          {filters.change || filters.field || filters.section ? ' (filtered)' : ''}
        </h2>
        <form action="/diff" method="get" class="filters" aria-label="Filter the changes">
          <input type="hidden" name="from" value={diff.from} />
          <input type="hidden" name="to" value={diff.to} />
          <FilterSelect
            name="change"
            label="Kind of change"
            all="All"
            selected={filters.change}
            options={CHANGE_GROUPS.map((g) => ({ value: g.id, text: `${g.title} (${counts[g.id]})` }))}
          />
          <FilterSelect
            name="field"
            label="Field"
            all="Any"
            selected={filters.field}
            options={Object.keys(diff.summary.byField).map((key) => ({
              value: key,
              text: fieldByKey(key)?.label ?? key,
            }))}
          />
          <FilterSelect
            name="section"
            label="Section"
            all="Any"
            selected={filters.section}
            options={sections.map((s) => ({ value: s, text: s }))}
          />
          <div>
            <button type="submit">Filter</button>
          </div>
        </form>
        {CHANGE_GROUPS.map((g) => {
          const inGroup = shown.filter((r) => r.group === g.id);
          if (inGroup.length === 0) return null;
          return (
            <section aria-labelledby={`group-${g.id}`} class="diff-group">
              <h3 id={`group-${g.id}`}>
                {g.title} <span class="muted">({counts[g.id]})</span>
              </h3>
              <ul class="code-list">
                {inGroup.map((r) => (
                  <li>
                    <a href={codeHref(r.code, g.id === 'removed' ? diff.from : diff.to)}>
                      <code>{r.code}</code>
                    </a>{' '}
                    {r.change ? <ChangeLine change={r.change} /> : <span class="desc">{r.description}</span>}
                    {r.detail ? <span class="muted"> · {r.detail}</span> : null}
                    <Codes codes={r.replacedBy} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        <Pager
          page={page}
          pages={pages}
          label="Pages of changes"
          href={(p) => `/diff?${diffQuery(diff, filters, p)}`}
        />
      </section>
    </>
  );
}
