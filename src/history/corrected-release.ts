/**
 * A release as CMS's corrections lists to its quarter leave it on its first day: every record with
 * the corrections in force then put in (corrected-code.ts), and the codes they add or put back that
 * the file lacks, each at its place in code order. What the search index and the FHIR concepts are
 * built from, and the NLM-compatible table by the same rule (correctedRecordsOf), so that finding,
 * validating and expanding a code answer as `hcpcs check` does; `show`, the code page and browsing
 * keep the file as published, with the corrections beside (corrected-view.ts). Derived once per data version on the store's shared snapshot.
 */
import type { HcpcsRecord } from '../model.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { historyContext } from './context.js';
import { codeAsCorrected } from './corrected-code.js';

export interface CorrectedRelease {
  /** The records in file order, as corrected; a code the corrections add at its place. */
  readonly records: readonly HcpcsRecord[];
  readonly byCode: ReadonlyMap<string, HcpcsRecord>;
  /** The codes the corrections to the release's quarter name. */
  readonly correctedCodes: ReadonlySet<string>;
  /** How many codes the file lacks that the corrections add or put back. */
  readonly added: number;
}

/**
 * @example releaseAsCorrected(store, release2019).byCode.get('C9034')?.terminationDate // '2018-12-31'
 */
export function releaseAsCorrected(store: HcpcsStore, release: ReleaseInfo | string): CorrectedRelease {
  return store
    .catalog()
    .snapshot(release)
    .derived('corrected-release', (snapshot) => {
      const {
        codes: correctedCodes,
        records: corrected,
        added: addedCodes,
      } = correctedRecordsOf(store, snapshot.release, (code) => snapshot.byCode.get(code));
      if (corrected.size === 0) {
        return { records: snapshot.records, byCode: snapshot.byCode, correctedCodes, added: 0 };
      }
      const byCode = new Map([...snapshot.byCode, ...corrected]);
      const added = addedCodes.map((code) => corrected.get(code) as HcpcsRecord);
      const records = snapshot.records.map((r) => byCode.get(r.code) as HcpcsRecord);
      for (const record of added.sort((a, b) => (a.code < b.code ? -1 : 1))) insertInOrder(records, record);
      return { records, byCode, correctedCodes, added: added.length };
    });
}

/**
 * The codes the corrections to a release's quarter name, the record of each as corrected on the
 * release's first day (none for a code the file lacks that no correction adds), and which of them
 * the file lacks (`added`). `published` gives the file's record of a code: a reader that holds the
 * release's records passes its own; `store.record` looks up only the corrected codes.
 */
export function correctedRecordsOf(
  store: HcpcsStore,
  release: ReleaseInfo,
  published: (code: string) => HcpcsRecord | undefined,
): { codes: ReadonlySet<string>; records: ReadonlyMap<string, HcpcsRecord>; added: string[] } {
  const context = historyContext(store);
  const codes = new Set(
    context
      .corrections()
      .ofQuarter(release.id)
      .map((c) => c.code),
  );
  const records = new Map<string, HcpcsRecord>();
  const added: string[] = [];
  for (const code of codes) {
    const own = published(code);
    const record = codeAsCorrected(context, release, code, own, release.effectiveDate)?.record;
    if (!record || record === own) continue;
    records.set(code, record);
    if (!own) added.push(code);
  }
  return { codes, records, added };
}

/**
 * Puts a record before the first of its kind (procedure code or modifier) that follows it in code
 * order, else after the last of its kind.
 */
function insertInOrder(records: HcpcsRecord[], record: HcpcsRecord): void {
  const sameKind = (r: HcpcsRecord) => r.kind === record.kind;
  const next = records.findIndex((r) => sameKind(r) && r.code > record.code);
  let last = records.length - 1;
  while (last >= 0 && !sameKind(records[last] as HcpcsRecord)) last--;
  records.splice(next >= 0 ? next : last >= 0 ? last + 1 : records.length, 0, record);
}
