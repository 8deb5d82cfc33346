/**
 * An error of HTTP itself (wrong method, body too large, wrong content type, URL too long): it
 * carries its status, which no other layer knows about. Everything else maps to a status in
 * `src/outcomes.ts` (the table) through `error-mapper.ts`.
 */
import { HcpcsError } from '../../errors.js';
import { errorCodeOfIssue, issueOfStatus } from '../../outcomes.js';

export type HttpStatus = 400 | 404 | 405 | 406 | 413 | 414 | 415 | 422 | 503;

export class HttpError extends HcpcsError {
  readonly status: HttpStatus;
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @example throw new HttpError(405, 'POST /api/releases: this path answers GET', { Allow: 'GET' })
   */
  constructor(status: HttpStatus, message: string, headers: Record<string, string> = {}) {
    super(errorCodeOfIssue(issueOfStatus(status)), message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}
