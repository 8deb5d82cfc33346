/**
 * The data dictionary: every field of the CMS record layout (number, positions, CMS name, label,
 * definition, workbook columns, code table) and every code table with its labels, from `layout/`.
 */
import {
  CODE_FIELD,
  CODE_TABLES,
  definitionText,
  RECORD_FIELDS,
  RECORD_ID_FIELD,
  SEQUENCE_NUMBER_FIELD,
} from '../../layout/index.js';

/**
 * The dictionary as the API serves it (computed once: the layout is constant).
 * @example dictionary().fields[0].key // 'code'
 */
export function dictionary() {
  const fields = [
    CODE_FIELD,
    SEQUENCE_NUMBER_FIELD,
    RECORD_ID_FIELD,
    ...RECORD_FIELDS.filter((f) => f !== CODE_FIELD),
  ]
    .sort((a, b) => a.number - b.number)
    .map((f) => ({
      key: f.key,
      number: f.number,
      cmsName: f.cmsName,
      label: f.label,
      start: f.start,
      length: f.length,
      occurs: f.occurs,
      type: f.type,
      definition: definitionText(f),
      workbookColumns: [...f.workbookColumns],
      table: f.table?.id ?? null,
    }));
  const tables = CODE_TABLES.map((t) => ({
    id: t.id,
    name: t.name,
    entries: t.entries.map((e) => ({ code: e.code, label: e.label, ...(e.group ? { group: e.group } : {}) })),
  }));
  return { fields, tables };
}
