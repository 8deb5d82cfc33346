/**
 * The web pages (issue 6): server-rendered with hono/jsx, usable without JavaScript; a small
 * script adds search-as-you-type. `createApp` (src/server) mounts this sub-app at `/`.
 *
 * Routes: `/` home, `/search`, `/codes/:code[?release=]`, `/browse[/:section[/:range]]`,
 * `/releases[/:key]`, `/diff?from=&to=` (+ `/diff.csv`), `/dictionary`, `/_suggest?q=` (the
 * autocomplete's tiny JSON), `/static/hcpcs.css|js`.
 */
import { type Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { HcpcsError } from '../errors.js';
import { normalizeCode } from '../model.js';
import { recordView } from '../store/record-view.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { ASSET_VERSION, CLIENT_SCRIPT, STYLES } from './assets.js';
import { Layout, type LayoutProps } from './layout.js';
import { BrowseIndexPage, SectionPage, sectionsOf } from './pages/browse-pages.js';
import { CodePage } from './pages/code-page.js';
import { DictionaryPage } from './pages/dictionary-page.js';
import { HomePage } from './pages/home-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ReleasePage, ReleasesPage } from './pages/release-pages.js';
import { neighbours, releaseIndex } from './release-index.js';
import { rangeId, rangesOfLetter } from './sections.js';

/** The release a page shows: `?release=` when given (404 when not imported), else the latest. */
interface ReleaseChoice {
  readonly all: ReleaseInfo[];
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
    const all = store.releases();
    const latestKey = store.resolveRelease(undefined, { required: false });
    const latest = all.find((r) => r.key === latestKey);
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

  app.get('/', (c) => {
    const all = store.releases();
    const latestKey = store.resolveRelease(undefined, { required: false });
    const latest = all.find((r) => r.key === latestKey);
    const sections = latest ? sectionsOf(releaseIndex(store, latest).entries) : [];
    return page(
      c,
      { title: 'Search', current: 'home', bareHeader: true },
      <HomePage latest={latest} sections={sections} />,
    );
  });

  app.get('/codes/:code', (c) => {
    const code = normalizeCode(c.req.param('code'));
    const choice = chooseRelease(c);
    if ('error' in choice) return choice.error;
    const { all, latest, release, isLatest } = choice;
    const index = releaseIndex(store, release);
    const holding = new Set(store.recordsOfCode(code).map((r) => r.releaseKey));
    const view = recordView(store, release, code);
    if (!view) {
      return page(
        c,
        { title: `${code} not found` },
        <NotFoundPage
          code={code}
          release={release}
          isLatest={isLatest}
          index={index}
          elsewhere={all.filter((r) => holding.has(r.key))}
        />,
        404,
      );
    }
    return page(
      c,
      { title: `${view.code} ${view.shortDescription ?? ''}` },
      <CodePage
        view={view}
        release={release}
        latest={latest}
        releasesHolding={all.filter((r) => holding.has(r.key))}
        neighbours={neighbours(index, code, 4, 4)}
        knownCodes={new Set(view.crossReferences.filter((x) => index.byCode.has(x)))}
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
    page(c, { title: 'Releases', current: 'releases' }, <ReleasesPage releases={store.releases()} />),
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
    return page(
      c,
      { title: `Release ${detail.key}`, current: 'releases' },
      <ReleasePage release={detail} releases={store.releases()} />,
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
