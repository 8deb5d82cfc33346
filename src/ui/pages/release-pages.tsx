/** The releases list (counts, source files; the payment datasets beside them) and one release's page. */
import {
  type CorrectionsListInfo,
  correctionSource,
  type ReleaseCorrection,
} from '../../history/corrections.js';
import type { PaymentDatasetInfo } from '../../store/payment-store.js';
import type { ReleaseDetail, ReleaseInfo } from '../../store/store.js';
import { CorrectionsTable } from './corrections-table.js';

function n(value: number): string {
  return value.toLocaleString('en-US');
}

/** A file's SHA-256, shortened to its first 16 hex digits, the whole value in the tooltip. */
function Sha256(props: { readonly value: string }) {
  return <code title={props.value}>{props.value.slice(0, 16)}…</code>;
}

/** The two-release picker of the diff page: a GET form, so it works without JavaScript. */
export function DiffForm(props: {
  readonly releases: readonly ReleaseInfo[];
  readonly from?: string;
  readonly to?: string;
}) {
  const keys = props.releases.map((r) => r.key);
  const from = props.from ?? keys.at(-2) ?? keys[0];
  const to = props.to ?? keys.at(-1);
  return (
    <form action="/diff" method="get" class="filters">
      <div>
        <label for="diff-from">From release</label>
        <select id="diff-from" name="from">
          {keys.map((k) => (
            <option value={k} selected={k === from}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="diff-to">To release</label>
        <select id="diff-to" name="to">
          {keys.map((k) => (
            <option value={k} selected={k === to}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit">Compare</button>
      </div>
    </form>
  );
}

/** The count columns of the releases table, in order; `hide-narrow` ones are hidden on a phone. */
const COUNT_COLUMNS: readonly {
  readonly title: string;
  readonly count: keyof ReleaseInfo['counts'];
  readonly class: string;
}[] = [
  { title: 'Codes', count: 'records', class: 'num' },
  { title: 'Procedures', count: 'procedures', class: 'num hide-narrow' },
  { title: 'Modifiers', count: 'modifiers', class: 'num hide-narrow' },
  { title: 'Active', count: 'active', class: 'num' },
  { title: 'Terminated', count: 'terminated', class: 'num' },
  { title: 'Warnings', count: 'warnings', class: 'num hide-narrow' },
];

const PAYMENT_KINDS = {
  asp: 'ASP drug pricing',
  dmepos: 'DMEPOS fee schedule',
  pen: 'PEN fee schedule',
} as const;

/** The imported payment datasets (ASP, DMEPOS, PEN quarters) with their source files' sha256. */
function PaymentDatasets(props: { readonly datasets: readonly PaymentDatasetInfo[] }) {
  return (
    <>
      <h2 id="payment-datasets">Payment datasets</h2>
      <p>
        CMS payment files imported beside the releases, one per schedule and quarter; a re-issued quarter
        keeps each revision and the latest applies.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table class="counts">
          <caption class="visually-hidden">Imported payment datasets</caption>
          <thead>
            <tr>
              <th scope="col">Dataset</th>
              <th scope="col">Kind</th>
              <th scope="col">In effect</th>
              <th scope="col" class="num">
                Rows
              </th>
              <th scope="col" class="hide-narrow">
                Source files (sha256)
              </th>
            </tr>
          </thead>
          <tbody>
            {props.datasets.map((d) => (
              <tr>
                <th scope="row">
                  {d.key}
                  {d.superseded ? <span class="badge badge-neutral">superseded</span> : null}
                </th>
                <td>{PAYMENT_KINDS[d.schedule]}</td>
                <td>
                  {d.period.start} to {d.period.end}
                </td>
                <td class="num">{n(d.rows)}</td>
                <td class="hide-narrow">
                  {d.files.map((f) => (
                    <div>
                      {f.name} <Sha256 value={f.sha256} />
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ReleasesPage(props: {
  readonly releases: readonly ReleaseInfo[];
  readonly payments?: readonly PaymentDatasetInfo[];
}) {
  const rows = [...props.releases].reverse();
  return (
    <>
      <h1>Releases</h1>
      <p>
        Every imported CMS release, newest first. A quarter CMS re-issued keeps each revision (
        <code>_v1</code>, <code>_v4</code> ...); the latest revision is the default everywhere.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table class="counts">
          <caption class="visually-hidden">Imported releases with their counts</caption>
          <thead>
            <tr>
              <th scope="col">Release</th>
              <th scope="col">Effective</th>
              {COUNT_COLUMNS.map((c) => (
                <th scope="col" class={c.class}>
                  {c.title}
                </th>
              ))}
              <th scope="col" class="hide-narrow">
                Source of record
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/releases/${r.key}`}>{r.key}</a>
                  {r.superseded ? <span class="badge badge-neutral">superseded</span> : null}
                </th>
                <td>{r.effectiveDate}</td>
                {COUNT_COLUMNS.map((c) => (
                  <td class={c.class}>{n(r.counts[c.count])}</td>
                ))}
                <td class="hide-narrow">{r.sourceOfRecord.split('/').at(-1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.payments?.length ? <PaymentDatasets datasets={props.payments} /> : null}
      <h2>Compare two releases</h2>
      <DiffForm releases={props.releases} />
    </>
  );
}

export function ReleasePage(props: {
  readonly release: ReleaseDetail;
  readonly releases: readonly ReleaseInfo[];
  /** CMS's corrections to the release's quarter (its corrections lists), in their order. */
  readonly corrections?: readonly ReleaseCorrection[];
  /** The corrections list files of the quarter as read: the superseded ones are named. */
  readonly correctionsLists?: readonly CorrectionsListInfo[];
}) {
  const r = props.release;
  const superseded = (props.correctionsLists ?? []).filter((list) => list.supersededBy);
  const i = props.releases.findIndex((x) => x.key === r.key);
  const previous = i > 0 ? props.releases[i - 1] : undefined;
  return (
    <>
      <nav aria-label="Breadcrumb" class="muted">
        <a href="/releases">Releases</a> › {r.key}
      </nav>
      <h1>
        Release {r.key} {r.superseded ? <span class="badge badge-neutral">superseded revision</span> : null}
      </h1>
      <p>
        Effective {r.effectiveDate}, revision {r.revision}. Imported {r.importedAt.slice(0, 10)}.
      </p>
      <ul>
        <li>
          {n(r.counts.records)} codes: {n(r.counts.procedures)} procedures, {n(r.counts.modifiers)} modifiers
        </li>
        <li>
          {n(r.counts.active)} active and {n(r.counts.terminated)} terminated on {r.effectiveDate}
        </li>
        <li>{n(r.counts.processingNotes)} processing notes in the release's notes file</li>
        <li>{n(r.counts.warnings)} field values CMS wrote wrongly (kept as read)</li>
        {r.layoutNotCompared ? (
          <li>
            Its record layout file was not compared with ours (a format this program does not read:{' '}
            {r.layoutNotCompared}); the records were read with our layout.
          </li>
        ) : null}
      </ul>
      <p>
        <a href={`/browse?release=${r.key}`}>Browse this release</a>
        {previous ? (
          <>
            {' · '}
            <a href={`/diff?from=${previous.key}&to=${r.key}`}>Changes since {previous.key}</a>
          </>
        ) : null}
      </p>
      {props.corrections && props.corrections.length > 0 ? (
        <section aria-labelledby="corrections-h">
          <h2 id="corrections-h">CMS's corrections to this release</h2>
          <p>
            CMS published {props.corrections.length} corrections to the {r.id} file after it. The records are
            kept as published; each code's page, history and validity check show what its corrections change.
          </p>
          <CorrectionsTable
            caption={`CMS's corrections to release ${r.id}`}
            rows={props.corrections.map((c) => ({ ...c, source: correctionSource(c), releaseKey: r.key }))}
          />
          {superseded.length > 0 ? (
            <p class="superseded-lists">
              Not applied, each replaced by a later version of its list that repeats at least half of its
              rows:{' '}
              {superseded.map((list, n) => (
                <>
                  {n > 0 ? '; ' : ''}
                  <code>{list.file}</code> ({list.entries} rows, replaced by <code>{list.supersededBy}</code>)
                </>
              ))}
              .
            </p>
          ) : null}
        </section>
      ) : null}
      <h2>Source files</h2>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="visually-hidden">Source files of release {r.key}</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Role</th>
              <th scope="col" class="num">
                Bytes
              </th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {r.files.map((f) => (
              <tr>
                <td>
                  {f.name}
                  {f.path === r.sourceOfRecord ? (
                    <span class="badge badge-neutral">source of record</span>
                  ) : null}
                </td>
                <td>{f.role}</td>
                <td class="num">{n(f.size)}</td>
                <td>
                  <Sha256 value={f.sha256} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
