import { afterAll, describe, expect, it } from 'vitest';
import { openSampleStore } from '../../test/support/cms.js';
import { codeViewWithCorrections as codeView } from './corrected-view.js';

describe('codeViewWithCorrections', () => {
  const store = openSampleStore();
  afterAll(() => store.close());
  const latest = () => store.release(store.resolveRelease(undefined) as string)!;

  it('finds a code typed in lower case with spaces around it', () => {
    const view = codeView(store, latest(), ' j1640 ');
    expect(view.code).toBe('J1640');
    expect(view.decoded.coverage).toBe('Special coverage instructions apply');
    // The field-by-field presentation is made by the text and page renderers, not here.
    expect(view).not.toHaveProperty('fields');
  });

  it('never turns a non-ASCII letter into a code by Unicode upper-casing', () => {
    // 'ß'.toUpperCase() is 'SS' and 'ﬀ'.toUpperCase() 'FF': both two-character modifier shapes.
    expect(() => codeView(store, latest(), 'ß')).toThrow('"ß" is not a HCPCS code');
    expect(() => codeView(store, latest(), 'ﬀ')).toThrow('"ﬀ" is not a HCPCS code');
    expect(() => codeView(store, latest(), 'j164ß')).toThrow('"J164ß" is not a HCPCS code');
  });

  it('names the releases that hold a code the release does not', () => {
    expect(() => codeView(store, store.release('2020-01')!, 'C9053')).toThrow(
      /^C9053 is not in release 2020-01_v1 \(it is in 2020-04_v1, 2020-07_v1/,
    );
  });
});
