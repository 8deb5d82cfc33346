/**
 * $validate-code on the CodeSystem (CodeSystem-validate-code) and on a value set
 * (ValueSet-validate-code): the implicit all-codes value set, an implicit `?fhir_vs=isa/X`, or a
 * value set sent inline (`valueSet`, `tx-resource`) over HCPCS. A code is valid when the release
 * holds it; with `date`, when it is also active that day in the release then in effect (CMS's
 * termination date is the last day of use); a `display` must be the long or short description.
 * Group concepts are in the CodeSystem but abstract: valid there unless `abstract=false`, and never
 * members of a value set.
 *
 * Answers follow the terminology ecosystem's conventions (HL7 FHIR Tooling IG): every finding is
 * an issue of the `issues` OperationOutcome; `message` joins the errors and warnings; `inactive`
 * marks a terminated code; `normalized-code` gives the code as CMS writes it when the one sent
 * differs (case, spaces) while `code` echoes it as sent; an unknown system or version answers
 * 200 `result=false` with `x-caused-by-unknown-system`. A CodeableConcept is valid when one of its
 * codings is (R4 ValueSet-validate-code: "true if the concept is valid"), whatever their order;
 * the findings on the other codings are then information.
 */
import type { CodeableConcept, Coding, Parameters, ParametersParameter } from 'fhir/r4.js';
import { normalizeCode } from '../code.js';
import { type CorrectedCode, neverInEffect } from '../history/corrected-code.js';
import { correctionView } from '../history/corrections.js';
import { FhirError } from '../outcomes.js';
import type { HcpcsStore, ReleaseInfo } from '../store/store.js';
import { conceptIndex } from './concept-index.js';
import { type Concept, conceptActiveOn } from './concepts.js';
import { conceptAsCorrected } from './corrected-concept.js';
import { notInRelease } from './lookup.js';
import type { OperationInput, ParamSpec } from './parameters.js';
import { fhirVersion, selectRelease } from './release-catalog.js';
import { HCPCS_SYSTEM, isHcpcsSystem } from './system.js';
import { type TxIssue, txOutcome } from './tx-issues.js';
import { resolveValueSet, type ValueSetScope } from './value-set-compose.js';

/** The input parameters both $validate-code operations share, after the ones naming the code. */
const COMMON_VALIDATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'display', type: 'string' },
  { name: 'coding', type: 'Coding' },
  { name: 'codeableConcept', type: 'CodeableConcept' },
  { name: 'date', type: 'date' },
  { name: 'abstract', type: 'boolean' },
  { name: 'displayLanguage', type: 'code' },
  // Terminology ecosystem parameters (HL7 FHIR Tooling IG), honoured.
  { name: 'lenient-display-validation', type: 'boolean' },
  { name: 'default-to-latest-version', type: 'boolean' },
  { name: 'activeOnly', type: 'boolean' },
  { name: 'tx-resource', type: 'Resource', repeats: true },
];

export const CODE_SYSTEM_VALIDATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'codeSystem', type: 'Resource' },
  { name: 'code', type: 'code' },
  { name: 'version', type: 'string' },
  ...COMMON_VALIDATE_PARAMETERS,
];

export const VALUE_SET_VALIDATE_PARAMETERS: readonly ParamSpec[] = [
  { name: 'url', type: 'uri' },
  { name: 'context', type: 'uri' },
  { name: 'valueSet', type: 'Resource' },
  { name: 'valueSetVersion', type: 'string' },
  { name: 'code', type: 'code' },
  { name: 'system', type: 'uri' },
  { name: 'systemVersion', type: 'string' },
  ...COMMON_VALIDATE_PARAMETERS,
];

const squash = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** One coding to check, and the FHIRPath of where the request holds it. */
interface Item {
  readonly coding: Coding;
  /** `Coding`, `CodeableConcept.coding[1]`, or '' for the code + system parameters. */
  readonly path: string;
}

