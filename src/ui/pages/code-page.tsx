/**
 * The code page: everything the reference pages (../shared/seeds) show, in their order (title,
 * the HCPCS introduction, every field with its value, decoded meaning and CMS definition, the
 * contact block), plus what they lack: a status badge, the processing note's text, cross
 * references as links, the history timeline, neighbouring codes and a release selector.
 */
import type { Child } from 'hono/jsx';
import type { CorrectedCodeView } from '../../history/corrected-view.js';
import { type PresentedField, presentFields } from '../../layout/describe.js';
import type { RecordView } from '../../store/record-view.js';
import type { ReleaseInfo } from '../../store/store.js';
import { CodeList, codeHref, StatusBadge } from '../components.js';
import { HCPCS_CONTACT, HCPCS_INTRODUCTION } from '../contact.js';
import type { CodeEntry } from '../release-index.js';
import { DateCheck, type DateCheckProps } from './date-check.js';

export interface CodePageProps {
  /**
   * The record with what CMS's corrections to the release's quarter say of it (its corrections
   * lists); `notInFile` when the file lacks the code and they add it (corrected-view.ts).
   */
  readonly view: CorrectedCodeView;
  readonly release: ReleaseInfo;
  /** The latest release, to say when the page shows an older one. */
  readonly latest: ReleaseInfo;
  /** Releases holding the code, oldest first (the release selector's options). */
  readonly releasesHolding: readonly ReleaseInfo[];
  readonly neighbours: readonly CodeEntry[];
  /** The history timeline, rendered by the history part (absent when not available). */
  readonly history?: Child;
  /** The "Medicare payment" section (absent when no payment file lists the code). */
  readonly payment?: Child;
  /** Codes this code's cross references point to that the release holds (to link them). */
  readonly knownCodes: ReadonlySet<string>;
  /** "Valid on [date]?": the form and `checkCode`'s answer. */
  readonly dateCheck?: DateCheckProps;
}

/** `2006-01-01` as the reference pages print dates: `20060101`, with the ISO date beside it. */
function DateValue(props: { readonly value: string }) {
  return /^\d{4}-\d{2}-\d{2}$/.test(props.value) ? (
    <time datetime={props.value}>{props.value}</time>
  ) : (
    <span>{props.value}</span>
  );
}

function FieldValue(props: {
  readonly field: PresentedField;
  readonly view: RecordView;
  readonly known: ReadonlySet<string>;
}) {
  const { field } = props;
  if (field.key === 'crossReferences') {
    return props.known.has(field.value) ? (
      <a href={codeHref(field.value)}>
        <code>{field.value}</code>
      </a>
    ) : (
      <code>{field.value}</code>
    );
  }
  if (/Date$/.test(field.key)) return <DateValue value={field.value} />;
  if (field.key === 'code') return <code>{field.value}</code>;
  return <span>{field.value}</span>;
}

function paragraphs(text: string) {
  return text.split('\n\n').map((p) => <p>{p}</p>);
}

function FieldRow(props: {
  readonly field: PresentedField;
  readonly view: RecordView;
  readonly known: ReadonlySet<string>;
  /** Whether this is the field's first occurrence: repeated fields (types of service, pricing
   * indicators) get one row each, and only the first carries the `field-<key>` anchor (ids are unique). */
  readonly first: boolean;
}) {
  const { field, view } = props;
  const note = field.key === 'processingNote' ? view.processingNoteText : null;
  return (
    <tr id={props.first ? `field-${field.key}` : undefined}>
      <th scope="row">{field.label}</th>
      <td class="value">
        <FieldValue field={field} view={view} known={props.known} />
      </td>
      <td class="meaning">
        {field.meaning ? <span>{field.meaning}</span> : null}
        {note ? (
          <div class="note" id="processing-note">
            <strong>Processing note {field.value}:</strong> {note.text}
            {note.fromRelease === view.releaseKey ? null : (
              <span class="muted"> (text from release {note.fromRelease})</span>
            )}
          </div>
        ) : null}
        {field.key === 'processingNote' && !note ? (
          <span class="muted">The notes file of this release does not hold note {field.value}.</span>
        ) : null}
      </td>
      <td class="definition">
        <details>
          <summary>
            CMS definition<span class="visually-hidden"> of {field.label}</span>
          </summary>
          {paragraphs(field.definition)}
        </details>
      </td>
    </tr>
  );
}

