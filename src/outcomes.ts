/**
 * Outcomes, as Medplum keeps them in one `outcomes.ts`: the ONE table from which every error's HTTP
 * status, FHIR issue type (R4 ValueSet "issue-type") and project error code (HCPCS_E_...) are read,
 * {@link FhirError} (an error as an OperationOutcome issue) and the OperationOutcome body. The
 * server's error mapper (server/http/error-mapper.ts) renders them; the FHIR operations throw them.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import { type ErrorCode, HcpcsError } from './errors.js';

/** The IssueType codes this server uses (http://hl7.org/fhir/issue-type). */
export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'not-found'
  | 'not-supported'
  | 'too-costly'
  | 'too-long'
  | 'conflict'
  | 'processing'
  | 'security'
  | 'throttled'
  | 'exception';

/** The HTTP statuses an answer can have (a body always follows). */
export type OutcomeStatus = 400 | 403 | 404 | 405 | 406 | 409 | 413 | 414 | 415 | 422 | 500 | 503;

/**
 * Every issue type with its HTTP status and project error code: the one table. "throttled" is load
 * management (R4 issue-type: "the system is not prepared to handle this request due to load
 * management"): the client may retry; no error of its making, none of the server's either, so it
 * has the usage code (errors.ts has none for it).
 */
const OUTCOMES: Readonly<Record<IssueType, { readonly status: OutcomeStatus; readonly code: ErrorCode }>> = {
  invalid: { status: 400, code: 'HCPCS_E_USAGE' },
  structure: { status: 400, code: 'HCPCS_E_USAGE' },
  required: { status: 400, code: 'HCPCS_E_USAGE' },
  value: { status: 400, code: 'HCPCS_E_USAGE' },
  'not-found': { status: 404, code: 'HCPCS_E_NOT_FOUND' },
  'not-supported': { status: 400, code: 'HCPCS_E_USAGE' },
  'too-costly': { status: 422, code: 'HCPCS_E_USAGE' },
  'too-long': { status: 400, code: 'HCPCS_E_USAGE' },
  conflict: { status: 409, code: 'HCPCS_E_CONFLICT' },
  processing: { status: 422, code: 'HCPCS_E_USAGE' },
  security: { status: 403, code: 'HCPCS_E_USAGE' },
  throttled: { status: 503, code: 'HCPCS_E_USAGE' },
  exception: { status: 500, code: 'HCPCS_E_INTERNAL' },
};

/** The HTTP status of an issue type. */
export function statusOfIssue(issueType: IssueType): OutcomeStatus {
  return OUTCOMES[issueType].status;
}

/** The project error code of an issue type. */
export function errorCodeOfIssue(issueType: IssueType): ErrorCode {
  return OUTCOMES[issueType].code;
}

/**
 * The issue type of a status raised by HTTP itself (wrong method, body too large, ...): the row of
 * the table the status stands for.
 * @example issueOfStatus(415) // 'not-supported'
 */
export function issueOfStatus(status: number): IssueType {
  if (status === 404) return 'not-found';
  if (status === 405 || status === 406 || status === 415) return 'not-supported';
  if (status === 413 || status === 414) return 'too-long';
  if (status === 503) return 'throttled';
  return status >= 500 ? 'exception' : 'invalid';
}

/**
 * An error of a FHIR operation: an IssueType and, where it concerns one, the parameter (FHIRPath
 * `expression`, e.g. `Parameters.parameter[2]` or the GET parameter name).
 * @example throw new FhirError('not-found', 'J9999 is not in HCPCS release 2026-01', 'code')
 */
export class FhirError extends HcpcsError {
  readonly issueType: IssueType;
  readonly expression: string | undefined;

  constructor(issueType: IssueType, message: string, expression?: string) {
    super(errorCodeOfIssue(issueType), message);
    this.name = 'FhirError';
    this.issueType = issueType;
    this.expression = expression;
  }
}

/**
 * The issue type of an error code from the rest of the project; its status is that row's
 * (usage and input errors 400, not found 404, conflict 409, internal 500).
 */
export function issueTypeOf(code: ErrorCode): IssueType {
  switch (code) {
    case 'HCPCS_E_NOT_FOUND':
      return 'not-found';
    case 'HCPCS_E_CONFLICT':
      return 'conflict';
    case 'HCPCS_E_INTERNAL':
      return 'exception';
    default:
      return 'invalid';
  }
}

/**
 * One-issue OperationOutcome.
 * @example operationOutcome('not-found', 'Unknown code J9999') // { resourceType: 'OperationOutcome', issue: [...] }
 */
export function operationOutcome(
  issueType: IssueType,
  diagnostics: string,
  options: { severity?: 'fatal' | 'error' | 'warning' | 'information'; expression?: string } = {},
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: options.severity ?? 'error',
        code: issueType,
        diagnostics,
        ...(options.expression ? { expression: [options.expression] } : {}),
      },
    ],
  };
}