const at = (item: Item, element: 'code' | 'system' | 'display' | 'version', plain: string) =>
  item.path ? `${item.path}.${element}` : plain;

interface Rules {
  readonly fixed?: ReleaseInfo;
  readonly date?: string;
  readonly abstractAllowed: boolean;
  readonly lenientDisplay: boolean;
  readonly latestWhenUnknown: boolean;
  readonly activeOnly: boolean;
  readonly scope?: ValueSetScope;
  /** Parameter names of the code form: `url`/`version` for CodeSystem, `system`/`systemVersion` for ValueSet. */
  readonly systemName: string;
  readonly versionName: string;
}

interface Verdict {
  valid: boolean;
  readonly issues: TxIssue[];
  readonly code: string;
  normalized?: string;
  display?: string;
  system?: string;
  version?: string;
  inactive?: boolean;
  unknownSystem?: string;
}

function knownVersions(store: HcpcsStore): string {
  return store
    .catalog()
    .releases.map((r) => fhirVersion(r))
    .join(', ');
}

function releaseOf(store: HcpcsStore, item: Item, rules: Rules, verdict: Verdict): ReleaseInfo | undefined {
  if (rules.fixed) return rules.fixed;
  const version = item.coding.version;
  try {
    return selectRelease(store, { version, date: rules.date });
  } catch (error) {
    if (!(error instanceof FhirError) || error.issueType !== 'not-found' || version === undefined)
      throw error;
    const text = `A definition for CodeSystem '${HCPCS_SYSTEM}' version '${version.slice(0, 40)}' could not be found, so the code cannot be validated. Valid versions: [${knownVersions(store)}]`;
    if (rules.latestWhenUnknown) {
      verdict.issues.push({
        severity: 'warning',
        code: 'not-found',
        txType: 'not-found',
        text: `${text}; the latest version is used (default-to-latest-version)`,
        expression: at(item, 'version', rules.versionName),
        messageId: 'UNKNOWN_CODESYSTEM_VERSION',
      });
      return selectRelease(store, { date: rules.date });
    }
    verdict.issues.push({
      severity: 'error',
      code: 'not-found',
      txType: 'not-found',
      text,
      expression: at(item, 'system', rules.systemName),
      messageId: 'UNKNOWN_CODESYSTEM_VERSION',
    });
    verdict.version = version;
    verdict.unknownSystem = `${HCPCS_SYSTEM}|${version}`;
    return undefined;
  }
}

