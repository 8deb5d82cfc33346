/**
 * Reads CMS's processing notes file (proc_notes_YYYY.txt): "0095--AS REQUIRED BY BBRA SECTION 201."
 * with continuation lines below it and a `*` frame in the right margin. The record's field 22
 * (Processing Note Number) points into it.
 */

/** Note number (4 digits, as the record holds it) -> note text, lines joined by one space. */
export type ProcessingNotes = Map<string, string>;

const NOTE_START = /^\s*(\d{4})\s*--\s*(.*)$/;

function clean(line: string): string {
  // The right margin is a column of '*' (the frame of CMS's printed appendix).
  return line.replace(/\s*\*\s*$/, '').trim();
}

/**
 * Parses the processing notes text.
 * @example parseProcessingNotes('  0095--AS REQUIRED BY BBRA SECTION 201.   *').get('0095')
 * // 'AS REQUIRED BY BBRA SECTION 201.'
 */
export function parseProcessingNotes(text: string): ProcessingNotes {
  const notes: ProcessingNotes = new Map();
  let current: { number: string; parts: string[] } | undefined;
  const flush = () => {
    if (current) notes.set(current.number, current.parts.join(' ').replace(/\s+/g, ' ').trim());
  };
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const start = NOTE_START.exec(raw);
    if (start) {
      flush();
      current = { number: start[1] ?? '', parts: [clean(start[2] ?? '')] };
      continue;
    }
    const line = clean(raw);
    if (line === '') {
      // A blank framed line ends a note.
      flush();
      current = undefined;
    } else if (current && !/^_+$/.test(line)) {
      current.parts.push(line);
    }
  }
  flush();
  return notes;
}

/** Whether text is a processing notes file. */
export function looksLikeProcessingNotes(text: string): boolean {
  return (
    /PROCESSING NOTES/i.test(text.slice(0, 2000)) &&
    NOTE_START.test(
      text
        .slice(0, 4000)
        .split('\n')
        .find((l) => NOTE_START.test(l)) ?? '',
    )
  );
}
