/**
 * The one catalog of what a store holds: the imported releases, the latest, which release a
 * reference means, the data version, and one in-memory snapshot of a release's records that every
 * reader shares (search, FHIR terminology, pages, history hang what they derive on it).
 *
 * One freshness scheme: a catalog belongs to one data version. The store hands out a new catalog
 * when the data changes (an import through it, or a commit by another connection, which SQLite's
 * `PRAGMA data_version` reports: https://sqlite.org/pragma.html#pragma_data_version), and
 * everything kept on the old one (snapshots, indexes, memos) is dropped with it. A reader that asks
 * the store for the catalog at the start of its work sees an import finished before that.
 */
import { HcpcsError } from '../errors.js';
import type { HcpcsRecord } from '../model.js';
import type { ReleaseInfo } from './store.js';

/** Snapshots kept per data version, most recently used: each holds a release's records (~9,000). */
const KEPT_SNAPSHOTS = 8;

/** Values derived once per owner (catalog or snapshot), by name. */
class Derived<Owner> {
  readonly #values = new Map<string, unknown>();
  readonly #owner: Owner;

  constructor(owner: Owner) {
    this.#owner = owner;
  }

  get<T>(name: string, build: (owner: Owner) => T): T {
    if (this.#values.has(name)) return this.#values.get(name) as T;
    const value = build(this.#owner);
    this.#values.set(name, value);
    return value;
  }
}

/**
 * The records of one release as one data version holds them, read from the store on first use
 * and shared: a reader derives what it needs with {@link ReleaseSnapshot.derived} instead of
 * keeping a copy of its own.
 */
export class ReleaseSnapshot {
  readonly release: ReleaseInfo;
  readonly #read: () => Iterable<HcpcsRecord>;
  #records: readonly HcpcsRecord[] | undefined;
  #byCode: ReadonlyMap<string, HcpcsRecord> | undefined;
  readonly #derived = new Derived<ReleaseSnapshot>(this);

  constructor(release: ReleaseInfo, read: () => Iterable<HcpcsRecord>) {
    this.release = release;
    this.#read = read;
  }

  /** Every record of the release, in file order. */
  get records(): readonly HcpcsRecord[] {
    this.#records ??= [...this.#read()];
    return this.#records;
  }

  /** The records by code. */
  get byCode(): ReadonlyMap<string, HcpcsRecord> {
    this.#byCode ??= new Map(this.records.map((r) => [r.code, r]));
    return this.#byCode;
  }

  /**
   * A value built from this release once per data version (a search index, the FHIR concepts).
   * @example snapshot.derived('page-index', (s) => s.records.map((r) => r.code).sort())
   */
  derived<T>(name: string, build: (snapshot: ReleaseSnapshot) => T): T {
    return this.#derived.get(name, build);
  }
}

/** What the store gives a catalog: its releases and a way to read a release's records. */
export interface CatalogSource {
  readonly dataVersion: string;
  /** Oldest first, revisions in order. */
  readonly releases: readonly ReleaseInfo[];
  readonly readRecords: (releaseKey: string) => Iterable<HcpcsRecord>;
}

const REFERENCE = /^(\d{4}-\d{2})(?:_v(\d+))?$/;

/**
 * The releases of one data version. Get it from `store.catalog()`: never keep one across requests
 * (a later import would not be seen).
 * @example store.catalog().resolve('2025-10')?.key // '2025-10_v4'
 */
export class ReleaseCatalog {
  /** Changes whenever a release is imported or replaced: part of every ETag and kept answer. */
  readonly dataVersion: string;
  /** Oldest first, revisions in order. */
  readonly releases: readonly ReleaseInfo[];
  /** The latest release, or undefined when none is imported. */
  readonly latest: ReleaseInfo | undefined;
  readonly byKey: ReadonlyMap<string, ReleaseInfo>;
  readonly #readRecords: (releaseKey: string) => Iterable<HcpcsRecord>;
  readonly #snapshots = new Map<string, ReleaseSnapshot>();
  readonly #derived = new Derived<ReleaseCatalog>(this);

  constructor(source: CatalogSource) {
    this.dataVersion = source.dataVersion;
    this.releases = source.releases;
    this.latest = source.releases.at(-1);
    this.byKey = new Map(source.releases.map((r) => [r.key, r]));
    this.#readRecords = source.readRecords;
  }

  /**
   * The release a user means: `2025-10` is its latest revision, `2025-10_v1` one revision, nothing
   * (or `latest`) the latest release. Unless `required` is false, a reference that names no
   * imported release is an error listing what is imported.
   */
  resolve(ref: string | undefined, options: { required?: boolean } = {}): ReleaseInfo | undefined {
    const required = options.required ?? true;
    if (ref === undefined || ref === '' || ref === 'latest') {
      if (!this.latest && required)
        throw new HcpcsError('HCPCS_E_NOT_FOUND', 'no release is imported yet: run hcpcs import');
      return this.latest;
    }
    const exact = REFERENCE.exec(ref);
    const found = exact
      ? exact[2]
        ? this.releases.find((r) => r.id === exact[1] && r.revision === Number(exact[2]))
        : this.releases.filter((r) => r.id === exact[1]).at(-1)
      : undefined;
    if (!found && required) {
      const known = this.releases.map((r) => r.key).join(', ');
      throw new HcpcsError(
        exact ? 'HCPCS_E_NOT_FOUND' : 'HCPCS_E_USAGE',
        exact
          ? `release ${ref} is not imported (imported: ${known || 'none'})`
          : `release "${ref}" is not a release id: use YYYY-MM or YYYY-MM_vN (e.g. 2025-10_v4)`,
      );
    }
    return found;
  }

  /**
   * The shared snapshot of a release's records (the release by key or info).
   * @example store.catalog().snapshot('2026-01_v1').byCode.get('J1640')?.shortDescription // 'Hemin, 1 mg'
   */
  snapshot(release: ReleaseInfo | string): ReleaseSnapshot {
    const key = typeof release === 'string' ? release : release.key;
    let snapshot = this.#snapshots.get(key);
    if (snapshot) {
      // Most recently used at the newest end of the map.
      this.#snapshots.delete(key);
    } else {
      const info = this.byKey.get(key);
      if (!info) throw new HcpcsError('HCPCS_E_NOT_FOUND', `release ${key} is not imported`);
      snapshot = new ReleaseSnapshot(info, () => this.#readRecords(key));
    }
    this.#snapshots.set(key, snapshot);
    while (this.#snapshots.size > KEPT_SNAPSHOTS)
      this.#snapshots.delete(this.#snapshots.keys().next().value as string);
    return snapshot;
  }

  /**
   * A value built from every release once per data version (the history's cross-references, the
   * pages' diffs).
   */
  derived<T>(name: string, build: (catalog: ReleaseCatalog) => T): T {
    return this.#derived.get(name, build);
  }
}

/**
 * The data version of a list of releases: the count and a FNV-1a hash of every key with its import
 * time, the same in every process that reads the same file (ETags stay valid across restarts).
 * @example dataVersionOf(['2026-01_v1@2026-12-01T10:00:00.000Z']) // '1-…'
 */
export function dataVersionOf(importedReleases: readonly string[]): string {
  const text = importedReleases.join(',');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${importedReleases.length}-${(hash >>> 0).toString(36)}`;
}