function checkCoding(store: HcpcsStore, item: Item, rules: Rules): Verdict {
  const sent = item.coding.code ?? '';
  const verdict: Verdict = { valid: false, issues: [], code: sent, system: item.coding.system };
  const system = item.coding.system;
  if (system !== undefined && !isHcpcsSystem(system)) {
    verdict.issues.push({
      severity: 'error',
      code: 'not-found',
      txType: 'not-found',
      text: `A definition for CodeSystem '${system.slice(0, 100)}' could not be found, so the code cannot be validated: this server holds HCPCS Level II (${HCPCS_SYSTEM})`,
      expression: at(item, 'system', rules.systemName),
      messageId: 'UNKNOWN_CODESYSTEM',
    });
    verdict.unknownSystem = item.coding.version ? `${system}|${item.coding.version}` : system;
    return verdict;
  }
  verdict.system = HCPCS_SYSTEM;
  const normalized = normalizeCode(sent);
  const member = rules.scope?.member(normalized);
  const release = member ?? releaseOf(store, item, rules, verdict);
  if (!release) return verdict;
  verdict.version = fhirVersion(release);
  const error = (code: TxIssue['code'], txType: TxIssue['txType'], text: string, expression: string) =>
    verdict.issues.push({ severity: 'error', code, txType, text, expression });

  // The day the code must be active: the date of service, else the release's first day.
  const activeOn = rules.date ?? release.effectiveDate;
  const { concept, published, corrected } = conceptAsCorrected(
    store,
    conceptIndex(store, release),
    normalized,
    activeOn,
  );
  if (!concept) {
    error('code-invalid', 'invalid-code', notInRelease(store, normalized, release), at(item, 'code', 'code'));
    return verdict;
  }
  verdict.display = concept.display;
  if (normalized !== sent) verdict.normalized = normalized;
  if (concept.type === 'group' && !rules.abstractAllowed) {
    error(
      'business-rule',
      'code-rule',
      `${concept.code} is an abstract grouping concept, not a code that can be used`,
      at(item, 'code', 'code'),
    );
    return verdict;
  }
  if (rules.scope && !member) {
    error(
      'code-invalid',
      'not-in-vs',
      `The provided code '${HCPCS_SYSTEM}#${concept.code}' is not in the value set '${rules.scope.url}'`,
      at(item, 'code', 'code'),
    );
    return verdict;
  }
  if (corrected) verdict.issues.push(...correctionIssues(concept.code, corrected, published, release, item));
  // A code CMS's corrections add is not in use before their date.
  const notYet = corrected?.addedFrom !== undefined && activeOn < corrected.addedFrom;
  const why =
    concept.type !== 'code'
      ? ''
      : notYet
        ? `not yet effective: added from ${corrected?.addedFrom} by CMS's corrections`
        : corrected?.discontinued && neverInEffect(concept.record)
          ? `never in effect: CMS's corrections end it before its added date ${concept.record.addedDate}`
          : `terminated on ${concept.record.terminationDate}${corrected?.discontinued ? " by CMS's corrections" : ''}`;
  if (concept.type === 'code') {
    const active = conceptActiveOn(concept, activeOn) && !notYet;
    if (!active) verdict.inactive = true;
    if (rules.date && !active) {
      error(
        'code-invalid',
        'invalid-code',
        `${concept.code} is not valid on ${rules.date}: ${why} (HCPCS release ${fhirVersion(release)})`,
        at(item, 'code', 'code'),
      );
      return verdict;
    }
    if (!active && rules.activeOnly) {
      error(
        'business-rule',
        'code-rule',
        `${concept.code} is inactive in release ${fhirVersion(release)} (${why}) and activeOnly is true`,
        at(item, 'code', 'code'),
      );
      return verdict;
    }
  }
  const display = item.coding.display;
  if (display !== undefined && concept.type === 'code') {
    // The descriptions as corrected and as published: a client may hold either.
    const records = published?.type === 'code' ? [concept.record, published.record] : [concept.record];
    const names = [...new Set(records.flatMap((r) => [r.longDescription, r.shortDescription]))].filter(
      (d): d is string => !!d,
    );
    if (!names.some((d) => squash(d) === squash(display))) {
      verdict.issues.push({
        severity: rules.lenientDisplay ? 'warning' : 'error',
        code: 'invalid',
        txType: 'invalid-display',
        text: `the display "${display.slice(0, 100)}" is not a display of ${concept.code}: use "${names.join('" or "')}"`,
        expression: at(item, 'display', 'display'),
        messageId: 'Display_Name_for__should_be_one_of__instead_of',
      });
      if (!rules.lenientDisplay) return verdict;
    }
  }
  if (verdict.inactive && concept.type === 'code') {
    verdict.issues.push({
      severity: 'warning',
      code: 'business-rule',
      txType: 'code-comment',
      text: `${concept.code} is inactive in release ${fhirVersion(release)}: ${why}`,
      expression: at(item, 'code', 'code'),
      messageId: 'INACTIVE_CONCEPT_FOUND',
    });
  }
  if (verdict.normalized) {
    verdict.issues.push({
      severity: 'information',
      code: 'business-rule',
      txType: 'code-rule',
      text: `The code '${sent.slice(0, 40)}' differs from the correct code '${normalized}' by case or spaces: HCPCS Level II is case insensitive, but CMS writes it ${normalized}`,
      expression: at(item, 'code', 'code'),
      messageId: 'CODE_CASE_DIFFERENCE',
    });
  }
  verdict.valid = true;
  return verdict;
}

