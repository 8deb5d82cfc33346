/**
 * The stylesheet and the progressive-enhancement script, served by the pages app itself
 * (`/static/...`): no CDN, no web fonts, no external request of any kind.
 */
import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client-script.js';
import { STYLES } from './styles.js';

/**
 * The site icon: "HC" on the header's blue (browsers ask for /favicon.ico when a page names none,
 * and a 404 there fills server logs; both paths serve this).
 */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0a3d91"/>' +
  '<text x="16" y="22" font-family="system-ui,sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">HC</text></svg>';

/** Changes whenever the CSS or script changes, so they can be cached for a year. */
export const ASSET_VERSION = createHash('sha256')
  .update(STYLES)
  .update(CLIENT_SCRIPT)
  .update(FAVICON_SVG)
  .digest('hex')
  .slice(0, 10);

export { CLIENT_SCRIPT, STYLES };
