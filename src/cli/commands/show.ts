/** `hcpcs show <code>`: every field as the reference pages print it. */
import { HcpcsError } from '../../errors.js';
import { type CorrectedCodeView, codeViewWithCorrections } from '../../history/corrected-view.js';
import { presentFields } from '../../layout/describe.js';
import { printJson, withStore } from '../context.js';

function wrap(text: string, indent: string, width = 100): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      if (line && line.length + word.length + 1 > width - indent.length) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
  }
  return out.join('\n');
}

export function formatRecord(view: CorrectedCodeView, withDefinitions: boolean): string {
  const lines = [
    `${view.code}  ${view.longDescription}`,
    `${view.kind === 'modifier' ? 'Modifier' : 'Procedure code'} · release ${view.releaseKey} · status: ${view.status.text}`,
    ...(view.correctedStatus ? [`as corrected: ${view.correctedStatus.text} (see below)`] : []),
    ...(view.notInFile ? [`not in the file as published: ${view.notInFile}`] : []),
    '',
  ];
  for (const field of presentFields(view)) {
    lines.push(`${field.label}: ${field.value}${field.meaning ? ` = ${field.meaning}` : ''}`);
    if (field.key === 'processingNote' && view.processingNoteText) {
      lines.push(
        `  Processing note ${field.value}: ${view.processingNoteText.text}${view.processingNoteText.fromRelease === view.releaseKey ? '' : ` (text from release ${view.processingNoteText.fromRelease})`}`,
      );
    }
    if (withDefinitions) lines.push(wrap(field.definition, '    '));
  }
  if (view.corrections && view.corrections.length > 0) {
    lines.push(
      '',
      view.notInFile
        ? `CMS's corrections to this release (the values above are as they give them):`
        : `CMS's corrections to this release (the values above are the file as published):`,
    );
    for (const c of view.corrections) lines.push(`  ${c.message}`);
  }
  if (view.warnings.length > 0) {
    lines.push('', 'Data-quality warnings (values kept as CMS wrote them):');
    for (const w of view.warnings) lines.push(`  ${w.field} "${w.value}": ${w.problem}`);
  }
  return lines.join('\n');
}

export async function showCommand(
  code: string,
  options: { release?: string; json?: boolean; definitions?: boolean },
): Promise<void> {
  const view = await withStore((store) => {
    const key = store.resolveRelease(options.release);
    const release = store.release(key as string);
    if (!release) throw new HcpcsError('HCPCS_E_NOT_FOUND', `release ${options.release} is not imported`);
    return codeViewWithCorrections(store, release, code);
  });
  if (options.json) printJson(view);
  else process.stdout.write(`${formatRecord(view, options.definitions !== false)}\n`);
}