/**
 * What CMS's corrections to the release say of the code, one informational issue each (the
 * answer above already follows them): its words, date, place, and what it changes in the file.
 */
function correctionIssues(
  code: string,
  corrected: CorrectedCode,
  published: Concept | undefined,
  release: ReleaseInfo,
  item: Item,
): TxIssue[] {
  const record = published?.type === 'code' ? published.record : undefined;
  return corrected.corrections.map((c) => ({
    severity: 'information',
    code: 'informational',
    txType: 'code-comment',
    text: `${code}${record ? '' : ` is not in the HCPCS release ${fhirVersion(release)} file as published`}: ${correctionView(c, record).message}`,
    expression: at(item, 'code', 'code'),
  }));
}

/** The codings of the call, from `code` (+ system), `coding` or `codeableConcept`, in order. */
function itemsOf(
  input: OperationInput,
  names: { system: string; version: string },
): { items: Item[]; concept?: CodeableConcept } {
  const display = input.string('display');
  const code = input.string('code');
  if (code !== undefined) {
    const system = input.string(names.system);
    const version = input.string(names.version);
    return {
      items: [
        {
          coding: {
            code,
            ...(system !== undefined ? { system } : {}),
            ...(version !== undefined ? { version } : {}),
            ...(display !== undefined ? { display } : {}),
          },
          path: '',
        },
      ],
    };
  }
  const coding = input.coding('coding');
  if (coding) {
    if (!coding.code) throw new FhirError('required', 'coding has no code', 'coding');
    return { items: [{ coding: { display, ...coding }, path: 'Coding' }] };
  }
  const concept = input.codeableConcept('codeableConcept');
  if (concept) {
    const codings = concept.coding ?? [];
    if (codings.length === 0)
      throw new FhirError('required', 'codeableConcept has no coding', 'codeableConcept');
    return {
      items: codings.map((c, i) => ({ coding: c, path: `CodeableConcept.coding[${i}]` })),
      concept,
    };
  }
  throw new FhirError(
    'required',
    '$validate-code needs a code: give one of code, coding, codeableConcept',
    'code',
  );
}

function answer(
  verdicts: Verdict[],
  concept: CodeableConcept | undefined,
  extra: readonly TxIssue[],
): Parameters {
  const chosen =
    verdicts.find((v) => v.valid) ??
    verdicts.find((v) => v.system === HCPCS_SYSTEM) ??
    (verdicts[0] as Verdict);
  const valid = chosen.valid;
  // A valid concept: what was wrong with its other codings is information, not an error.
  const issues = verdicts.flatMap((v) =>
    valid && v !== chosen ? v.issues.map((i) => ({ ...i, severity: 'information' as const })) : v.issues,
  );
  issues.push(...extra);
  const message = issues
    .filter((i) => i.severity === 'error' || i.severity === 'warning')
    .map((i) => i.text)
    .join('; ');
  const unknown = valid ? [] : verdicts.map((v) => v.unknownSystem).filter((u): u is string => !!u);
  const parameter: ParametersParameter[] = [{ name: 'result', valueBoolean: valid }];
  if (message) parameter.push({ name: 'message', valueString: message });
  if (chosen.display) parameter.push({ name: 'display', valueString: chosen.display });
  parameter.push({ name: 'code', valueCode: chosen.code });
  if (chosen.system) parameter.push({ name: 'system', valueUri: chosen.system });
  if (chosen.version) parameter.push({ name: 'version', valueString: chosen.version });
  if (chosen.inactive) parameter.push({ name: 'inactive', valueBoolean: true });
  if (chosen.normalized) parameter.push({ name: 'normalized-code', valueCode: chosen.normalized });
  if (concept) parameter.push({ name: 'codeableConcept', valueCodeableConcept: concept });
  if (issues.length > 0) parameter.push({ name: 'issues', resource: txOutcome(issues) });
  for (const u of [...new Set(unknown)])
    parameter.push({ name: 'x-caused-by-unknown-system', valueCanonical: u });
  return { resourceType: 'Parameters', parameter };
}

