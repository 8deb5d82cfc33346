/**
 * The web pages: server-rendered with hono/jsx, usable without JavaScript; a small
 * script adds search-as-you-type. `createApp` (src/server) mounts this sub-app at `/`.
 *
 * Routes: `/` home, `/search`, `/codes/:code[?release=]`, `/browse[/:section[/:range]]`,
 * `/releases[/:key]`, `/diff?from=&to=` (+ `/diff.csv`), `/dictionary`, `/_suggest?q=` (the
 * autocomplete's tiny JSON), `/static/hcpcs.css|js`.
 */
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { normalizeCode } from '../code.js';
import { HcpcsError } from '../errors.js';
import { historyContext } from '../history/context.js';
import { correctedCodeView } from '../history/corrected-view.js';
import {
  type CheckResult,
  checkCode,
  codeHistory,
  type DiffOptions,
  diffReleases,
  diffToCsv,
  parseServiceDate,
  type ReleaseDiff,
} from '../history/index.js';
import { rangeId, rangesOfLetter } from '../layout/sections.js';
import { type SearchOptions, type SearchResult, searchCodes } from '../search/search-codes.js';
import { recordView } from '../store/record-view.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { ASSET_VERSION, CLIENT_SCRIPT, FAVICON_SVG, STYLES } from './assets.js';
import { Layout, type LayoutProps } from './layout.js';
import { BrowseIndexPage, SectionPage, sectionsOf } from './pages/browse-pages.js';
import { CodePage } from './pages/code-page.js';
import { COMPARE_MAX, type ComparedCode, ComparePage, compareCodes } from './pages/compare-page.js';
import type { DateCheckProps } from './pages/date-check.js';
import { DictionaryPage } from './pages/dictionary-page.js';
import { CHANGE_GROUPS, type DiffFilters, DiffPage } from './pages/diff-page.js';
import { HistoryTimeline } from './pages/history-timeline.js';
import { HomePage } from './pages/home-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { paymentSection } from './pages/payment-section-data.js';
import { PICK_LIST_MAX, type PickedCode, PickListPage } from './pages/pick-list-page.js';
import { ReleasePage, ReleasesPage } from './pages/release-pages.js';
import { SEARCH_PAGE_SIZE, type SearchFilters, SearchPage } from './pages/search-page.js';
import { neighbours, releaseIndex } from './release-index.js';
import { drugTable, type SuccessorSuggestion, suggestedSuccessors } from './successor-suggestions.js';

/** The date of service asked for (`?date=`, the formats `/api/check` reads), today when none; undefined when unreadable. */
function serviceDateOf(asked: string): string | undefined {
  return asked ? parseServiceDate(asked) : new Date().toISOString().slice(0, 10);
}

/**
 * The codes and date of service a compare or pick-list request asks for, and what is wrong with
 * them. `codes` may repeat (the code page's "Compare with" form sends its own code and the typed
 * ones; the home page's checkboxes send one each).
 */
function codesAsked(c: Context, max: number, where: string) {
  const input = (c.req.queries('codes') ?? []).join(' ').trim();
  const asked = (c.req.query('date') ?? '').trim();
  const date = serviceDateOf(asked);
  const wanted = compareCodes(input);
  let error: string | undefined;
  if (!date) error = `date "${asked}" is not a date: use YYYY-MM-DD`;
  else if (wanted.length > max) error = `at most ${max} codes ${where} (${wanted.length} given)`;
  return { input, asked, date, wanted, error };
}

/** The release a page shows: `?release=` when given (404 when not imported), else the latest. */
interface ReleaseChoice {
  readonly all: readonly ReleaseInfo[];
  readonly latest: ReleaseInfo;
  readonly release: ReleaseInfo;
  readonly isLatest: boolean;
}

/**
 * The pages sub-app over a store.
 * @example const app = new Hono(); app.route('/', createPages(store));
 */
