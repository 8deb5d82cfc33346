/**
 * Browse: the letter sections of a release, and in each its named ranges (from the CMS
 * Alpha-Numeric Index, see sections.ts) and its codes, paged so that no page grows past ~60 KB.
 */
import { BETOS, decodeCode } from '../../layout/index.js';
import { INDEX_SOURCE, inRange, type NamedRange, rangeId, rangesOfLetter } from '../../layout/sections.js';
import type { ReleaseInfo } from '../../store/store.js';
import { CodeList, Pager } from '../components.js';
import type { CodeEntry } from '../release-index.js';

/** Codes per browse page: ~250 bytes each keeps a page well under the 100 KB budget. */
export const BROWSE_PAGE_SIZE = 200;

export interface SectionSummary {
  readonly id: string;
  readonly title: string;
  readonly entries: readonly CodeEntry[];
}

/** The letter sections (and "modifiers") of a release's codes, in code order. */
export function sectionsOf(entries: readonly CodeEntry[]): SectionSummary[] {
  const byId = new Map<string, CodeEntry[]>();
  for (const e of entries) {
    const id = e.kind === 'modifier' ? 'modifiers' : e.code.charAt(0);
    let list = byId.get(id);
    if (!list) {
      list = [];
      byId.set(id, list);
    }
    list.push(e);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => (a === 'modifiers' ? 1 : b === 'modifiers' ? -1 : a < b ? -1 : 1))
    .map(([id, list]) => ({
      id,
      title: id === 'modifiers' ? 'Modifiers' : `${id} codes`,
      entries: list,
    }));
}

/** The most frequent BETOS categories of some codes, with counts: how a letter section is described. */
export function topBetos(
  entries: readonly CodeEntry[],
  n = 3,
  options: { definedOnly?: boolean } = {},
): { code: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) {
    // Z2 is BETOS_TB's "Undefined codes": no category at all.
    if (e.betos && !(options.definedOnly && e.betos === 'Z2'))
      counts.set(e.betos, (counts.get(e.betos) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([code, count]) => ({ code, label: decodeCode(BETOS, code), count }));
}

function BetosLine(props: { readonly entries: readonly CodeEntry[] }) {
  const top = topBetos(props.entries);
  if (top.length === 0) return <p class="muted">No BETOS category on these codes.</p>;
  return (
    <p class="muted">
      Mostly (BETOS):{' '}
      {top.map((t, i) => (
        <>
          {i > 0 ? '; ' : ''}
          {t.label} ({t.code}, {t.count})
        </>
      ))}
    </p>
  );
}

function releaseQuery(release: ReleaseInfo, latest: boolean): string {
  return latest ? '' : `?release=${encodeURIComponent(release.key)}`;
}

export function BrowseIndexPage(props: {
  readonly release: ReleaseInfo;
  readonly isLatest: boolean;
  readonly sections: readonly SectionSummary[];
}) {
  const q = releaseQuery(props.release, props.isLatest);
  return (
    <>
      <h1>Browse codes</h1>
      <p>
        Release {props.release.key}: {props.release.counts.records.toLocaleString('en-US')} codes in{' '}
        {props.sections.length} sections. Sections are the first letter of the code; named ranges come from
        the {INDEX_SOURCE}; each section is described by the BETOS categories of its own codes.
      </p>
      <ul class="grid">
        {props.sections.map((s) => {
          const active = s.entries.filter((e) => e.active).length;
          const ranges = s.id === 'modifiers' ? [] : rangesOfLetter(s.id);
          return (
            <li class="card">
              <h2>
                <a href={`/browse/${s.id}${q}`}>{s.title}</a>
              </h2>
              <p>
                {s.entries.length} codes ({active} active)
              </p>
              <BetosLine entries={s.entries} />
              {ranges.length ? (
                <ul>
                  {ranges.map((r) => (
                    <li>
                      <a href={`/browse/${s.id}/${rangeId(r)}${q}`}>
                        {rangeId(r)} {r.name}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function SectionPage(props: {
  readonly release: ReleaseInfo;
  readonly isLatest: boolean;
  readonly section: SectionSummary;
  /** A named range of the section, when the page lists only it. */
  readonly range?: NamedRange;
  readonly page: number;
}) {
  const { section, range } = props;
  const q = releaseQuery(props.release, props.isLatest);
  const listed = range ? section.entries.filter((e) => inRange(e.code, range)) : section.entries;
  const pages = Math.max(1, Math.ceil(listed.length / BROWSE_PAGE_SIZE));
  const page = Math.min(Math.max(1, props.page), pages);
  const shown = listed.slice((page - 1) * BROWSE_PAGE_SIZE, page * BROWSE_PAGE_SIZE);
  const base = range ? `/browse/${section.id}/${rangeId(range)}` : `/browse/${section.id}`;
  const ranges = section.id === 'modifiers' ? [] : rangesOfLetter(section.id);
  const first = shown[0]?.code;
  const last = shown.at(-1)?.code;
  return (
    <>
      <nav aria-label="Breadcrumb" class="muted">
        <a href={`/browse${q}`}>Browse</a> ›{' '}
        {range ? <a href={`/browse/${section.id}${q}`}>{section.title}</a> : section.title}
      </nav>
      <h1>{range ? `${rangeId(range)} ${range.name}` : section.title}</h1>
      {range ? (
        <p class="muted">
          Named after the entry “{range.indexEntry.join(' › ')}” on page {range.indexPage} of the{' '}
          {INDEX_SOURCE}.
        </p>
      ) : (
        <BetosLine entries={section.entries} />
      )}
      {!range && ranges.length ? (
        <section aria-labelledby="ranges-h">
          <h2 id="ranges-h">Named ranges</h2>
          <ul>
            {ranges.map((r) => (
              <li>
                <a href={`/browse/${section.id}/${rangeId(r)}${q}`}>
                  {rangeId(r)} {r.name}
                </a>{' '}
                <span class="muted">({section.entries.filter((e) => inRange(e.code, r)).length} codes)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="codes-h">
        <h2 id="codes-h">
          {listed.length} codes in release {props.release.key}
          {pages > 1 ? ` (${first}–${last} on this page)` : ''}
        </h2>
        <CodeList entries={shown} release={props.isLatest ? undefined : props.release.key} />
        <Pager
          page={page}
          pages={pages}
          label="Pages of codes"
          href={(p) =>
            `${base}?${props.isLatest ? '' : `release=${encodeURIComponent(props.release.key)}&`}page=${p}`
          }
        />
      </section>
    </>
  );
}