/** The release selector: a GET form with a button, so it works without JavaScript. */
function ReleaseSelector(props: {
  readonly code: string;
  readonly current: string;
  readonly releases: readonly ReleaseInfo[];
}) {
  return (
    <form class="release-selector" action={`/codes/${props.code}`} method="get">
      <label for="release-select">Release</label>
      <select id="release-select" name="release">
        {[...props.releases].reverse().map((r) => (
          <option value={r.key} selected={r.key === props.current}>
            {r.key}
            {r.superseded ? ' (superseded revision)' : ''}
          </option>
        ))}
      </select>
      <button type="submit">Show</button>
    </form>
  );
}

/** The values coders look for first, decoded, above the full field table. */
function KeyFacts(props: { readonly view: RecordView }) {
  const { view } = props;
  const d = view.decoded;
  const facts: [string, string, string][] = [];
  for (const [i, p] of view.pricingIndicators.entries()) {
    facts.push(['Pricing indicator', p, (d.pricingIndicators as string[] | undefined)?.[i] ?? '']);
  }
  if (view.coverage) facts.push(['Coverage', view.coverage, String(d.coverage ?? '')]);
  if (view.betos) facts.push(['BETOS', view.betos, String(d.betos ?? '')]);
  if (view.processingNote)
    facts.push(['Processing note', view.processingNote, view.processingNoteText ? 'text' : '']);
  if (view.addedDate) facts.push(['Added', view.addedDate, '']);
  if (view.terminationDate) facts.push(['Termination date', view.terminationDate, 'last day of use']);
  return (
    <dl class="facts">
      {facts.map(([label, value, meaning]) => (
        <div>
          <dt>{label}</dt>
          <dd>
            <strong>{value}</strong>
            {meaning === 'text' ? (
              <>
                {' '}
                <a href="#processing-note">Read note {value}</a>
              </>
            ) : meaning ? (
              <span> {meaning}</span>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The code page's content (inside the layout). */
export function CodePage(props: CodePageProps) {
  const { view, release } = props;
  const { corrections, correctedStatus } = view;
  const isLatest = release.key === props.latest.key;
  const inLatest = props.releasesHolding.some((r) => r.key === props.latest.key);
  const successors = view.crossReferences.filter((c) => c !== view.code);
  return (
    <article class="code-page">
      <header class="code-header">
        <p class="eyebrow">
          {view.kind === 'modifier' ? 'HCPCS Level II modifier' : 'HCPCS Level II code'} · release{' '}
          <a href={`/releases/${release.key}`}>{release.key}</a>
        </p>
        <h1>
          <span class="code-id">{view.code}</span>{' '}
          <span class="code-title">{view.longDescription.toUpperCase()}</span>
        </h1>
        <p class="copy-row" hidden data-copy-row="">
          <button type="button" class="button-secondary" data-copy={view.code}>
            Copy code
          </button>{' '}
          <button type="button" class="button-secondary" data-copy={`${view.code} ${view.longDescription}`}>
            Copy code + description
          </button>
          <span data-remember="" data-code={view.code} data-description={view.longDescription} hidden></span>
        </p>
        <p class="status-line">
          <StatusBadge active={view.status.status === 'active'} text={view.status.text} />
          {correctedStatus ? (
            <>
              {' '}
              <span class="muted">as published; as corrected:</span>{' '}
              <StatusBadge active={correctedStatus.status === 'active'} text={correctedStatus.text} />
            </>
          ) : null}
          {view.status.status === 'terminated' && successors.length > 0 ? (
            <span class="successor">
              {' '}
              Replaced by{' '}
              {successors.map((c, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  {props.knownCodes.has(c) ? (
                    <a href={codeHref(c)} rel="successor">
                      <code>{c}</code>
                    </a>
                  ) : (
                    <code>{c}</code>
                  )}
                </>
              ))}
            </span>
          ) : null}
        </p>
        {view.notInFile ? (
          <p class="callout" role="note">
            Not in the file as published: {view.notInFile}.
          </p>
        ) : null}
        {isLatest ? null : inLatest ? (
          <p class="callout">
            This is {view.code} as release {release.key} (effective {release.effectiveDate}) had it.{' '}
            <a href={codeHref(view.code)}>See the latest release ({props.latest.key})</a>.
          </p>
        ) : (
          <p class="callout">
            {view.code} is not in the latest release ({props.latest.key}): CMS no longer lists it. This is its
            last record, from release {release.key} (effective {release.effectiveDate}).
          </p>
        )}
        <KeyFacts view={view} />
        {props.dateCheck ? <DateCheck {...props.dateCheck} /> : null}
        <ReleaseSelector code={view.code} current={release.key} releases={props.releasesHolding} />
        <form class="compare-with" action="/compare" method="get">
          <input type="hidden" name="codes" value={view.code} />
          <label for="compare-with">Compare with</label>
          <input id="compare-with" name="codes" type="text" placeholder="J1412" />
          <button type="submit">Compare</button>
        </form>
      </header>

      <section aria-labelledby="fields-h">
        <h2 id="fields-h">Every field of the record</h2>
        <div class="table-scroll" tabindex={0}>
          <table class="fields">
            <caption class="visually-hidden">
              {view.code} in release {release.key}: field, value, decoded meaning and CMS definition
            </caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">Meaning</th>
                <th scope="col">Definition (CMS record layout)</th>
              </tr>
            </thead>
            <tbody>
              {presentFields(view).map((f, i, fields) => (
                <FieldRow
                  field={f}
                  view={view}
                  known={props.knownCodes}
                  first={fields.findIndex((g) => g.key === f.key) === i}
                />
              ))}
              <tr id="field-status">
                <th scope="row">Status</th>
                <td class="value">{view.status.status === 'active' ? 'Active' : 'Terminated'}</td>
                <td class="meaning">{view.status.text}</td>
                <td class="definition">
                  <p>
                    Whether the code may be used on {release.effectiveDate}, the first day of release{' '}
                    {release.key} (the termination date is the last day a code may be used).
                  </p>
                </td>
              </tr>
              <tr id="field-release">
                <th scope="row">Last Update Date</th>
                <td class="value">{release.key}</td>
                <td class="meaning">effective {release.effectiveDate}</td>
                <td class="definition">
                  <p>
                    The release this page shows, and the source file it was read from:{' '}
                    {release.sourceOfRecord.split(/[\\/]/).at(-1)}.
                  </p>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        {corrections.length > 0 ? (
          <div class="callout corrections" role="note">
            <h3>CMS's corrections to this release</h3>
            <p>
              CMS published these corrections to the {release.id} file after it;{' '}
              {view.notInFile
                ? 'the values above are as they give them.'
                : 'the values above are the file as published.'}
            </p>
            <ul>
              {corrections.map((c) => (
                <li>{c.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.warnings.length > 0 ? (
          <div class="callout" role="note">
            <h3>Data-quality warnings</h3>
            <p>These values are kept as CMS wrote them:</p>
            <ul>
              {view.warnings.map((w) => (
                <li>
                  {w.field} “{w.value}”: {w.problem}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {props.payment ?? null}

      {props.history ?? null}

      <section aria-labelledby="neighbours-h" class="neighbours no-print">
        <h2 id="neighbours-h">Neighbouring codes</h2>
        {props.neighbours.length ? (
          <CodeList entries={props.neighbours} release={isLatest ? undefined : release.key} />
        ) : (
          <p>No other codes of section {view.code.charAt(0)} in this release.</p>
        )}
        <p>
          <a href={`/browse/${view.code.charAt(0)}`}>All of section {view.code.charAt(0)}</a>
        </p>
      </section>

      <section aria-labelledby="intro-h" class="intro">
        <h2 id="intro-h">Healthcare Common Procedure Coding System</h2>
        <p>{HCPCS_INTRODUCTION}</p>
        <p class="summary">
          <strong>{view.code}</strong> {view.longDescription}
        </p>
      </section>

      <section aria-labelledby="contact-h" class="contact">
        <h2 id="contact-h">Contact Information for HCPCS</h2>
        <p>
          HCPCS Email Address: <a href={`mailto:${HCPCS_CONTACT.email}`}>{HCPCS_CONTACT.email}</a>
        </p>
        <p>
          The PDAC has a toll free helpline:{' '}
          <a href={`tel:${HCPCS_CONTACT.pdacHelpline.replace(/[^\d]/g, '')}`}>{HCPCS_CONTACT.pdacHelpline}</a>
        </p>
        <p>HCPCS-related questions must be submitted online via the {HCPCS_CONTACT.questionsSite} website.</p>
      </section>
    </article>
  );
}
