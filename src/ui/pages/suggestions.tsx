/** Suggested successors shown beside an ended code (search results, the code page's date check). */
import { codeHref, shortenDescription } from '../components.js';
import type { CodeEntry } from '../release-index.js';
import type { SuccessorSuggestion } from '../successor-suggestions.js';

/**
 * Suggested current codes for an ended code CMS names no successor for, grouped by the rule that
 * found them (the same description; the CMS Table of Drugs, with the drug name and its release).
 */
export function Suggestions(props: { readonly suggested: readonly SuccessorSuggestion[] }) {
  const groups = new Map<string, { readonly title: string; readonly codes: CodeEntry[] }>();
  for (const s of props.suggested) {
    const key = s.source === 'table-of-drugs' ? `drugs ${s.drug}` : 'stem';
    const title =
      s.source === 'table-of-drugs'
        ? `current codes for “${s.drug}” (CMS Table of Drugs, ${s.table}):`
        : 'current codes with the same description:';
    const group = groups.get(key) ?? { title, codes: [] };
    group.codes.push(s.entry);
    groups.set(key, group);
  }
  return (
    <div class="suggested">
      <span class="badge badge-neutral">suggestion</span> CMS names no successor;
      {[...groups.values()].map((g, n) => (
        <>
          {n > 0 ? ';' : ''} {g.title}{' '}
          {g.codes.map((e, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={codeHref(e.code)}>
                <code>{e.code}</code>
              </a>{' '}
              {shortenDescription(e.longDescription, 80)}
            </>
          ))}
        </>
      ))}
    </div>
  );
}
