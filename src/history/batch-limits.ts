/**
 * Bounds on one line of a batch check (`hcpcs check --file`, POST /api/check). A claim line is
 * under 200 bytes (code, date of service, a few modifiers); the readers hold at most one line, so
 * these bounds are also what one line can cost in memory however large the input is. Past a bound
 * the line is answered by an error row naming it and the batch goes on with the next line.
 */

/**
 * Longest line (a CSV record, quoted line breaks included; an NDJSON line), in UTF-8 bytes without
 * its line end. 64 KiB is over 300 times a claim line, room for exports that carry many other
 * columns, while a reader holding one line stays small (a JavaScript string of it: at most 128 KiB).
 */
export const MAX_LINE_BYTES = 65_536;

/**
 * Most fields in one CSV record. Checking reads three kinds of column (code, date, modifiers); 256
 * leaves room for wide claim exports, and stops a line of commas becoming tens of thousands of
 * fields.
 */
export const MAX_FIELDS_PER_LINE = 256;

/**
 * Most modifiers on one claim line. Claim forms carry four (CMS-1500 item 24D, the 837's SV1-01);
 * 10 allows lists joined from several columns, as the check's answer has always shown at most 10.
 */
export const MAX_MODIFIERS_PER_LINE = 10;

/** The error of a line longer than {@link MAX_LINE_BYTES}. */
export function lineTooLong(maxBytes = MAX_LINE_BYTES): string {
  return `longer than ${maxBytes} bytes`;
}

/** The error of a claim line with more than {@link MAX_MODIFIERS_PER_LINE} modifiers. */
export function tooManyModifiers(count: number): string {
  return `${count} modifiers: at most ${MAX_MODIFIERS_PER_LINE} a line`;
}
