/**
 * "Valid on [date]?": a date-of-service form and its answer, on the code page (and linked from
 * search results). The answer is `checkCode`'s, the function behind `/api/check`, so the page and
 * the API never disagree: valid / not yet effective / terminated / removed, the reasons with CMS's
 * dates, and the release in effect on the date.
 */
import type { CheckResult } from '../../history/index.js';
import { codeHref } from '../components.js';
import type { SuccessorSuggestion } from '../successor-suggestions.js';
import { Suggestions } from './suggestions.js';

/** Words for each verdict a coder acts on (the API's status ids are for programs). */
const VERDICT: Record<CheckResult['status'], string> = {
  valid: 'Valid',
  'not-yet-effective': 'Not yet effective',
  terminated: 'Terminated',
  removed: 'Removed',
  unknown: 'Unknown',
  malformed: 'Malformed',
  'invalid-modifier': 'Invalid modifier',
};

/** The verdict as a badge: the word carries the meaning, the colour only repeats it. */
export function VerdictBadge(props: { readonly result: CheckResult }) {
  const { result } = props;
  return (
    <span class={result.valid ? 'badge badge-active' : 'badge badge-terminated'}>
      {VERDICT[result.status]}
    </span>
  );
}

export interface DateCheckProps {
  readonly code: string;
  /** The date the form shows (the one asked, or today). */
  readonly date: string;
  /** The answer, absent when the date could not be read. */
  readonly result?: CheckResult;
  /** Why the date could not be read. */
  readonly error?: string;
  /** `?release=` of the page, kept when the form is sent. */
  readonly release?: string;
  /** Current codes for the same drug or item, when the code ended and CMS names no successor. */
  readonly suggested?: readonly SuccessorSuggestion[];
}

/** The form (a GET form: `/codes/J1412?date=2023-12-15` is a link anyone can share) and the answer. */
export function DateCheck(props: DateCheckProps) {
  const { result } = props;
  return (
    <section class="date-check" aria-labelledby="date-check-h">
      <h2 id="date-check-h" class="visually-hidden">
        Valid on a date of service?
      </h2>
      <form action={`/codes/${encodeURIComponent(props.code)}`} method="get" class="date-check-form">
        {props.release ? <input type="hidden" name="release" value={props.release} /> : null}
        <label for="date-of-service">Valid on</label>
        <input id="date-of-service" name="date" type="date" value={props.date} required />
        <button type="submit">Check</button>
      </form>
      <div class="date-answer" role="status" id="date-answer">
        {props.error ? (
          <p class="error">{props.error}</p>
        ) : result ? (
          <>
            <p>
              <strong>
                {result.code} on <time datetime={result.date}>{result.date}</time>:
              </strong>{' '}
              <VerdictBadge result={result} />{' '}
              {result.releaseInEffect ? (
                <span class="muted">
                  release in effect{' '}
                  <a href={codeHref(result.code, result.releaseInEffect)}>{result.releaseInEffect}</a>
                </span>
              ) : (
                <span class="muted">no imported release in effect</span>
              )}
            </p>
            <ul class="reasons">
              {[...result.reasons, ...result.warnings, ...result.notes].map((r) => (
                <li>{r}</li>
              ))}
            </ul>
            {result.replacedBy.length && !result.valid ? (
              <p>
                Replaced by{' '}
                {result.replacedBy.map((c, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <a href={codeHref(c)}>
                      <code>{c}</code>
                    </a>
                  </>
                ))}
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      {result && props.suggested?.length ? <Suggestions suggested={props.suggested} /> : null}
    </section>
  );
}