export function createPages(store: HcpcsStore): Hono {
  const app = new Hono();

  const page = (
    c: Context,
    props: Omit<LayoutProps, 'children'>,
    body: Child,
    status: 200 | 400 | 404 = 200,
  ) => {
    c.status(status);
    return c.html(<Layout {...props}>{body}</Layout>);
  };

  /** Resolves `?release=`, or gives the error page to return. */
  const chooseRelease = (c: Context): ReleaseChoice | { readonly error: Response | Promise<Response> } => {
    // The one release catalog: the releases and the latest, read once per data version.
    const { releases: all, latest } = store.catalog();
    const wanted = c.req.query('release');
    if (!latest) {
      return { error: page(c, { title: 'No release' }, <NoRelease />, 404) };
    }
    let key: string | undefined;
    try {
      key = store.resolveRelease(wanted || undefined, { required: false });
    } catch (error) {
      if (!(error instanceof HcpcsError)) throw error;
      key = undefined;
    }
    const release = all.find((r) => r.key === key);
    if (!release) {
      const error = page(
        c,
        { title: 'Release not found' },
        <>
          <h1>Release “{wanted}” is not imported</h1>
          <p>
            Release ids are <code>YYYY-MM</code> (latest revision) or <code>YYYY-MM_vN</code>. Imported:{' '}
            {all.map((r, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`/releases/${r.key}`}>{r.key}</a>
              </>
            ))}
            .
          </p>
        </>,
        404,
      );
      return { error };
    }
    return { all, latest, release, isLatest: release.key === latest.key };
  };

  const asset = (type: string, body: string) => (c: Context) => {
    c.header('Content-Type', type);
    c.header(
      'Cache-Control',
      c.req.query('v') === ASSET_VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    return c.body(body);
  };
  app.get('/static/hcpcs.css', asset('text/css; charset=utf-8', STYLES));
  app.get('/static/hcpcs.js', asset('text/javascript; charset=utf-8', CLIENT_SCRIPT));
  app.get('/static/favicon.svg', asset('image/svg+xml', FAVICON_SVG));
  app.get('/favicon.ico', asset('image/svg+xml', FAVICON_SVG));

  app.get('/', (c) => {
    // The one release catalog: the releases and the latest, read once per data version.
    const { releases: all, latest } = store.catalog();
    const sections = latest ? sectionsOf(releaseIndex(store, latest).entries) : [];
    return page(
      c,
      { title: 'Search', current: 'home', bareHeader: true },
      <HomePage
        latest={latest}
        previous={all.filter((r) => !r.superseded && latest && r.effectiveDate < latest.effectiveDate).at(-1)}
        sections={sections}
      />,
    );
  });

  /**
   * Current codes of the latest release for the same drug or item as an ended code CMS names no
   * successor for: the same description stem, or the Table of Drugs (marked suggestions).
   */
  const successorsOf = (code: string, description: string): SuccessorSuggestion[] => {
    const latestKey = store.resolveRelease(undefined, { required: false });
    const latest = store.releases().find((r) => r.key === latestKey);
    if (!latest) return [];
    return suggestedSuccessors(releaseIndex(store, latest), code, description, drugTable(store, latest.key));
  };

  /**
   * The "Valid on [date]?" answer for a code page: `?date=` (default today), answered by `checkCode`,
   * the function `/api/check` calls, so both say the same.
   */
  const dateCheckOf = (c: Context, code: string): DateCheckProps => {
    const asked = (c.req.query('date') ?? '').trim();
    const date = serviceDateOf(asked);
    const release = c.req.query('release') || undefined;
    if (!date) {
      return {
        code,
        date: '',
        error: `date "${asked}" is not a date: use YYYY-MM-DD (also accepted: YYYYMMDD, MM/DD/YYYY)`,
        ...(release ? { release } : {}),
      };
    }
    const result: CheckResult = checkCode(store, { code, date });
    const suggested =
      !result.valid && result.replacedBy.length === 0 && result.description
        ? successorsOf(code, result.description)
        : [];
    return {
      code,
      date,
      result,
      ...(release ? { release } : {}),
      ...(suggested.length ? { suggested } : {}),
    };
  };

  /** Whether any imported release holds a code (cross references may point to codes of other releases). */
  const holdsAnywhere = (code: string) => store.releaseKeysOfCode(code).length > 0;

  app.get('/codes/:code', (c) => {
    const code = normalizeCode(c.req.param('code'));
    const choice = chooseRelease(c);
    if ('error' in choice) return choice.error;
    const { all, latest, isLatest } = choice;
    const holding = new Set(store.releaseKeysOfCode(code));
    // Without ?release=, a code the latest file no longer holds is shown as its last file had it.
    const lastHolding = [...all].reverse().find((r) => holding.has(r.key));
    const release =
      !c.req.query('release') && !holding.has(choice.release.key) && lastHolding
        ? lastHolding
        : choice.release;
    const index = releaseIndex(store, release);
    const view = correctedCodeView(store, release, code);
    if (!view) {
      return page(
        c,
        { title: `${code} not found` },
        <NotFoundPage
          code={code}
          release={release}
          atRelease={checkCode(store, { code, date: release.effectiveDate })}
          isLatest={isLatest}
          index={index}
          elsewhere={all.filter((r) => holding.has(r.key))}
        />,
        404,
      );
    }
    return page(
      c,
      { title: `${view.code} ${view.shortDescription ?? ''}`, release: release.key },
      <CodePage
        view={view}
        release={release}
        latest={latest}
        releasesHolding={all.filter((r) => holding.has(r.key))}
        neighbours={neighbours(index, code, 4, 4)}
        knownCodes={new Set(view.crossReferences.filter((x) => holdsAnywhere(x)))}
        dateCheck={dateCheckOf(c, view.code)}
        history={<HistoryTimeline history={codeHistory(store, code)} currentRelease={release.key} />}
        payment={paymentSection(store, code, c.req.query('date'))}
      />,
    );
  });

  app.get('/browse', (c) => {
    const choice = chooseRelease(c);
    if ('error' in choice) return choice.error;
    const sections = sectionsOf(releaseIndex(store, choice.release).entries);
    return page(
      c,
      { title: 'Browse', current: 'browse' },
      <BrowseIndexPage release={choice.release} isLatest={choice.isLatest} sections={sections} />,
    );
  });

  const sectionRoute = (c: Context, sectionId: string, rangeParam?: string) => {
    const choice = chooseRelease(c);
    if ('error' in choice) return choice.error;
    const id = sectionId === 'modifiers' ? sectionId : sectionId.toUpperCase();
    const section = sectionsOf(releaseIndex(store, choice.release).entries).find((s) => s.id === id);
    const range = rangeParam
      ? rangesOfLetter(id).find((r) => rangeId(r) === rangeParam.toUpperCase())
      : undefined;
    if (!section || (rangeParam && !range)) {
      return page(
        c,
        { title: 'Section not found', current: 'browse' },
        <>
          <h1>No section “{rangeParam ? `${sectionId}/${rangeParam}` : sectionId}”</h1>
          <p>
            <a href="/browse">See every section</a>
          </p>
        </>,
        404,
      );
    }
    const pageNumber = Number.parseInt(c.req.query('page') ?? '1', 10);
    return page(
      c,
      { title: range ? `${rangeId(range)} ${range.name}` : section.title, current: 'browse' },
      <SectionPage
        release={choice.release}
        isLatest={choice.isLatest}
        section={section}
        range={range}
        page={Number.isFinite(pageNumber) ? pageNumber : 1}
      />,
    );
  };
  app.get('/browse/:section', (c) => sectionRoute(c, c.req.param('section')));
  app.get('/browse/:section/:range', (c) => sectionRoute(c, c.req.param('section'), c.req.param('range')));

  app.get('/releases', (c) =>
    page(
      c,
      { title: 'Releases', current: 'releases' },
      <ReleasesPage releases={store.releases()} payments={store.payments.datasets()} />,
    ),
  );
  app.get('/releases/:key', (c) => {
    const key = c.req.param('key');
    let detail: ReturnType<HcpcsStore['release']>;
    try {
      detail = store.release(key);
    } catch (error) {
      // A reference that is not a release id is a 404 here; anything else is a real fault.
      if (!(error instanceof HcpcsError)) throw error;
      detail = undefined;
    }
    if (!detail) {
      return page(
        c,
        { title: 'Release not found', current: 'releases' },
        <>
          <h1>Release “{key}” is not imported</h1>
          <p>
            <a href="/releases">See the imported releases</a>
          </p>
        </>,
        404,
      );
    }
    const corrections = historyContext(store).corrections();
    return page(
      c,
      { title: `Release ${detail.key}`, current: 'releases' },
      <ReleasePage
        release={detail}
        releases={store.releases()}
        corrections={corrections.ofQuarter(detail.id)}
        correctionsLists={corrections.listsOfQuarter(detail.id)}
      />,
    );
  });

  app.get('/search', (c) => {
    const q = c.req.query();
    const filters: SearchFilters = {
      q: (q.q ?? '').trim(),
      status: q.status === 'active' || q.status === 'terminated' ? q.status : '',
      kind: q.kind === 'procedure' || q.kind === 'modifier' ? q.kind : '',
      section: /^([A-Z]|modifiers)$/.test(q.section ?? '') ? (q.section as string) : '',
      betos: (q.betos ?? '').trim().toUpperCase(),
      coverage: (q.coverage ?? '').trim().toUpperCase(),
      release: (q.release ?? '').trim(),
      date: (q.date ?? '').trim(),
    };
    const checkedOn = serviceDateOf(filters.date);
    const pageNumber = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
    const { releases, latest } = store.catalog();
    const sections = latest ? sectionsOf(releaseIndex(store, latest).entries).map((s) => s.id) : [];
    let result: SearchResult | null = null;
    let error: string | undefined;
    // One exact code and no filter: coders typing "J1640" + Enter want its page, not a list of one.
    const exact = normalizeCode(filters.q);
    const onlyQuery = Object.entries(filters).every(
      ([k, v]) => k === 'q' || k === 'release' || k === 'date' || !v,
    );
    if (latest && onlyQuery && pageNumber === 1 && /^[A-Z0-9]{2,5}$/.test(exact)) {
      let key: string | undefined;
      try {
        key = store.resolveRelease(filters.release || undefined, { required: false });
      } catch (e) {
        if (!(e instanceof HcpcsError)) throw e;
      }
      if (key && store.record(key, exact)) {
        const params = new URLSearchParams();
        if (filters.release) params.set('release', filters.release);
        if (filters.date) params.set('date', filters.date);
        return c.redirect(`/codes/${exact}${params.size ? `?${params.toString()}` : ''}`, 302);
      }
    }
    if (filters.q && latest) {
      const options: SearchOptions = { limit: SEARCH_PAGE_SIZE, offset: (pageNumber - 1) * SEARCH_PAGE_SIZE };
      // The codes in effect on the date of service come first on every page, not only within one.
      if (checkedOn) {
        options.date = checkedOn;
        options.order = 'in-effect-first';
      }
      if (filters.release) options.release = filters.release;
      if (filters.status) options.status = filters.status as 'active' | 'terminated';
      if (filters.kind) options.kind = filters.kind as 'procedure' | 'modifier';
      if (filters.section === 'modifiers') options.kind = 'modifier';
      else if (filters.section) options.range = filters.section;
      if (filters.betos) options.betos = filters.betos;
      if (filters.coverage) options.coverage = filters.coverage;
      try {
        result = searchCodes(store, filters.q, options);
        if (!checkedOn) error = `date "${filters.date}" is not a date: use YYYY-MM-DD`;
      } catch (e) {
        // Bad filter values are the user's input: say what is wrong instead of failing the page.
        if (!(e instanceof HcpcsError)) throw e;
        error = e.message;
      }
    }
    // Each hit checked on the date (as /api/check answers), and for an ended code CMS gives no
    // successor, current codes for the same drug or item (description stem, Table of Drugs) as
    // marked suggestions.
    const checks = new Map<string, CheckResult>();
    const suggestions = new Map<string, SuccessorSuggestion[]>();
    if (checkedOn && result && latest) {
      for (const h of result.hits) {
        const check = checkCode(store, { code: h.code, date: checkedOn });
        checks.set(h.code, check);
        if (!check.valid && check.replacedBy.length === 0) {
          const suggested = successorsOf(h.code, h.longDescription);
          if (suggested.length) suggestions.set(h.code, suggested);
        }
      }
    }
    return page(
      c,
      { title: filters.q ? `Search: ${filters.q}` : 'Search', query: filters.q, current: 'search' },
      <SearchPage
        filters={filters}
        sections={sections}
        releases={releases.map((r) => r.key)}
        result={result}
        page={pageNumber}
        error={error}
        {...(checkedOn ? { checkedOn } : {})}
        checks={checks}
        suggestions={suggestions}
      />,
      error ? 400 : 200,
    );
  });

  // The autocomplete's JSON: the few best hits for what is typed so far (latest release).
  app.get('/_suggest', (c) => {
    const q = (c.req.query('q') ?? '').trim();
    if (!q || !store.resolveRelease(undefined, { required: false })) return c.json({ total: 0, hits: [] });
    let result: SearchResult;
    try {
      result = searchCodes(store, q, { limit: 8 });
    } catch (e) {
      if (!(e instanceof HcpcsError)) throw e;
      return c.json({ total: 0, hits: [], error: e.message }, 400);
    }
    c.header('Cache-Control', 'no-store');
    return c.json({
      total: result.total,
      hits: result.hits.map((h) => ({ code: h.code, description: h.longDescription, status: h.status })),
    });
  });

  // Diffs take ~0.2 s to compute; paging through one re-reads it, so the last few are kept, on the
  // store's catalog: an import drops them with everything else derived from the old data.
  const diffOf = (from: string, to: string): ReleaseDiff => {
    const diffs = store.catalog().derived('page-diffs', () => new Map<string, ReleaseDiff>());
    const key = `${from}|${to}`;
    let diff = diffs.get(key);
    if (!diff) {
      const options: DiffOptions = {};
      diff = diffReleases(store, from, to, options);
      diffs.set(key, diff);
      if (diffs.size > 4) diffs.delete(diffs.keys().next().value as string);
    }
    return diff;
  };

  /** The two releases of a diff request, or the error page. */
  const diffReleasesOf = (
    c: Context,
  ):
    | { all: readonly ReleaseInfo[]; from: ReleaseInfo; to: ReleaseInfo }
    | { error: Response | Promise<Response> } => {
    const all = store.catalog().releases;
    const resolve = (ref: string | undefined) => {
      try {
        return ref ? store.resolveRelease(ref, { required: false }) : undefined;
      } catch (error) {
        if (!(error instanceof HcpcsError)) throw error;
        return undefined;
      }
    };
    const fromRef = c.req.query('from') ?? all.at(-2)?.key;
    const toRef = c.req.query('to') ?? all.at(-1)?.key;
    const from = resolve(fromRef);
    const to = resolve(toRef);
    if (!from || !to) {
      const error = page(
        c,
        { title: 'Diff: release not found', current: 'releases' },
        <>
          <h1>
            Cannot compare {fromRef ?? '?'} with {toRef ?? '?'}
          </h1>
          <p>
            {!from ? `Release “${fromRef ?? ''}” is not imported. ` : ''}
            {!to ? `Release “${toRef ?? ''}” is not imported. ` : ''}
            Imported: {all.map((r) => r.key).join(', ') || 'none'}.
          </p>
          <p>
            <a href="/releases">Choose two releases</a>
          </p>
        </>,
        404,
      );
      return { error };
    }
    return {
      all,
      from: all.find((r) => r.key === from) as ReleaseInfo,
      to: all.find((r) => r.key === to) as ReleaseInfo,
    };
  };

  app.get('/diff', (c) => {
    const chosen = diffReleasesOf(c);
    if ('error' in chosen) return chosen.error;
    const q = c.req.query();
    const filters: DiffFilters = {
      change: CHANGE_GROUPS.some((g) => g.id === q.change) ? (q.change as DiffFilters['change']) : '',
      field: q.field ?? '',
      section: /^[A-Z]$/.test(q.section ?? '') ? (q.section as string) : '',
    };
    return page(
      c,
      { title: `Changes ${chosen.from.key} → ${chosen.to.key}`, current: 'releases' },
      <DiffPage
        diff={diffOf(chosen.from.key, chosen.to.key)}
        releases={chosen.all}
        fromIndex={releaseIndex(store, chosen.from)}
        toIndex={releaseIndex(store, chosen.to)}
        filters={filters}
        page={Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1)}
      />,
    );
  });

  app.get('/diff.csv', (c) => {
    const chosen = diffReleasesOf(c);
    if ('error' in chosen) return chosen.error;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="hcpcs-diff-${chosen.from.key}-${chosen.to.key}.csv"`,
    );
    return c.body(diffToCsv(store, diffOf(chosen.from.key, chosen.to.key)));
  });

  app.get('/compare', (c) => {
    const { input, asked, date, wanted, error } = codesAsked(c, COMPARE_MAX, 'side by side');
    const { byKey } = store.catalog();
    const codes: ComparedCode[] =
      error || !date
        ? []
        : wanted.map((code) => {
            const held = store.releaseKeysOfCode(code);
            const last = held.at(-1);
            const release = last === undefined ? undefined : byKey.get(last);
            const view = release ? recordView(store, release, code) : undefined;
            return {
              code,
              check: checkCode(store, { code, date }),
              ...(view ? { view } : {}),
              ...(held[0] ? { firstRelease: held[0] } : {}),
              ...(last ? { lastRelease: last } : {}),
              ...(held.length ? { history: codeHistory(store, code) } : {}),
            };
          });
    return page(
      c,
      { title: wanted.length ? `Compare ${wanted.join(', ')}` : 'Compare codes' },
      <ComparePage codes={codes} date={date ?? asked} input={input} {...(error ? { error } : {})} />,
      error ? 400 : 200,
    );
  });

  app.get('/picklist', (c) => {
    const { input, asked, date, wanted, error } = codesAsked(c, PICK_LIST_MAX, 'in one pick list');
    const codes: PickedCode[] =
      error || !date
        ? []
        : wanted.map((code) => {
            const check = checkCode(store, { code, date });
            const record = check.release
              ? store.record(check.release, code)
              : store.latestRecordOfCode(code)?.record;
            return { code: check.code, shortDescription: record?.shortDescription ?? null, check };
          });
    const inEffect = codes.find((p) => p.check.releaseInEffect)?.check.releaseInEffect;
    return page(
      c,
      { title: 'Pick list', ...(inEffect ? { release: inEffect } : {}) },
      <PickListPage codes={codes} date={date ?? asked} input={input} {...(error ? { error } : {})} />,
      error ? 400 : 200,
    );
  });

  app.get('/dictionary', (c) => page(c, { title: 'Dictionary', current: 'dictionary' }, <DictionaryPage />));

  return app;
}

function NoRelease() {
  return (
    <>
      <h1>No release is imported yet</h1>
      <p>
        Import a CMS Alpha-Numeric HCPCS file first: <code>hcpcs import path/to/file.zip</code>.
      </p>
    </>
  );
}
