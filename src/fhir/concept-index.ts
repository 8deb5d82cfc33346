/**
 * Every concept of one release, held in memory for the terminology operations: the records by
 * code in file order, and the group concepts of the published hierarchy with their children.
 * Built on first use from the store (about 9,000 records a release) and kept for the few releases
 * most recently asked for; rebuilt when an import changes the data.
 */
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { parentCode } from './hierarchy.js';
import { releaseCatalog } from './release-catalog.js';

export interface ConceptIndex {
  readonly release: ReleaseInfo;
  /** Codes in file order. */
  readonly codes: readonly string[];
  readonly records: ReadonlyMap<string, HcpcsRecord>;
  /** Group concept -> its children (codes or blocks), in order. Top-level sections under ''. */
  readonly children: ReadonlyMap<string, readonly string[]>;
}

const KEEP = 4;
const cache = new WeakMap<HcpcsStore, Map<string, ConceptIndex>>();

function build(store: HcpcsStore, release: ReleaseInfo): ConceptIndex {
  const records = new Map<string, HcpcsRecord>();
  const codes: string[] = [];
  const children = new Map<string, string[]>();
  const addChild = (parent: string, child: string) => {
    const list = children.get(parent);
    if (!list) children.set(parent, [child]);
    else if (list.at(-1) !== child && !list.includes(child)) list.push(child);
  };
  for (const record of store.records(release.key)) {
    records.set(record.code, record);
    codes.push(record.code);
    let child = record.code;
    for (let p = parentCode(child); p !== undefined; child = p, p = parentCode(p)) addChild(p, child);
    if (child !== record.code || record.kind === 'procedure') addChild('', child);
  }
  for (const list of children.values()) list.sort();
  return { release, codes, records, children };
}

/**
 * The concept index of a release.
 * @example conceptIndex(store, release).records.get('J1640')?.shortDescription // 'Hemin, 1 mg'
 */
export function conceptIndex(store: HcpcsStore, release: ReleaseInfo): ConceptIndex {
  const version = releaseCatalog(store).dataVersion;
  let held = cache.get(store);
  if (!held) {
    held = new Map();
    cache.set(store, held);
  }
  const id = `${version}|${release.key}`;
  const found = held.get(id);
  if (found) {
    // Most recently used last.
    held.delete(id);
    held.set(id, found);
    return found;
  }
  const index = build(store, release);
  held.set(id, index);
  while (held.size > KEEP) held.delete(held.keys().next().value as string);
  return index;
}

/** Whether a group concept exists in the release (has at least one code under it). */
export function hasGroup(index: ConceptIndex, code: string): boolean {
  return (index.children.get(code)?.length ?? 0) > 0;
}
