/**
 * A code's history timeline on its page: every lifecycle event across the imported releases, each
 * with its field changes (old -> new, decoded meanings), and what the files cannot tell.
 */
import type { Child } from 'hono/jsx';
import type { CodeHistory, FieldChange, FieldValue } from '../../history/index.js';
import { codeHref } from '../components.js';
import { wordDiff } from '../word-diff.js';

function show(value: FieldValue): string {
  if (value === null) return '(blank)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(blank)';
  return String(value);
}

function meaning(m: FieldChange['fromMeaning']): string {
  if (m === undefined || m === null) return '';
  return ` (${Array.isArray(m) ? m.join('; ') : m})`;
}

/**
 * Removed and added text. Screen readers do not announce <del>/<ins> by default, so each carries a
 * visually hidden "removed:"/"added:" (the technique of WAI's "Inserted and deleted content" note).
 */
function Removed(props: { readonly children?: Child }) {
  return (
    <del>
      <span class="visually-hidden">removed: </span>
      {props.children}
    </del>
  );
}

function Added(props: { readonly children?: Child }) {
  return (
    <ins>
      <span class="visually-hidden">added: </span>
      {props.children}
    </ins>
  );
}

/** One field change as "Label: old → new", with meanings when the field has a code table. */
export function ChangeLine(props: { readonly change: FieldChange }) {
  const c = props.change;
  if (typeof c.from === 'string' && typeof c.to === 'string' && c.fromMeaning === undefined) {
    // Texts (descriptions): the words that changed, in place.
    if (c.whitespaceOnly) {
      return (
        <>
          <span>{c.label}:</span> {c.to} <span class="muted">(only spaces changed)</span>
        </>
      );
    }
    const segments = wordDiff(c.from, c.to);
    return (
      <>
        <span>{c.label}:</span>{' '}
        <span class="text-diff">
          {segments.length === 2 && segments[0]?.type === 'del' && segments[1]?.type === 'ins' ? (
            <>
              <Removed>{c.from}</Removed> → <Added>{c.to}</Added>
            </>
          ) : (
            segments.map((seg) =>
              seg.type === 'same' ? (
                seg.text
              ) : seg.type === 'del' ? (
                <Removed>{seg.text}</Removed>
              ) : (
                <Added>{seg.text}</Added>
              ),
            )
          )}
        </span>
      </>
    );
  }
  return (
    <>
      <span>{c.label}:</span> <Removed>{show(c.from) + meaning(c.fromMeaning)}</Removed> →{' '}
      <Added>{show(c.to) + meaning(c.toMeaning)}</Added>
      {c.whitespaceOnly ? <span class="muted"> (spaces only)</span> : null}
    </>
  );
}

/** The message with the successor codes it names turned into links. */
function LinkedCodes(props: { readonly text: string; readonly codes: readonly string[] }) {
  if (props.codes.length === 0) return <>{props.text}</>;
  const pattern = new RegExp(`\\b(${props.codes.map((c) => c.replace(/[^A-Z0-9]/g, '')).join('|')})\\b`);
  return (
    <>
      {props.text.split(pattern).map((part) =>
        props.codes.includes(part) ? (
          <a href={codeHref(part)}>
            <code>{part}</code>
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function HistoryTimeline(props: { readonly history: CodeHistory; readonly currentRelease: string }) {
  const { history } = props;
  const present = history.releases.filter((r) => r.present);
  return (
    <section aria-labelledby="history-h" class="history">
      <h2 id="history-h">History across the imported releases</h2>
      <p>
        In {present.length} of {history.releases.length} imported releases
        {history.firstSeen ? `, from ${history.firstSeen}` : ''}
        {history.lastSeen ? ` to ${history.lastSeen}` : ''}.
        {history.replaces.length ? (
          <>
            {' '}
            Replaces{' '}
            {history.replaces.map((code, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={codeHref(code)}>
                  <code>{code}</code>
                </a>
              </>
            ))}
            .
          </>
        ) : null}
      </p>
      <ol class="timeline">
        {history.events.map((e) => (
          <li>
            <strong>
              <a href={codeHref(history.code, e.release)}>{e.release}</a>
            </strong>{' '}
            <span class="muted">(effective {e.effectiveDate})</span>
            {e.release === props.currentRelease ? <span class="badge badge-neutral">shown</span> : null}
            <div>
              <LinkedCodes text={e.message} codes={e.replacedBy ?? []} />
            </div>
            {e.changes?.length ? (
              <ul class="change">
                {e.changes.map((c) => (
                  <li>
                    <ChangeLine change={c} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {history.notes.length ? (
        <div class="muted">
          <p>What the imported files cannot tell:</p>
          <ul>
            {history.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
