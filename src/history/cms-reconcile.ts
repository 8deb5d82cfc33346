/**
 * Puts CMS's own transaction report (the `to` release's) beside a computed release diff, code by
 * code, and counts agreements and disagreements by kind. Every disagreement carries a reason this
 * code can state. The report's actions are CMS's account of its maintenance since the quarter
 * before; the diff is what the two files held actually show (ARCHITECTURE.md "Facts worth knowing").
 */
import { HcpcsError } from '../errors.js';
import { readTransactionReport, type TransactionReport } from '../ingest/transaction-report.js';
import { ACTION, ACTION_CHANGED_FIELDS, DESCRIPTION_FIELDS, decodeCode } from '../layout/index.js';
import type { HcpcsStore } from '../store/store.js';
import type { FieldChange } from './compare.js';
import { historyContext } from './context.js';
import { correctionSentence, correctionsOfCodeIn } from './corrections.js';
import { addMonths } from './dates.js';
import type { ReleaseDiff } from './release-diff.js';

export type ComputedKind = 'added' | 'removed' | 'terminated' | 'reactivated' | 'changed';

/**
 * How a code's CMS action and computed change relate:
 * - `agree`: the diff shows what the action says (or no change for "No Change").
 * - `cosmetic`: only spaces, punctuation, or "0000" vs blank processing note differ; CMS lists no action.
 * - `between-releases`: the two files are more than a quarter apart and the change (or addition)
 *   can come from a quarterly release not imported, which this report does not cover.
 * - `changed-without-action`: a field changed and CMS lists "No Change" or does not list the code.
 * - `action-without-change`: CMS lists an action the two files show no change for.
 * - `same-quarter-revision`: `from` is an earlier revision of `to`'s quarter; CMS's report of the
 *   revision lists the quarter's changes against the quarter before, which `from` holds already.
 * - `corrected`: CMS's corrections lists to either release's quarter name the code, and the diff
 *   compares the files as published: 2018's G9890, deleted from 2018-01 by its corrections (never
 *   in effect), is listed by CMS's 2019 report as added though the 2018 file holds it.
 */
export type ComparisonCategory =
  | 'agree'
  | 'cosmetic'
  | 'between-releases'
  | 'changed-without-action'
  | 'action-without-change'
  | 'same-quarter-revision'
  | 'corrected';

export interface CmsComparison {
  readonly code: string;
  /** CMS's action codes for the code (layout ACTION table), [] when its report does not list it. */
  readonly cmsActions: string[];
  /** The report's words, or null when it does not list the code. */
  readonly cmsText: string | null;
  /** What the diff shows: lifecycle kinds and the changed fields. */
  readonly computed: { readonly kinds: ComputedKind[]; readonly fields: string[] };
  readonly agrees: boolean;
  readonly category: ComparisonCategory;
  /** Why they disagree, in words; null when they agree. */
  readonly reason: string | null;
}

export interface ActionCount {
  readonly action: string;
  readonly label: string;
  /** Codes the report lists with this action. */
  readonly listed: number;
  readonly agree: number;
  readonly disagree: number;
}

export interface CmsReconciliation {
  readonly from: string;
  readonly to: string;
  readonly report: { readonly file: string; readonly format: 'xlsx' | 'prn'; readonly codes: number };
  /** Per CMS action code (N included), how many codes the report lists and how many agree. */
  readonly byAction: ActionCount[];
  /** Disagreements by category (see {@link ComparisonCategory}). */
  readonly byCategory: Record<Exclude<ComparisonCategory, 'agree'>, number>;
  /** Codes (report and files together) whose action and computed change agree. */
  readonly agree: number;
  readonly disagree: number;
  /** Every code with a CMS action other than N, or a computed change. */
  readonly comparisons: CmsComparison[];
  readonly disagreements: CmsComparison[];
}

/**
 * The transaction report stored with a release: the XLSX when there is one (the PRN is the same
 * report as text), else the PRN.
 */
export function storedTransactionReport(store: HcpcsStore, releaseKey: string): TransactionReport {
  const files = store.sourceFileContents(releaseKey, 'transaction-report');
  const file =
    files.find((f) => /\.xlsx$/i.test(f.name)) ?? files.find((f) => /by_?hcpc/i.test(f.name)) ?? files[0];
  if (!file) {
    throw new HcpcsError(
      'HCPCS_E_NOT_FOUND',
      `release ${releaseKey} was imported without a transaction report: --against-cms needs the report of the "to" release`,
    );
  }
  return readTransactionReport(new Uint8Array(file.content), file.path);
}

