/**
 * CMS's corrections lists as a table: one row per correction, its code linked. The release page
 * lists one quarter's; the diff page those of either release, with the release and what each
 * changes.
 */
import type { ReleaseCorrection } from '../../history/corrections.js';
import { codeHref } from '../components.js';

export interface CorrectionRow extends Pick<ReleaseCorrection, 'code' | 'kind' | 'action' | 'releaseId'> {
  readonly effectiveDate: string | null;
  readonly effectiveDateAsWritten: string | null;
  /** Where it is written: file, sheet, row. */
  readonly source: string;
  /** The release key whose page of the code the row links to. */
  readonly releaseKey: string;
  /** What it changes, in words (the diff page). */
  readonly what?: string;
}

export function CorrectionsTable(props: {
  readonly rows: readonly CorrectionRow[];
  readonly caption: string;
  /** Columns for the release corrected and what each changes (the diff page). */
  readonly detailed?: boolean;
}) {
  return (
    <div class="table-scroll" tabindex={0}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            {props.detailed ? <th scope="col">Release</th> : null}
            <th scope="col">CMS's words</th>
            <th scope="col">Effective</th>
            {props.detailed ? <th scope="col">What it changes</th> : null}
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((c) => (
            <tr>
              <td>
                {/* A code the file lacks (added or put back by the list) has no page in it. */}
                <a
                  href={
                    c.kind === 'add' || c.kind === 'add-back'
                      ? codeHref(c.code)
                      : codeHref(c.code, c.releaseKey)
                  }
                >
                  <code>{c.code}</code>
                </a>
              </td>
              {props.detailed ? <td>{c.releaseId}</td> : null}
              <td>{c.action}</td>
              <td>
                {c.effectiveDate ??
                  (c.effectiveDateAsWritten ? `“${c.effectiveDateAsWritten}” (no date)` : '')}
              </td>
              {props.detailed ? <td>{c.what}</td> : null}
              <td>{c.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
