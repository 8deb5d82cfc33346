/**
 * The web pages (issue 6): server-rendered with hono/jsx, usable without JavaScript; a small
 * script adds search-as-you-type. `createApp` (src/server) mounts this sub-app at `/`.
 *
 * Routes: `/` home, `/search`, `/codes/:code[?release=]`, `/browse[/:section[/:range]]`,
 * `/releases[/:key]`, `/diff?from=&to=` (+ `/diff.csv`), `/dictionary`, `/_suggest?q=` (the
 * autocomplete's tiny JSON), `/static/hcpcs.css|js`.
 */
import { Hono } from 'hono';
import { normalizeCode } from '../model.js';
import { recordView } from '../store/record-view.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { ASSET_VERSION, CLIENT_SCRIPT, STYLES } from './assets.js';
import { Layout, SearchForm } from './layout.js';
import { CodePage } from './pages/code-page.js';
import { neighbours, releaseIndex } from './release-index.js';

/**
 * The pages sub-app over a store.
 * @example const app = new Hono(); app.route('/', createPages(store));
 */
export function createPages(store: HcpcsStore): Hono {
  const app = new Hono();

  const latestRelease = (): ReleaseInfo | undefined => {
    const all = store.releases();
    const key = store.resolveRelease(undefined, { required: false });
    return all.find((r) => r.key === key);
  };

  app.get('/static/hcpcs.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    if (c.req.query('v') === ASSET_VERSION) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(STYLES);
  });
  app.get('/static/hcpcs.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    if (c.req.query('v') === ASSET_VERSION) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(CLIENT_SCRIPT);
  });

  app.get('/', (c) => {
    const latest = latestRelease();
    return c.html(
      <Layout title="Search" current="home" bareHeader>
        <h1>HCPCS Level II codes</h1>
        <SearchForm id="home-q" big />
        {latest ? (
          <p>
            Latest release: <a href={`/releases/${latest.key}`}>{latest.key}</a>, effective{' '}
            {latest.effectiveDate}, {latest.counts.records.toLocaleString('en-US')} codes.
          </p>
        ) : (
          <p>No release is imported yet: run hcpcs import.</p>
        )}
      </Layout>,
    );
  });

  app.get('/codes/:code', (c) => {
    const code = normalizeCode(c.req.param('code'));
    const all = store.releases();
    const latest = latestRelease();
    const wanted = c.req.query('release');
    const key = store.resolveRelease(wanted, { required: false });
    const release = all.find((r) => r.key === key);
    if (!latest || !release) {
      c.status(404);
      return c.html(
        <Layout title="Release not found">
          <h1>Release {wanted ?? ''} is not imported</h1>
          <p>Imported releases: {all.map((r) => r.key).join(', ') || 'none'}.</p>
        </Layout>,
      );
    }
    const view = recordView(store, release, code);
    if (!view) {
      c.status(404);
      return c.html(
        <Layout title={`${code} not found`}>
          <h1>
            {code} is not in release {release.key}
          </h1>
        </Layout>,
      );
    }
    const holding = new Set(store.recordsOfCode(code).map((r) => r.releaseKey));
    const index = releaseIndex(store, release);
    return c.html(
      <Layout title={`${view.code} ${view.shortDescription ?? ''}`}>
        <CodePage
          view={view}
          release={release}
          latest={latest}
          releasesHolding={all.filter((r) => holding.has(r.key))}
          neighbours={neighbours(index, code, 4, 4)}
          knownCodes={new Set(view.crossReferences.filter((x) => index.byCode.has(x)))}
        />
      </Layout>,
    );
  });

  return app;
}
