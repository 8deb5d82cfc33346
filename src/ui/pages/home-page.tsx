/** The home page: one search box, the latest release, and the sections to browse. */
import type { ReleaseInfo } from '../../store/store.js';
import { SearchForm } from '../layout.js';
import { type SectionSummary, topBetos } from './browse-pages.js';

export function HomePage(props: {
  readonly latest: ReleaseInfo | undefined;
  /** The release before the latest quarter (its latest revision), for "what's new". */
  readonly previous?: ReleaseInfo | undefined;
  readonly sections: readonly SectionSummary[];
}) {
  const { latest } = props;
  return (
    <>
      <h1>HCPCS Level II codes</h1>
      <p class="muted">Every field of every code, decoded, in every release CMS published.</p>
      <SearchForm id="home-q" big />
      {latest ? (
        <p>
          Latest release: <a href={`/releases/${latest.key}`}>{latest.key}</a>, effective{' '}
          {latest.effectiveDate}: {latest.counts.records.toLocaleString('en-US')} codes (
          {latest.counts.active.toLocaleString('en-US')} active). <a href="/releases">All releases</a>
        </p>
      ) : null}
      {latest && props.previous ? (
        <p class="whats-new">
          <a href={`/diff?from=${props.previous.key}&to=${latest.key}`}>
            What’s new in {latest.key}: the changes since {props.previous.key}
          </a>
        </p>
      ) : null}
      <div data-memory="" class="memory" hidden></div>
      {latest ? null : <p>No release is imported yet: run hcpcs import.</p>}
      {props.sections.length ? (
        <nav aria-labelledby="browse-h">
          <h2 id="browse-h">Browse by section</h2>
          <ul class="grid">
            {props.sections.map((s) => (
              <li class="card">
                <a href={`/browse/${s.id}`}>{s.title}</a> <span class="muted">{s.entries.length} codes</span>
                {topBetos(s.entries, 1, { definedOnly: true }).map((t) => (
                  <p class="muted">
                    Largest BETOS category: {t.label} ({t.count} of {s.entries.length})
                  </p>
                ))}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
