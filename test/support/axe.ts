/**
 * axe-core (Deque's accessibility rules engine, the one browser devtools and most CI audits run)
 * inside a real page: the rules a hand-written check would miss (ARIA use, names, landmarks,
 * duplicate ids, colour contrast). Injected through the DevTools protocol, so the pages' strict
 * Content-Security-Policy stays as served.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** Each violation as `rule-id: selector, selector`, empty when the page passes. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} (${v.help})`,
  );
}
