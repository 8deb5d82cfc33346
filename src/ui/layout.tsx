/**
 * The page shell every page shares: landmarks (banner, navigation, main, contentinfo), a skip
 * link as the first focus stop, the search form (a plain GET form, so it works without
 * JavaScript) and the one stylesheet and script, both served by this app (no external requests).
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { ASSET_VERSION } from './assets.js';

export interface LayoutProps {
  readonly title: string;
  readonly children?: Child;
  /** The query to show in the header search box. */
  readonly query?: string;
  /** Which navigation entry is the current page. */
  readonly current?: 'home' | 'search' | 'browse' | 'releases' | 'dictionary';
  /** The release a page shows, named in the printed footer. */
  readonly release?: string;
  /** Hide the header search form (the home page has its own big one). */
  readonly bareHeader?: boolean;
}

const NAV = [
  { id: 'browse', href: '/browse', label: 'Browse' },
  { id: 'releases', href: '/releases', label: 'Releases' },
  { id: 'dictionary', href: '/dictionary', label: 'Dictionary' },
] as const;

/** The search box with its label and the autocomplete hooks (`data-suggest`). */
export function SearchForm(props: { readonly query?: string; readonly id: string; readonly big?: boolean }) {
  return (
    <search class={props.big ? 'search search-big' : 'search'}>
      <form action="/search" method="get">
        <label for={props.id} class={props.big ? undefined : 'visually-hidden'}>
          Search HCPCS codes and descriptions
        </label>
        <div class="search-row">
          <input
            id={props.id}
            name="q"
            type="search"
            value={props.query ?? ''}
            autocomplete="off"
            spellcheck={false}
            placeholder="e.g. J1640 or hemin"
            data-suggest=""
            autofocus={props.big || undefined}
          />
          <button type="submit">Search</button>
        </div>
      </form>
    </search>
  );
}

/**
 * The HTML document around a page's content. The doctype keeps browsers in standards mode (without
 * it they render in quirks mode: HTML Living Standard, "The DOCTYPE").
 */
export function Layout(props: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{`${props.title} · HCPCS Level II`}</title>
          <link rel="icon" type="image/svg+xml" href={`/static/favicon.svg?v=${ASSET_VERSION}`} />
          <link rel="stylesheet" href={`/static/hcpcs.css?v=${ASSET_VERSION}`} />
          <script src={`/static/hcpcs.js?v=${ASSET_VERSION}`} defer></script>
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <a class="brand" href="/" aria-current={props.current === 'home' ? 'page' : undefined}>
                HCPCS <span>Level II</span>
              </a>
              <nav aria-label="Main">
                <ul>
                  {NAV.map((n) => (
                    <li>
                      <a href={n.href} aria-current={props.current === n.id ? 'page' : undefined}>
                        {n.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              {props.bareHeader ? null : <SearchForm id="header-q" query={props.query ?? ''} />}
            </div>
          </header>
          <main id="main" class="wrap" tabindex={-1}>
            {props.children}
          </main>
          <p class="print-footer print-only">
            <span data-print-url="">HCPCS Level II</span>
            {props.release ? ` · release ${props.release}` : ''}
          </p>
          <footer class="site-footer">
            <div class="wrap">
              <p>
                Data: CMS Alpha-Numeric HCPCS files (public domain), read exactly as published. Labels and
                definitions: the CMS HCPCS record layout.
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
