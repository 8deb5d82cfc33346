/**
 * Search results: ranked hits with the matched words marked, filters (status, kind, section,
 * BETOS, coverage), paging and the result count. A plain GET form: works without JavaScript.
 */
import { isCodeShaped } from '../../code.js';
import type { CheckResult } from '../../history/index.js';
import { BETOS, COVERAGE } from '../../layout/index.js';
import type { SearchResult } from '../../search/search-codes.js';
import { codeHref, Pager } from '../components.js';
import { highlight } from '../highlight.js';
import type { SuccessorSuggestion } from '../successor-suggestions.js';
import { compareCodes } from './compare-page.js';
import { VerdictBadge } from './date-check.js';
import { Suggestions } from './suggestions.js';

/** Hits per results page. */
export const SEARCH_PAGE_SIZE = 20;

export interface SearchFilters {
  readonly q: string;
  readonly status: string;
  readonly kind: string;
  readonly section: string;
  readonly betos: string;
  readonly coverage: string;
  readonly release: string;
  /** Date of service the hits are checked on (`?date=`, YYYY-MM-DD); empty: today. */
  readonly date: string;
}

function Select(props: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly (readonly [string, string])[];
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The query string of a results page with these filters (empty ones left out). */
export function searchHref(filters: SearchFilters, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/** A hit's answer on the date of service: the verdict, and for an ended code its end date and successors. */
function HitCheck(props: {
  readonly check: CheckResult | undefined;
  readonly suggested: readonly SuccessorSuggestion[] | undefined;
}) {
  const c = props.check;
  if (!c) return null;
  return (
    <div class="hit-check">
      <VerdictBadge result={c} /> on <time datetime={c.date}>{c.date}</time>
      {c.status === 'terminated' && c.terminationDate ? (
        <>
          : ended <time datetime={c.terminationDate}>{c.terminationDate}</time>
        </>
      ) : null}
      {c.status === 'not-yet-effective' && c.addedDate ? (
        <>
          : added <time datetime={c.addedDate}>{c.addedDate}</time>
        </>
      ) : null}
      {!c.valid && c.replacedBy.length ? (
        <>
          {' '}
          · replaced by{' '}
          {c.replacedBy.map((r, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <code>{r}</code>
            </>
          ))}
        </>
      ) : null}
      {props.suggested?.length ? <Suggestions suggested={props.suggested} /> : null}
    </div>
  );
}

export function SearchPage(props: {
  readonly filters: SearchFilters;
  readonly sections: readonly string[];
  readonly releases: readonly string[];
  readonly result: SearchResult | null;
  readonly page: number;
  readonly error?: string;
  /** The date the hits were checked on, and each hit's answer (by code). */
  readonly checkedOn?: string;
  readonly checks?: ReadonlyMap<string, CheckResult>;
  /** Current codes for the same drug or item, for ended hits CMS names no successor for. */
  readonly suggestions?: ReadonlyMap<string, readonly SuccessorSuggestion[]>;
}) {
  const { filters, result } = props;
  // Searched with order 'in-effect-first' when a date is checked: the codes in effect on it lead
  // the whole ranking, not only this page.
  const hits = result ? result.hits : [];
  const pages = result ? Math.max(1, Math.ceil(result.total / SEARCH_PAGE_SIZE)) : 1;
  const first = (props.page - 1) * SEARCH_PAGE_SIZE + 1;
  const active = [
    filters.status,
    filters.kind,
    filters.section,
    filters.betos,
    filters.coverage,
    filters.release,
  ].filter(Boolean).length;
  return (
    <>
      <h1>{filters.q ? <>Search: “{filters.q}”</> : 'Search'}</h1>
      {filters.q ? null : (
        <p>Type a code (J1640), a range (J1000-J1099) or words (hemin, wheelchair) in the search box.</p>
      )}
      {compareCodes(filters.q).length > 1 && compareCodes(filters.q).every(isCodeShaped) ? (
        <p class="callout">
          <a
            href={`/compare?codes=${encodeURIComponent(compareCodes(filters.q).join(' '))}${filters.date ? `&date=${encodeURIComponent(filters.date)}` : ''}`}
          >
            Compare {compareCodes(filters.q).join(', ')} side by side
          </a>
        </p>
      ) : null}
      {filters.q ? (
        <form action="/search" method="get" class="date-filter" aria-label="Date of service">
          {Object.entries(filters).map(([k, v]) =>
            k !== 'date' && v ? <input type="hidden" name={k} value={v} /> : null,
          )}
          <label for="f-date">Valid on</label>
          <input id="f-date" name="date" type="date" value={props.checkedOn ?? filters.date} />
          <button type="submit">Check</button>
        </form>
      ) : null}
      <details class="filter-box" open={active > 0 || !result || undefined}>
        <summary>Filters{active > 0 ? ` (${active} set)` : ''}</summary>
        <form action="/search" method="get" class="filters" aria-label="Filters">
          <input type="hidden" name="q" value={filters.q} />
          <Select
            id="f-status"
            name="status"
            label="Status"
            value={filters.status}
            options={[
              ['', 'Any'],
              ['active', 'Active'],
              ['terminated', 'Terminated'],
            ]}
          />
          <Select
            id="f-kind"
            name="kind"
            label="Kind"
            value={filters.kind}
            options={[
              ['', 'Any'],
              ['procedure', 'Procedure codes'],
              ['modifier', 'Modifiers'],
            ]}
          />
          <Select
            id="f-section"
            name="section"
            label="Section"
            value={filters.section}
            options={[['', 'Any'], ...props.sections.map((s) => [s, `${s} codes`] as const)]}
          />
          <Select
            id="f-betos"
            name="betos"
            label="BETOS"
            value={filters.betos}
            options={[['', 'Any'], ...BETOS.entries.map((e) => [e.code, `${e.code} ${e.label}`] as const)]}
          />
          <Select
            id="f-coverage"
            name="coverage"
            label="Coverage"
            value={filters.coverage}
            options={[['', 'Any'], ...COVERAGE.entries.map((e) => [e.code, `${e.code} ${e.label}`] as const)]}
          />
          <Select
            id="f-release"
            name="release"
            label="Release"
            value={filters.release}
            options={[['', 'Latest'], ...[...props.releases].reverse().map((k) => [k, k] as const)]}
          />
          <div>
            <button type="submit">Apply filters</button>
          </div>
        </form>
      </details>
      {props.error ? (
        <p class="callout" role="alert">
          {props.error}
        </p>
      ) : null}
      {result ? (
        <section aria-labelledby="results-h">
          <h2 id="results-h" aria-live="polite">
            {result.total === 0
              ? 'No codes found'
              : `${result.total.toLocaleString('en-US')} ${result.total === 1 ? 'code' : 'codes'} found`}
            {result.total > SEARCH_PAGE_SIZE
              ? `, ${first}–${Math.min(first + SEARCH_PAGE_SIZE - 1, result.total)} shown`
              : ''}
            <span class="muted"> in release {result.release}</span>
          </h2>
          {props.checkedOn && result.total > 0 ? (
            <p class="muted">
              Codes in effect on {props.checkedOn} are listed first (on every page), most relevant first
              within each group.
            </p>
          ) : null}
          {result.partial ? (
            <p class="callout">No code matches every word; these match some of them.</p>
          ) : null}
          <ol class="hits" start={first}>
            {hits.map((h) => (
              <li>
                <div class="hit-title">
                  <a
                    href={`${codeHref(h.code, filters.release || undefined)}${filters.date && props.checkedOn ? `${filters.release ? '&' : '?'}date=${props.checkedOn}` : ''}`}
                    class="hit-link"
                  >
                    <code>{highlight(h.code, h.matched)}</code>
                  </a>{' '}
                  {highlight(h.longDescription, h.matched)}{' '}
                  {h.status === 'active' ? null : <span class="badge badge-terminated">terminated</span>}
                  {h.kind === 'modifier' ? <span class="badge badge-neutral">modifier</span> : null}
                </div>
                <HitCheck check={props.checks?.get(h.code)} suggested={props.suggestions?.get(h.code)} />
                {h.references?.length ? (
                  <div class="muted">
                    Found through the CMS {h.via === 'drug-table' ? 'Table of Drugs' : 'Alpha-Numeric Index'}:{' '}
                    {h.references.join('; ')}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          <Pager
            page={props.page}
            pages={pages}
            label="Pages of results"
            href={(p) => searchHref(filters, p)}
          />
        </section>
      ) : null}
    </>
  );
}
