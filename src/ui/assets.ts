/**
 * The stylesheet and the progressive-enhancement script, served by the pages app itself
 * (`/static/...`): no CDN, no web fonts, no external request of any kind.
 */
import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client-script.js';
import { STYLES } from './styles.js';

/** Changes whenever the CSS or script changes, so they can be cached for a year. */
export const ASSET_VERSION = createHash('sha256')
  .update(STYLES)
  .update(CLIENT_SCRIPT)
  .digest('hex')
  .slice(0, 10);

export { CLIENT_SCRIPT, STYLES };
