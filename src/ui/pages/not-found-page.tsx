/**
 * The helpful 404 of an unknown code: the releases that do hold it, codes one keystroke away
 * (a typo: one character changed, or two neighbours swapped), the nearest codes in the release,
 * and a search for the same text.
 */
import { isCodeShaped } from '../../code.js';
import type { CheckResult } from '../../history/index.js';
import type { ReleaseInfo } from '../../store/store.js';
import { CodeList, codeHref } from '../components.js';
import type { CodeEntry, ReleaseIndex } from '../release-index.js';
import { neighbours } from '../release-index.js';

/**
 * How many keystrokes from `typed` to `code` cost, or undefined when more than one: 0 for two
 * neighbours swapped (the commonest slip: J1604 for J1640), else 1 + how early the one changed
 * character sits (a later digit is a nearer code).
 */
function keystrokeCost(code: string, typed: string): number | undefined {
  if (code.length !== typed.length || code === typed) return undefined;
  const diff: number[] = [];
  for (let i = 0; i < code.length; i++) if (code[i] !== typed[i]) diff.push(i);
  if (diff.length === 1) return 1 + (code.length - (diff[0] as number));
  const [i, j] = diff as [number, number];
  return diff.length === 2 && j === i + 1 && code[i] === typed[j] && code[j] === typed[i] ? 0 : undefined;
}

/**
 * Codes of a release one keystroke from `code`: swaps first, then one changed character (later
 * positions first), active codes before terminated ones.
 * @example didYouMean(index, 'J1604')[0].code // 'J1640'
 */
export function didYouMean(index: ReleaseIndex, code: string, max = 8): CodeEntry[] {
  return index.entries
    .flatMap((e) => {
      const cost = keystrokeCost(e.code, code);
      return cost === undefined ? [] : [{ e, cost }];
    })
    .sort(
      (a, b) => a.cost - b.cost || Number(b.e.active) - Number(a.e.active) || (a.e.code < b.e.code ? -1 : 1),
    )
    .slice(0, max)
    .map((x) => x.e);
}

/**
 * Why a code other releases hold is not in `release`, from the validity check on the release's
 * effective date: not yet added (CMS's added date, layout field 27, or the first file holding it),
 * terminated and dropped (field 29), or dropped without a termination date. A code CMS's
 * corrections add is not missing: its page shows it as they give it (history/corrected-view.ts).
 * @example missingReason(checkCode(store, { code: 'J1412', date: '2020-10-01' }), r, later) // 'not yet added; added 2024-01-01'
 */
export function missingReason(
  check: CheckResult | undefined,
  release: ReleaseInfo,
  elsewhere: readonly ReleaseInfo[],
): string {
  const first = elsewhere[0];
  if (check?.status === 'not-yet-effective' || (first && first.effectiveDate > release.effectiveDate)) {
    return check?.addedDate && check.addedDate > release.effectiveDate
      ? `not yet added; added ${check.addedDate}`
      : `not yet added; first in release ${first?.key ?? '?'}${first ? ` (effective ${first.effectiveDate})` : ''}`;
  }
  if (check?.status === 'terminated' && check.terminationDate) {
    return `terminated on ${check.terminationDate} (last day of use), then CMS dropped it from the file (terminated codes stay in the file for about four years)`;
  }
  return 'CMS dropped it from the file without a termination date';
}

export function NotFoundPage(props: {
  readonly code: string;
  readonly release: ReleaseInfo;
  readonly isLatest: boolean;
  readonly index: ReleaseIndex;
  /** Releases that hold the code, oldest first. */
  readonly elsewhere: readonly ReleaseInfo[];
  /** `checkCode` on the release's effective date: why the code is not in it. */
  readonly atRelease?: CheckResult;
}) {
  const { code, release } = props;
  const looksLikeCode = isCodeShaped(code);
  const similar = looksLikeCode ? didYouMean(props.index, code) : [];
  const near = looksLikeCode ? neighbours(props.index, code, 4, 4) : [];
  const rel = props.isLatest ? undefined : release.key;
  return (
    <>
      <h1>
        {looksLikeCode ? (
          <>
            <code>{code}</code> is not in release {release.key}
          </>
        ) : (
          <>“{code}” is not a HCPCS code</>
        )}
      </h1>
      {props.elsewhere.length ? (
        <div class="callout">
          <p>
            {code} is in {props.elsewhere.length === 1 ? 'release' : 'releases'}{' '}
            {props.elsewhere.map((r, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={codeHref(code, r.key)}>{r.key}</a>
              </>
            ))}
            . It is missing from {release.key}: {missingReason(props.atRelease, release, props.elsewhere)}.
          </p>
        </div>
      ) : (
        <p>
          No imported release holds {looksLikeCode ? code : 'this'}. CDT (D....) and CPT codes are not HCPCS
          Level II.
        </p>
      )}
      {similar.length ? (
        <section aria-labelledby="dym-h">
          <h2 id="dym-h">Did you mean</h2>
          <CodeList entries={similar} release={rel} />
        </section>
      ) : null}
      {near.length ? (
        <section aria-labelledby="near-h">
          <h2 id="near-h">Nearest codes in {release.key}</h2>
          <CodeList entries={near} release={rel} />
        </section>
      ) : null}
      <p>
        <a href={`/search?q=${encodeURIComponent(code)}`}>Search for “{code}”</a> ·{' '}
        <a href={`/browse${rel ? `?release=${rel}` : ''}`}>Browse all codes</a>
      </p>
    </>
  );
}
