/**
 * The one error type of the project. Each carries a stable `code` (HCPCS_E_...) that the CLI maps
 * to an exit code and the server to an HTTP status, and, for input errors, where it happened.
 */

export type ErrorCode =
  | 'HCPCS_E_USAGE'
  | 'HCPCS_E_INPUT'
  | 'HCPCS_E_NOT_FOUND'
  | 'HCPCS_E_CONFLICT'
  | 'HCPCS_E_INTERNAL';

export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly sheet?: string;
  readonly row?: number;
}

export class HcpcsError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation | undefined;

  constructor(code: ErrorCode, message: string, location?: ErrorLocation) {
    super(location ? `${formatLocation(location)}: ${message}` : message);
    this.name = 'HcpcsError';
    this.code = code;
    this.location = location;
  }
}

/**
 * `file:line`, or `file [sheet] row N`, as compilers and spreadsheets name places.
 * @example formatLocation({ file: 'a.txt', line: 3 }) // 'a.txt:3'
 */
export function formatLocation(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.sheet !== undefined) parts.push(`[sheet ${location.sheet}]`);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  let text = parts.join(' ');
  if (location.line !== undefined) text += `${text ? ':' : 'line '}${location.line}`;
  return text;
}

/** An input error at a place in a file. */
export function inputError(message: string, location?: ErrorLocation): HcpcsError {
  return new HcpcsError('HCPCS_E_INPUT', message, location);
}
