/** The dictionary: every field of the CMS record layout and every code table, from `layout/`. */
import { CODE_TABLES, definitionText, RECORD_FIELDS } from '../../layout/index.js';

export function DictionaryPage() {
  return (
    <>
      <h1>Dictionary</h1>
      <p>
        Every field of the CMS HCPCS record layout (the 320-character “HCPCS Contractor Record”) and every
        code table it uses, in CMS's words.
      </p>
      <nav aria-label="On this page">
        <ul>
          <li>
            <a href="#fields">Fields</a>
          </li>
          <li>
            <a href="#tables">Code tables</a>:{' '}
            {CODE_TABLES.map((t, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`#table-${t.id}`}>{t.name}</a>
              </>
            ))}
          </li>
        </ul>
      </nav>
      <h2 id="fields">Fields</h2>
      <dl class="dict">
        {RECORD_FIELDS.map((f) => (
          <>
            <dt id={`field-${f.key}`}>
              {f.number}. {f.label}{' '}
              <span class="muted">
                (<code>{f.key}</code>; columns {f.start}–{f.start + f.length * f.occurs - 1}
                {f.occurs > 1 ? `, ${f.occurs} × ${f.length}` : ''}; {f.cmsName})
              </span>
            </dt>
            <dd>
              {definitionText(f)
                .split('\n\n')
                .map((p) => (
                  <p>{p}</p>
                ))}
              {f.table ? (
                <p>
                  Decoded with <a href={`#table-${f.table.id}`}>{f.table.name}</a>.
                </p>
              ) : null}
            </dd>
          </>
        ))}
      </dl>
      <h2 id="tables">Code tables</h2>
      {CODE_TABLES.map((t) => (
        <section aria-labelledby={`table-${t.id}`}>
          <h3 id={`table-${t.id}`}>{t.name}</h3>
          <div class="table-scroll" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Meaning</th>
                  {t.entries.some((e) => e.group) ? <th scope="col">Group</th> : null}
                </tr>
              </thead>
              <tbody>
                {t.entries.map((e) => (
                  <tr>
                    <td>
                      <code>{e.code}</code>
                    </td>
                    <td>{e.label}</td>
                    {t.entries.some((x) => x.group) ? <td>{e.group ?? ''}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
