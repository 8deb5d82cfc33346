/**
 * Test and benchmark support for the analysts' exports: the README's example SQL (read from the
 * README itself, so the documented queries are the ones tested), and claim lines to ask it about.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HcpcsStore } from '../../src/store/store.js';
import { REPO_ROOT } from './cms.js';
import { seededRandom } from './random.js';

/** The SQL after `<!-- export-query: NAME -->` in README.md, without its final semicolon. */
export function readmeQuery(name: string): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- export-query: ${name} -->\\s*\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`README.md has no query marked "export-query: ${name}"`);
  return match[1].trim().replace(/;$/, '');
}

export interface ClaimLine {
  readonly claimId: number;
  readonly line: number;
  readonly code: string;
  readonly date: string;
}

function shiftDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `count` claim lines over every code the store holds (and a few it does not), on dates chosen
 * where answers change: each code's added and termination dates and each release's effective
 * date, a day either side, and random days between 2015 and 2027. Seeded: the same lines each run.
 */
export function claimLines(store: HcpcsStore, count: number, seed = 19): ClaimLine[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const releases = store.releases();
  const datesByCode = new Map<string, string[]>();
  for (const release of releases) {
    for (const record of store.records(release.key)) {
      const dates = datesByCode.get(record.code) ?? [];
      for (const d of [record.addedDate, record.terminationDate])
        if (d && /^\d{4}-\d{2}-\d{2}$/.test(d)) dates.push(shiftDays(d, -1), d, shiftDays(d, 1));
      datesByCode.set(record.code, dates);
    }
  }
  const codes = [...datesByCode.keys(), 'ZZ999', 'D0120', 'j1640', 'A00'];
  const releaseDates = releases.flatMap((r) => [shiftDays(r.effectiveDate, -1), r.effectiveDate]);
  const lines: ClaimLine[] = [];
  for (let i = 0; i < count; i++) {
    const code = pick(codes);
    const own = datesByCode.get(code) ?? [];
    const r = random();
    const date =
      r < 0.4 && own.length
        ? pick(own)
        : r < 0.7
          ? pick(releaseDates)
          : shiftDays('2015-01-01', Math.floor(random() * 365 * 12));
    lines.push({ claimId: Math.floor(i / 4) + 1, line: (i % 4) + 1, code, date });
  }
  return lines;
}

/** The claim lines as the CSV `hcpcs check --file` reads (row N+2 of the file is line N). */
export function claimsCsv(lines: readonly ClaimLine[]): string {
  return `code,date_of_service\n${lines.map((l) => `${l.code},${l.date}`).join('\n')}\n`;
}

/** `claim_id/line` keys of the lines `hcpcs check --file ... --json` calls not valid. */
export function invalidPerCheck(lines: readonly ClaimLine[], checkNdjson: string): string[] {
  const invalid: string[] = [];
  for (const text of checkNdjson.split('\n')) {
    if (!text.trim()) continue;
    const result = JSON.parse(text) as { line: number; valid: boolean };
    const claim = lines[result.line - 2];
    if (!claim) throw new Error(`check answered line ${result.line}, which the claims file does not have`);
    if (!result.valid) invalid.push(`${claim.claimId}/${claim.line}`);
  }
  return invalid.sort();
}