/** Letters and digits only, lower case: what is left when spacing and punctuation are set aside. */
function skeleton(value: unknown): string {
  return String(value ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Why a change is cosmetic, or undefined when it changes meaning. */
function cosmetic(change: FieldChange): string | undefined {
  if (change.whitespaceOnly) return `${change.field} differs only in spaces`;
  if (
    change.field === 'processingNote' &&
    ((change.from === '0000' && change.to === null) || (change.from === null && change.to === '0000'))
  ) {
    return 'processing note "0000" and blank both mean no note';
  }
  if (
    typeof change.from === 'string' &&
    typeof change.to === 'string' &&
    DESCRIPTION_FIELDS.includes(change.field) &&
    skeleton(change.from) === skeleton(change.to)
  ) {
    return `${change.field} differs only in punctuation (e.g. "?" for a dash CMS's file lost)`;
  }
  return undefined;
}

function describeComputed(kinds: readonly ComputedKind[], fields: readonly string[]): string {
  const parts = kinds.filter((k) => k !== 'changed').map((k) => `the code was ${k}`);
  const rest = fields.filter((f) => f !== 'terminationDate' || !kinds.includes('terminated'));
  if (rest.length > 0) parts.push(`${rest.join(', ')} changed`);
  return parts.join('; ');
}

function expectation(
  action: string,
  kinds: readonly ComputedKind[],
  fields: readonly string[],
  from: string,
): string | null {
  const has = (list: readonly string[] | undefined) => fields.some((f) => list?.includes(f));
  const admin = fields.filter((f) => !DESCRIPTION_FIELDS.includes(f) && f !== 'terminationDate');
  switch (action) {
    case 'A':
      return kinds.includes('added') ? null : `CMS lists an add, but ${from} already holds the code`;
    case 'D':
      if (kinds.includes('terminated') || kinds.includes('removed')) return null;
      return fields.includes('terminationDate')
        ? 'CMS lists a discontinuation; the files only move the termination date'
        : 'CMS lists a discontinuation, but the two files you hold show no new termination for it';
    case 'R':
      return kinds.includes('reactivated') || kinds.includes('added')
        ? null
        : 'CMS lists a reactivation, but the two files show no termination date cleared';
    case 'C':
      return has(ACTION_CHANGED_FIELDS.C)
        ? null
        : 'CMS lists a long description change that the two files you hold show no change for';
    case 'S':
      return has(ACTION_CHANGED_FIELDS.S)
        ? null
        : 'CMS lists a short description change that the two files you hold show no change for';
    case 'B':
      if (!fields.includes('longDescription'))
        return 'CMS lists a coverage and long description change; the long description did not change';
      return admin.length > 0
        ? null
        : 'CMS lists a coverage and long description change; no administrative field changed';
    case 'F':
      return admin.length > 0
        ? null
        : 'CMS lists an administrative (coverage) change that the two files show no change for';
    case 'P':
      return has(ACTION_CHANGED_FIELDS.P)
        ? null
        : 'CMS lists a payment change; no payment field (pricing, MOG, ASC, anesthesia) changed';
    case 'T':
      return has(ACTION_CHANGED_FIELDS.T)
        ? null
        : 'CMS lists a BETOS or type of service change; neither changed';
    case 'N':
      return kinds.length === 0
        ? null
        : `field changed without an action code: CMS lists "No Change" but ${describeComputed(kinds, fields)}`;
    default:
      return `the report's action "${action}" has no meaning in the layout's action table`;
  }
}

/**
 * Compares a diff with the transaction report of its `to` release (read from the store unless given).
 * @example reconcileWithCms(store, diffReleases(store, '2020-07', '2020-10')).disagree // 0
 */
export function reconcileWithCms(
  store: HcpcsStore,
  diff: ReleaseDiff,
  report?: TransactionReport,
): CmsReconciliation {
  const cms = report ?? storedTransactionReport(store, diff.to);
  const context = historyContext(store);
  const from = context.byKey.get(diff.from);
  const to = context.byKey.get(diff.to);
  // CMS's report covers the quarter before `to`; more than a quarter apart, releases lie between.
  const gap = Boolean(from && to && addMonths(from.effectiveDate, 3) < to.effectiveDate);
  const sameQuarter = Boolean(from && to && from.id === to.id && from.key !== to.key);
  // The quarters whose corrections lists may explain a disagreement: either release's.
  const quarters = [...new Set([from?.id, to?.id].filter((id): id is string => id !== undefined))];
  const entries = new Map(cms.entries.map((e) => [e.code, e]));
  const kinds = new Map<string, ComputedKind[]>();
  const changes = new Map<string, FieldChange[]>();
  const mark = (code: string, kind: ComputedKind) => kinds.set(code, [...(kinds.get(code) ?? []), kind]);
  for (const code of diff.added) mark(code, 'added');
  for (const code of diff.removed) mark(code, 'removed');
  for (const code of diff.terminated) mark(code, 'terminated');
  for (const code of diff.reactivated) mark(code, 'reactivated');
  for (const change of diff.changed) {
    const list = changes.get(change.code) ?? [];
    if (list.length === 0 && !kinds.has(change.code)) mark(change.code, 'changed');
    list.push(change);
    changes.set(change.code, list);
  }
  const isNoChange = (actions: readonly string[]) => actions.length === 1 && actions[0] === 'N';
  const codes = new Set<string>([
    ...kinds.keys(),
    ...cms.entries.filter((e) => !isNoChange(e.actions)).map((e) => e.code),
  ]);
  const counts = new Map(ACTION.entries.map((e) => [e.code, { listed: 0, agree: 0, disagree: 0 }]));
  for (const e of cms.entries) {
    for (const a of e.actions) {
      const count = counts.get(a);
      if (count) count.listed++;
    }
  }

  const comparisons: CmsComparison[] = [];
  for (const code of [...codes].sort()) {
    const entry = entries.get(code);
    const k = kinds.get(code) ?? [];
    const c = changes.get(code) ?? [];
    const fields = c.map((x) => x.field);
    const computed = { kinds: k, fields };
    const actions = entry?.actions ?? [];
    const problems: string[] = [];
    for (const action of actions) {
      const problem = expectation(action, k, fields, diff.from);
      const count = counts.get(action);
      if (count) {
        if (problem) count.disagree++;
        else count.agree++;
      }
      if (problem) problems.push(problem);
    }
    if (entry && actions.length === 0)
      problems.push(`the report's words "${entry.text}" map to no action code`);
    if (!entry) problems.push(`CMS's report does not list the code, but ${describeComputed(k, fields)}`);
    let category: ComparisonCategory = 'agree';
    let reason: string | null = null;
    if (problems.length > 0) {
      const unlisted = !entry || isNoChange(actions);
      const cosmetics = c.map(cosmetic);
      const corrected = quarters.flatMap((quarter) =>
        correctionsOfCodeIn(context.corrections(), code, quarter),
      );
      if (corrected.length > 0) {
        category = 'corrected';
        reason = `${problems.join('; ')}: ${corrected.map(correctionSentence).join('; ')}; the diff compares the files as published`;
      } else if (sameQuarter) {
        category = 'same-quarter-revision';
        reason = `${problems.join('; ')}: ${diff.from} is an earlier revision of the same quarter, and CMS's report lists the quarter's changes against the quarter before, which ${diff.from} holds already`;
      } else if (unlisted && k.every((x) => x === 'changed') && c.length > 0 && cosmetics.every(Boolean)) {
        category = 'cosmetic';
        reason = `${[...new Set(cosmetics)].join('; ')}; CMS lists no action for such corrections`;
      } else if (unlisted && gap) {
        category = 'between-releases';
        const record = store.record(diff.to, code);
        const acted =
          record?.actionEffectiveDate && from && record.actionEffectiveDate > from.effectiveDate
            ? ` (CMS's action effective date in ${diff.to}: ${record.actionEffectiveDate})`
            : '';
        reason = `${problems.join('; ')}: ${diff.from} and ${diff.to} are more than a quarter apart, and the report covers only the quarter before ${diff.to}; the change can come from a release in between that is not imported${acted}`;
      } else {
        category = unlisted ? 'changed-without-action' : 'action-without-change';
        reason = problems.join('; ');
      }
    }
    comparisons.push({
      code,
      cmsActions: actions,
      cmsText: entry?.text ?? null,
      computed,
      agrees: category === 'agree',
      category,
      reason,
    });
  }
  const disagreements = comparisons.filter((c) => !c.agrees);
  const byCategory = {
    cosmetic: 0,
    'between-releases': 0,
    'changed-without-action': 0,
    'action-without-change': 0,
    'same-quarter-revision': 0,
    corrected: 0,
  };
  for (const d of disagreements) byCategory[d.category as keyof typeof byCategory]++;
  // Codes listed as "No Change" that show no change agree, though they are not in `comparisons`.
  const noChange = counts.get('N');
  if (noChange) noChange.agree = noChange.listed - noChange.disagree;
  const quietAgreements = cms.entries.filter((e) => isNoChange(e.actions) && !kinds.has(e.code)).length;
  return {
    from: diff.from,
    to: diff.to,
    report: { file: cms.file, format: cms.format, codes: cms.entries.length },
    byAction: ACTION.entries.map((e) => ({
      action: e.code,
      label: decodeCode(ACTION, e.code),
      ...(counts.get(e.code) ?? { listed: 0, agree: 0, disagree: 0 }),
    })),
    byCategory,
    agree: comparisons.length - disagreements.length + quietAgreements,
    disagree: disagreements.length,
    comparisons,
    disagreements,
  };
}