/** Informational issues for parameters R4 defines that this server accepts but does not use. */
function ignoredIssues(input: OperationInput): TxIssue[] {
  const issues: TxIssue[] = [];
  const context = input.string('context');
  if (context !== undefined) {
    issues.push({
      severity: 'information',
      code: 'informational',
      txType: 'process-note',
      text: `context ${context.slice(0, 80)} was not used: this server has no value sets bound to elements`,
      expression: 'context',
    });
  }
  const language = input.string('displayLanguage');
  if (language !== undefined && !/^en(-|$)/i.test(language)) {
    issues.push({
      severity: 'information',
      code: 'informational',
      txType: 'process-note',
      text: `displayLanguage ${language.slice(0, 20)}: HCPCS descriptions exist only in English, so displays are checked and given in English`,
      expression: 'displayLanguage',
    });
  }
  return issues;
}

function rulesOf(
  input: OperationInput,
  more: Partial<Rules> & Pick<Rules, 'systemName' | 'versionName'>,
): Rules {
  return {
    date: input.string('date'),
    abstractAllowed: false,
    lenientDisplay: input.boolean('lenient-display-validation') === true,
    latestWhenUnknown: input.boolean('default-to-latest-version') === true,
    activeOnly: input.boolean('activeOnly') === true,
    ...more,
  };
}

/**
 * CodeSystem/$validate-code.
 * @example validateInCodeSystem(store, input) // Parameters with result true, display 'Injection, hemin, 1 mg'
 */
export function validateInCodeSystem(
  store: HcpcsStore,
  input: OperationInput,
  fixed?: ReleaseInfo,
): Parameters {
  if (input.resources('codeSystem').length > 0) {
    throw new FhirError(
      'not-supported',
      `codeSystem: this server validates against its own HCPCS releases (${HCPCS_SYSTEM}), not a CodeSystem sent with the request`,
      'codeSystem',
    );
  }
  const { items, concept } = itemsOf(input, { system: 'url', version: 'version' });
  const version = input.string('version');
  const rules = rulesOf(input, {
    ...(fixed ? { fixed } : {}),
    abstractAllowed: input.boolean('abstract') !== false,
    systemName: 'url',
    versionName: 'version',
  });
  // `version` names the release for a coding that names none (R4: "The version of the code system").
  const withVersion = items.map((i) =>
    i.coding.version === undefined && version !== undefined ? { ...i, coding: { ...i.coding, version } } : i,
  );
  const verdicts = withVersion.map((item) => checkCoding(store, item, rules));
  return answer(verdicts, concept, ignoredIssues(input));
}

/**
 * ValueSet/$validate-code against the implicit all-codes value set, an implicit is-a value set, or
 * an inline value set over HCPCS.
 * @example validateInValueSet(store, input) // Parameters with result true|false and a message
 */
export function validateInValueSet(store: HcpcsStore, input: OperationInput): Parameters {
  const scope = resolveValueSet(store, input, '$validate-code');
  const { items, concept } = itemsOf(input, { system: 'system', version: 'systemVersion' });
  if (!concept && items[0]?.path === '' && items[0].coding.system === undefined) {
    throw new FhirError('required', `a code needs its system (${HCPCS_SYSTEM})`, 'system');
  }
  const rules = rulesOf(input, {
    ...(scope.explicit ? { scope } : {}),
    ...(scope.release ? { fixed: scope.release } : {}),
    systemName: 'system',
    versionName: 'systemVersion',
  });
  const verdicts = items.map((item) => {
    const verdict = checkCoding(store, item, rules);
    if (verdict.unknownSystem && !verdict.valid) {
      verdict.issues.push({
        severity: 'warning',
        code: 'not-found',
        txType: 'vs-invalid',
        text: `Unable to check whether the code is in the value set '${scope.url}' because the code system ${verdict.unknownSystem} was not found`,
      });
    }
    return verdict;
  });
  return answer(verdicts, concept, ignoredIssues(input));
}
