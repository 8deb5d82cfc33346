/**
 * Browser-test support: the application served over real HTTP on 127.0.0.1 (a random port), and a
 * Chromium driven by playwright-core (ARCHITECTURE.md "Stack"): the one shipped in the
 * @sparticuz/chromium package, or the machine's own when HCPCS_CHROMIUM names it (./chromium.ts). Every request the browser makes
 * to anything but that server is recorded, so tests can prove the pages make no external request.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { HcpcsStore } from '../../src/store/store.js';
import { chromiumPath } from './chromium.js';
import { openSampleStore } from './cms.js';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PagesServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the whole application of `store` (the pages at /, as `hcpcs serve` does, with its security
 * headers and strict Content-Security-Policy) on 127.0.0.1, port chosen by the system.
 */
export async function startPagesServer(store: HcpcsStore): Promise<PagesServer> {
  const app = createApp(store);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Launches headless Chromium (HCPCS_CHROMIUM, else the packaged one). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * Runs `run` on a new page of the suite (`openPage`), closing the page afterwards even when it fails.
 * @example await withSuitePage(web, async (page) => { await page.goto(web.origin); });
 */
export async function withSuitePage(
  suite: BrowserSuite,
  run: (page: Page) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const { page, close } = await suite.openPage(viewport);
  try {
    await run(page);
  } finally {
    await close();
  }
}

/**
 * Moves the sequential focus navigation starting point to the top of the document, as on a page
 * loaded without an autofocused field: the next Tab goes to the first focusable element.
 */
export async function fromTopOfPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
}

export const DESKTOP = { width: 1280, height: 900 } as const;
/** An iPhone SE-sized viewport: the narrowest phone width the pages are made for. */
export const PHONE = { width: 375, height: 740 } as const;

/**
 * A browser context whose requests outside `origin` are aborted and listed in `external`.
 * @example const { context, external } = await isolatedContext(browser, server.origin, PHONE);
 */
export async function isolatedContext(
  browser: Browser,
  origin: string,
  viewport: { width: number; height: number } = DESKTOP,
  options: { javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; external: string[] }> {
  const context = await browser.newContext({
    viewport,
    acceptDownloads: true,
    javaScriptEnabled: options.javaScript ?? true,
  });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  return { context, external };
}

/** A page in an isolated context; `close()` records its outside requests in the suite's list. */
export interface SuitePage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests this page made outside the server (aborted). */
  readonly external: string[];
  close(): Promise<void>;
}

/** The sample store served over HTTP and a launched chromium, for the tests of one file. */
export interface BrowserSuite {
  readonly store: HcpcsStore;
  /** `http://127.0.0.1:port` of the pages server. */
  readonly origin: string;
  readonly browser: Browser;
  /** Opens a page in a new isolated context (see `isolatedContext`). */
  openPage(
    viewport?: { width: number; height: number },
    options?: { javaScript?: boolean },
  ): Promise<SuitePage>;
}

/**
 * Registers beforeAll/afterAll hooks that open the sample store, serve its pages (`startPagesServer`)
 * and launch chromium, and close all three afterwards. After the file's tests it also asserts that no
 * page opened with `openPage` asked for anything outside the server.
 * @example const web = useBrowserSuite(); it('...', async () => { const { page, close } = await web.openPage(); ... });
 */
export function useBrowserSuite(): BrowserSuite {
  let store: HcpcsStore | undefined;
  let server: PagesServer | undefined;
  let browser: Browser | undefined;
  const external: string[] = [];
  beforeAll(async () => {
    store = openSampleStore();
    server = await startPagesServer(store);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    // No page asked for anything outside the server, in any test of the file.
    expect(external).toEqual([]);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the browser suite is not started: use it inside a test or hook');
    return value;
  };
  const suite: BrowserSuite = {
    get store() {
      return started(store);
    },
    get origin() {
      return started(server).origin;
    },
    get browser() {
      return started(browser);
    },
    async openPage(viewport, options = {}) {
      const { context, external: outside } = await isolatedContext(
        suite.browser,
        suite.origin,
        viewport,
        options,
      );
      const page = await context.newPage();
      return {
        page,
        context,
        external: outside,
        close: async () => {
          external.push(...outside);
          await context.close();
        },
      };
    },
  };
  return suite;
}
