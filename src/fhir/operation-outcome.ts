/**
 * FHIR errors as values. An operation throws {@link FhirError} with an OperationOutcome issue type
 * (FHIR R4 ValueSet "IssueType"); the server's one error mapper turns it into an HTTP status and
 * an OperationOutcome body. Nothing here knows about HTTP.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import { type ErrorCode, HcpcsError } from '../errors.js';

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

const ERROR_CODE_OF: Record<IssueType, ErrorCode> = {
  invalid: 'HCPCS_E_USAGE',
  structure: 'HCPCS_E_USAGE',
  required: 'HCPCS_E_USAGE',
  value: 'HCPCS_E_USAGE',
  'not-found': 'HCPCS_E_NOT_FOUND',
  'not-supported': 'HCPCS_E_USAGE',
  'too-costly': 'HCPCS_E_USAGE',
  'too-long': 'HCPCS_E_USAGE',
  conflict: 'HCPCS_E_CONFLICT',
  processing: 'HCPCS_E_USAGE',
  security: 'HCPCS_E_USAGE',
  // Load management (R4 issue-type "throttled"): the client may retry; no error of its making,
  // none of the server's either. errors.ts has no code for it yet.
  throttled: 'HCPCS_E_USAGE',
  exception: 'HCPCS_E_INTERNAL',
};

/**
 * An error of a FHIR operation: an IssueType and, where it concerns one, the parameter (FHIRPath
 * `expression`, e.g. `Parameters.parameter[2]` or the GET parameter name).
 * @example throw new FhirError('not-found', 'J9999 is not in HCPCS release 2026-01', 'code')
 */
export class FhirError extends HcpcsError {
  readonly issueType: IssueType;
  readonly expression: string | undefined;

  constructor(issueType: IssueType, message: string, expression?: string) {
    super(ERROR_CODE_OF[issueType], message);
    this.name = 'FhirError';
    this.issueType = issueType;
    this.expression = expression;
  }
}

/** The IssueType of an error code from the rest of the project. */
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
