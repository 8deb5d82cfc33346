import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReleaseInfo } from '../store/store.js';
import { type CodeVersionRows, cachedCodeVersions } from './dataset-cache.js';

const release = (key: string, importedAt: string, files: { sha256: string }[] = []) =>
  ({ key, importedAt, files }) as unknown as ReleaseInfo;

/** A build that counts its calls and returns rows of every cell type. */
function counting(): { build: () => CodeVersionRows; calls: () => number } {
  let calls = 0;
  return {
    build: () => {
      calls++;
      return {
        codes: [[1, 'J1640', '2026-01-01', null, true, ['a', 'b']]],
        validity: [['J1640', '2020-01-01', null, 1]],
      };
    },
    calls: () => calls,
  };
}

describe('the code version cache', () => {
  it('builds once per set of imported releases and gives the same rows back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hcpcs-cache-')), 'export');
    const { build, calls } = counting();
    const releases = [release('2026-01_v1', '2026-12-01T00:00:00.000Z')];
    const first = cachedCodeVersions(dir, releases, build);
    const again = cachedCodeVersions(dir, releases, build);
    expect(calls()).toBe(1);
    expect(again).toEqual(first);
    // A re-import (a new import time) or another release is another key.
    cachedCodeVersions(dir, [release('2026-01_v1', '2026-12-02T00:00:00.000Z')], build);
    cachedCodeVersions(dir, [...releases, release('2026-04_v1', '2026-12-01T00:00:00.000Z')], build);
    expect(calls()).toBe(3);
    // So is a file added to a release held (a CMS corrections list, store.addCorrections).
    cachedCodeVersions(dir, [release('2026-01_v1', '2026-12-01T00:00:00.000Z', [{ sha256: 'ab12' }])], build);
    expect(calls()).toBe(4);
  });

  it('keeps the four most recently used keys; a damaged file is built again', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hcpcs-cache-')), 'export');
    const { build, calls } = counting();
    for (let i = 0; i < 6; i++) cachedCodeVersions(dir, [release(`2026-0${i + 1}_v1`, 'x')], build);
    expect(readdirSync(dir)).toHaveLength(4);
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), 'not a v8 value');
    cachedCodeVersions(dir, [release('2026-06_v1', 'x')], build);
    expect(calls()).toBe(7);
  });

  it('a folder that cannot be written only costs time', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hcpcs-cache-')), 'a-file');
    writeFileSync(file, '');
    const { build, calls } = counting();
    expect(cachedCodeVersions(join(file, 'export'), [release('2026-01_v1', 'x')], build).codes).toHaveLength(
      1,
    );
    expect(calls()).toBe(1);
  });
});
