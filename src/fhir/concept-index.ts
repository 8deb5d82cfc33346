/**
 * Every concept of one release, held in memory for the terminology operations: the records by
 * code in file order as CMS's corrections to the release's quarter leave them on its first day
 * (history/corrected-release.ts: a code they add included, at its place in code order), the group
 * concepts of the published hierarchy with their children, and the codes the corrections name,
 * derived once per data version. Every FHIR operation on a release answers from the release as CMS
 * corrected it; the records as published are kept beside.
 */
import { releaseAsCorrected } from '../history/corrected-release.js';
import type { HcpcsRecord } from '../model.js';
import type { ReleaseSnapshot } from '../store/release-catalog.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { parentCode } from './hierarchy.js';

export interface ConceptIndex {
  readonly release: ReleaseInfo;
  /** Codes in file order, a code CMS's corrections add at its place in code order. */
  readonly codes: readonly string[];
  /** Each code's record as corrected on the release's first day. */
  readonly records: ReadonlyMap<string, HcpcsRecord>;
  /** The records as the release's file has them. */
  readonly published: ReadonlyMap<string, HcpcsRecord>;
  /** How many codes the file lacks that CMS's corrections add or put back (releaseAsCorrected). */
  readonly added: number;
  /** Group concept -> its children (codes or blocks), in order. Top-level sections under ''. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /**
   * The codes CMS's corrections to the release's quarter name (see corrected-concept.ts): only
   * these are looked up in the history's corrections, the other codes answer from the records.
   */
  readonly correctedCodes: ReadonlySet<string>;
}

function build(store: HcpcsStore, snapshot: ReleaseSnapshot): ConceptIndex {
  const { records, byCode, correctedCodes, added } = releaseAsCorrected(store, snapshot.release);
  const codes: string[] = [];
  const children = new Map<string, string[]>();
  const addChild = (parent: string, child: string) => {
    const list = children.get(parent);
    if (!list) children.set(parent, [child]);
    else if (list.at(-1) !== child && !list.includes(child)) list.push(child);
  };
  for (const record of records) {
    codes.push(record.code);
    let child = record.code;
    for (let p = parentCode(child); p !== undefined; child = p, p = parentCode(p)) addChild(p, child);
    if (child !== record.code || record.kind === 'procedure') addChild('', child);
  }
  for (const list of children.values()) list.sort();
  return {
    release: snapshot.release,
    codes,
    records: byCode,
    published: snapshot.byCode,
    added,
    children,
    correctedCodes,
  };
}

/**
 * The concept index of a release.
 * @example conceptIndex(store, release).records.get('J1640')?.shortDescription // 'Hemin, 1 mg'
 */
export function conceptIndex(store: HcpcsStore, release: ReleaseInfo): ConceptIndex {
  return store
    .catalog()
    .snapshot(release)
    .derived('fhir-concepts', (snapshot) => build(store, snapshot));
}

/** Whether a group concept exists in the release (has at least one code under it). */
export function hasGroup(index: ConceptIndex, code: string): boolean {
  return (index.children.get(code)?.length ?? 0) > 0;
}
