/** The pages over a store with no release imported yet: every page answers, none fails. */
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support/cms.js';
import { HcpcsStore } from '../store/store.js';
import { shortenDescription } from './components.js';
import { highlight } from './highlight.js';
import { createPages } from './index.js';

describe('pages of an empty store', () => {
  it('answer with what to do instead of failing', async () => {
    const store = HcpcsStore.open(tempDbPath());
    const app = createPages(store);
    const status = async (path: string) => (await app.request(path)).status;
    expect(await status('/')).toBe(200);
    expect(await (await app.request('/')).text()).toContain('No release is imported yet: run hcpcs import.');
    expect(await status('/codes/J1640')).toBe(404);
    expect(await (await app.request('/codes/J1640')).text()).toContain('hcpcs import path/to/file.zip');
    expect(await status('/browse')).toBe(404);
    expect(await status('/browse/J')).toBe(404);
    expect(await status('/search?q=hemin')).toBe(200);
    expect(await (await app.request('/_suggest?q=hemin')).json()).toEqual({ total: 0, hits: [] });
    expect(await status('/releases')).toBe(200);
    expect(await status('/diff')).toBe(404);
    expect(await status('/dictionary')).toBe(200);
    store.close();
  });
});

describe('shortenDescription', () => {
  it('cuts long descriptions at a word boundary and leaves short ones alone', () => {
    expect(shortenDescription('Injection, hemin, 1 mg', 12)).toBe('Injection…');
    expect(shortenDescription('Injection, hemin, 1 mg', 30)).toBe('Injection, hemin, 1 mg');
    expect(shortenDescription('x'.repeat(300)).length).toBe(181);
  });
});

describe('highlight', () => {
  it('marks whole matched words in any case, keeping the text between them', () => {
    const parts = highlight('Hemi-wheelchair, WHEELCHAIR wheelchairs', ['wheelchair']);
    expect(parts.map((p) => String(p))).toEqual([
      'Hemi-',
      '<mark>wheelchair</mark>',
      ', ',
      '<mark>WHEELCHAIR</mark>',
      ' wheelchairs',
    ]);
    expect(highlight('Injection, hemin, 1 mg', [])).toEqual(['Injection, hemin, 1 mg']);
  });
});
