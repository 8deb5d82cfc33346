/**
 * Two or more codes side by side: each code's latest record (the release that last holds it),
 * its answer on a date of service, its history (the releases holding it and each event: added,
 * fields changed, terminated), then every field of the CMS record layout, one row per field, so
 * differences read across a row.
 */
import type { CheckResult, CodeHistory } from '../../history/index.js';
import { presentFields } from '../../layout/describe.js';
import type { RecordView } from '../../store/record-view.js';
import { codeHref, Unbroken } from '../components.js';
import { VerdictBadge } from './date-check.js';

/** Most codes a comparison shows: past this the columns no longer fit a screen. */
export const COMPARE_MAX = 6;

export interface ComparedCode {
  readonly code: string;
  /** The latest record of the code, absent when no imported release holds it. */
  readonly view?: RecordView;
  readonly check: CheckResult;
  /** First and last releases holding the code. */
  readonly firstRelease?: string;
  readonly lastRelease?: string;
  /** The code through every imported release (codeHistory). */
  readonly history?: CodeHistory;
}

/**
 * A code's timeline in one table cell: each event's release (linked to the code as that release
 * has it), what happened with CMS's dates, and the fields that changed (the code page has the values).
 */
function CompactTimeline(props: { readonly code: string; readonly history: CodeHistory }) {
  const { events } = props.history;
  if (events.length === 0) return <span class="muted">no event in the imported releases</span>;
  return (
    <ol class="compare-timeline">
      {events.map((e) => (
        <li>
          <a href={codeHref(props.code, e.release)}>
            <time datetime={e.effectiveDate}>{e.release}</time>
          </a>{' '}
          <Unbroken text={e.message} />
          {e.changes?.length ? (
            <span class="muted"> (changed: {[...new Set(e.changes.map((c) => c.label))].join(', ')})</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The codes of a compare request: `J1640 J1412`, `J1640,J1412`, upper-cased, each once.
 * @example compareCodes('j1640, J1412 j1640') // ['J1640', 'J1412']
 */
export function compareCodes(input: string): string[] {
  const codes = input
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(codes)];
}

export function ComparePage(props: {
  readonly codes: readonly ComparedCode[];
  readonly date: string;
  readonly input: string;
  readonly error?: string;
}) {
  const { codes } = props;
  // Every field any of the codes has, in layout order (label order of the first holder).
  const labels: string[] = [];
  const byCode = new Map<string, Map<string, { value: string; meaning?: string }>>();
  for (const c of codes) {
    const values = new Map<string, { value: string; meaning?: string }>();
    for (const f of c.view ? presentFields(c.view) : []) {
      if (!labels.includes(f.label)) labels.push(f.label);
      values.set(f.label, f.meaning ? { value: f.value, meaning: f.meaning } : { value: f.value });
    }
    byCode.set(c.code, values);
  }
  return (
    <>
      <h1>Compare codes</h1>
      <form action="/compare" method="get" class="date-filter" aria-label="Codes to compare">
        <label for="compare-codes">Codes</label>
        <input id="compare-codes" name="codes" type="text" value={props.input} placeholder="J1640 J1412" />
        <label for="compare-date">Valid on</label>
        <input id="compare-date" name="date" type="date" value={props.date} />
        <button type="submit">Compare</button>
      </form>
      {props.error ? (
        <p class="callout" role="alert">
          {props.error}
        </p>
      ) : null}
      {codes.length ? (
        <p class="no-print">
          <a
            href={`/picklist?codes=${encodeURIComponent(codes.map((c) => c.code).join(' '))}&date=${encodeURIComponent(props.date)}`}
          >
            Print these codes as a pick list
          </a>
        </p>
      ) : null}
      {codes.length ? (
        <div class="table-scroll" tabindex={0}>
          <table class="compare">
            <caption class="visually-hidden">
              {codes.map((c) => c.code).join(', ')}: status, history and every field side by side
            </caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                {codes.map((c) => (
                  <th scope="col">
                    <a href={codeHref(c.code)}>
                      <code>{c.code}</code>
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr id="compare-valid">
                <th scope="row">
                  Valid on <time datetime={props.date}>{props.date}</time>
                </th>
                {codes.map((c) => (
                  <td>
                    <VerdictBadge result={c.check} />{' '}
                    <span class="muted">
                      <Unbroken text={c.check.reasons[0] ?? ''} />
                    </span>
                  </td>
                ))}
              </tr>
              <tr id="compare-status">
                <th scope="row">Status (latest record)</th>
                {codes.map((c) => (
                  <td>
                    <Unbroken
                      text={
                        c.view
                          ? `${c.view.status.text} (release ${c.view.releaseKey})`
                          : 'in no imported release'
                      }
                    />
                  </td>
                ))}
              </tr>
              <tr id="compare-history">
                <th scope="row">History</th>
                {codes.map((c) => (
                  <td>
                    {c.firstRelease ? (
                      <>
                        in releases <span class="nowrap">{c.firstRelease}</span> to{' '}
                        <span class="nowrap">{c.lastRelease}</span>{' '}
                        <a href={`${codeHref(c.code)}#history-h`}>
                          timeline<span class="visually-hidden"> of {c.code}</span>
                        </a>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                ))}
              </tr>
              <tr id="compare-timeline">
                <th scope="row">Timeline</th>
                {codes.map((c) => (
                  <td>{c.history ? <CompactTimeline code={c.code} history={c.history} /> : '—'}</td>
                ))}
              </tr>
              {labels.map((label) => {
                const cells = codes.map((c) => byCode.get(c.code)?.get(label));
                const differs = new Set(cells.map((x) => x?.value ?? '')).size > 1;
                return (
                  <tr class={differs ? 'differs' : undefined}>
                    <th scope="row">
                      {label}
                      {differs ? <span class="visually-hidden"> (differs)</span> : null}
                    </th>
                    {cells.map((x) => (
                      <td>
                        {x ? (
                          <>
                            <strong>{x.value}</strong>
                            {x.meaning ? <span class="muted"> {x.meaning}</span> : null}
                          </>
                        ) : (
                          <span class="muted">(blank)</span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Type two or more codes, separated by spaces or commas.</p>
      )}
    </>
  );
}
