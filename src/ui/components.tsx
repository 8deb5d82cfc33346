/** Small pieces several pages share: status badges, code links, tables of codes, pagers. */
import type { Child } from 'hono/jsx';
import type { CodeEntry } from './release-index.js';

/** A link to a code's page, optionally in a given release. */
export function codeHref(code: string, release?: string): string {
  return `/codes/${encodeURIComponent(code)}${release ? `?release=${encodeURIComponent(release)}` : ''}`;
}

/** "active" / "terminated on D" as a badge; colour is never the only signal (the word is there). */
export function StatusBadge(props: { readonly active: boolean; readonly text: string }) {
  return <span class={props.active ? 'badge badge-active' : 'badge badge-terminated'}>{props.text}</span>;
}

/** Longest description a list shows: some run past 1,200 characters; the code page has them whole. */
const LIST_DESCRIPTION_MAX = 180;

/**
 * `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
 * @example shortenDescription('Injection, hemin, 1 mg', 12) // 'Injection…'
 */
export function shortenDescription(text: string, max = LIST_DESCRIPTION_MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** A list of codes with their descriptions (long ones clipped) and a status word for terminated ones. */
export function CodeList(props: { readonly entries: readonly CodeEntry[]; readonly release?: string }) {
  return (
    <ul class="code-list">
      {props.entries.map((e) => (
        <li>
          <a href={codeHref(e.code, props.release)}>
            <code>{e.code}</code>
          </a>{' '}
          <span class="desc">{shortenDescription(e.longDescription)}</span>
          {e.active ? null : (
            <>
              {' '}
              <span class="badge badge-terminated">terminated {e.terminationDate ?? ''}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Previous/next page links for paged lists (`href(page)` builds each link). */
export function Pager(props: {
  readonly page: number;
  readonly pages: number;
  readonly href: (page: number) => string;
  readonly label: string;
}): Child {
  if (props.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={props.label}>
      {props.page > 1 ? (
        <a href={props.href(props.page - 1)} rel="prev">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {props.page} of {props.pages}
      </span>
      {props.page < props.pages ? (
        <a href={props.href(props.page + 1)} rel="next">
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** ISO dates (2024-03-31) and release keys (2023-01_v3) in running text. */
const DATE_OR_RELEASE = /(\d{4}-\d{2}(?:-\d{2}|_v\d+)?)/;

/**
 * Text with its dates and release keys kept whole: browsers may break a line after a hyphen,
 * which splits "2024-03-31" into "2024-" and "03-31".
 * @example <Unbroken text="terminated on 2024-03-31 (release 2025-10_v4)" />
 */
export function Unbroken(props: { readonly text: string }): Child {
  return (
    <>
      {props.text
        .split(DATE_OR_RELEASE)
        .map((part, i) => (i % 2 === 1 ? <span class="nowrap">{part}</span> : part))}
    </>
  );
}
