/**
 * The `issues` OperationOutcome of the terminology ecosystem's answers (HL7 FHIR Tooling IG,
 * "Terminology Service Ecosystem": $validate-code returns its findings as an OperationOutcome in
 * the `issues` output parameter). Each issue has an R4 IssueType in `code`, the finer tx issue
 * type (CodeSystem http://hl7.org/fhir/tools/CodeSystem/tx-issue-type) in `details.coding`, the
 * text in `details.text`, and where it is in the request in `location` and `expression`.
 */
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';

export const TX_ISSUE_TYPE = 'http://hl7.org/fhir/tools/CodeSystem/tx-issue-type';
/** R4 core extension naming the message of an issue by a stable id. */
const MESSAGE_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';

/** The tx-issue-type codes this server emits. */
export type TxIssueType =
  | 'invalid-code'
  | 'invalid-display'
  | 'not-found'
  | 'not-in-vs'
  | 'code-comment'
  | 'code-rule'
  | 'process-note'
  | 'vs-invalid';

export interface TxIssue {
  readonly severity: OperationOutcomeIssue['severity'];
  readonly code: OperationOutcomeIssue['code'];
  readonly txType: TxIssueType;
  readonly text: string;
  /** FHIRPath of the request element it concerns (`Coding.code`, `CodeableConcept.coding[1].display`). */
  readonly expression?: string;
  /** The message id of the HL7 validator's messages (e.g. UNKNOWN_CODESYSTEM_VERSION). */
  readonly messageId?: string;
}

function issueOf(t: TxIssue): OperationOutcomeIssue {
  return {
    ...(t.messageId ? { extension: [{ url: MESSAGE_ID, valueString: t.messageId }] } : {}),
    severity: t.severity,
    code: t.code,
    details: { coding: [{ system: TX_ISSUE_TYPE, code: t.txType }], text: t.text },
    ...(t.expression ? { location: [t.expression], expression: [t.expression] } : {}),
  };
}

/**
 * The OperationOutcome of a list of findings.
 * @example txOutcome([{ severity: 'error', code: 'code-invalid', txType: 'invalid-code', text: 'Unknown code' }]).issue.length // 1
 */
export function txOutcome(issues: readonly TxIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues.map(issueOf) };
}
