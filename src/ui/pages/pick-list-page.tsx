/**
 * A printable pick list: the codes a coder chose (from favourites, recent codes, a comparison or a
 * typed list), one compact row each: code, short description, status on a date of service (the
 * answer `/api/check` gives) and the release that answered. Made to be printed: the form drops
 * away, rows never split across pages, and the footer names the URL, print date and release.
 */
import type { CheckResult } from '../../history/index.js';
import { codeHref } from '../components.js';
import { VerdictBadge } from './date-check.js';

/** Most codes one pick list holds: a few printed pages. */
export const PICK_LIST_MAX = 200;

export interface PickedCode {
  readonly code: string;
  /** Short description (layout field 4) of the record that answered, else of the latest holding it. */
  readonly shortDescription: string | null;
  readonly check: CheckResult;
}

/** The status cell: the verdict and the date that decides it. */
function Status(props: { readonly check: CheckResult }) {
  const c = props.check;
  const when =
    c.status === 'terminated' && c.terminationDate ? (
      <>
        ended <time datetime={c.terminationDate}>{c.terminationDate}</time>
      </>
    ) : c.status === 'not-yet-effective' && c.addedDate ? (
      <>
        from <time datetime={c.addedDate}>{c.addedDate}</time>
      </>
    ) : null;
  return (
    <>
      <VerdictBadge result={c} />
      {when ? <> {when}</> : null}
      {!c.valid && c.replacedBy.length ? <> → {c.replacedBy.join(', ')}</> : null}
    </>
  );
}

export function PickListPage(props: {
  readonly codes: readonly PickedCode[];
  /** The date of service the statuses are for (YYYY-MM-DD), or what was typed when unreadable. */
  readonly date: string;
  readonly input: string;
  readonly error?: string;
}) {
  const { codes } = props;
  return (
    <>
      <h1>Pick list{codes.length ? <span class="muted"> · {codes.length} codes</span> : null}</h1>
      <form action="/picklist" method="get" class="date-filter" aria-label="Codes for the pick list">
        <label for="pick-codes">Codes</label>
        <input id="pick-codes" name="codes" type="text" value={props.input} placeholder="J1640 J1412 E0100" />
        <label for="pick-date">Status on</label>
        <input id="pick-date" name="date" type="date" value={props.date} />
        <button type="submit">Make list</button>
        <button type="button" class="button-secondary" data-print="" hidden>
          Print
        </button>
      </form>
      {props.error ? (
        <p class="callout" role="alert">
          {props.error}
        </p>
      ) : null}
      {codes.length ? (
        <div class="table-scroll">
          <table class="pick-list">
            <caption class="visually-hidden">Chosen codes with their status on {props.date}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Short description</th>
                <th scope="col">
                  Status on <time datetime={props.date}>{props.date}</time>
                </th>
                <th scope="col">Release</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={codeHref(p.code)}>
                      <code>{p.code}</code>
                    </a>
                  </th>
                  <td>{p.shortDescription ?? <span class="muted">in no imported release</span>}</td>
                  <td class="pick-status">
                    <Status check={p.check} />
                  </td>
                  <td class="pick-release">{p.check.release ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>
          Type codes separated by spaces or commas, or pick them from your favourites and recent codes on the{' '}
          <a href="/">home page</a>.
        </p>
      )}
    </>
  );
}
