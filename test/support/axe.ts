/**
 * Accessibility checks for the browser tests: axe-core (WCAG 2.0/2.1 A and AA, and 2.2 AA) on a
 * whole page, and a screen check that also takes a screenshot and notes any sideways overflow.
 */
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import { screenshot } from './browser.ts';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function formatViolations(where: string, violations: Result[]): string {
  return [
    `${violations.length} accessibility violation(s) on ${where}:`,
    ...violations.map((v) =>
      [
        `- ${v.id} [${v.impact ?? 'no impact'}] ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    at ${n.target.map(String).join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`),
      ].join('\n'),
    ),
  ].join('\n');
}

/** Runs axe-core on the whole document; fails listing every violation (id, impact, help, targets). */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<AxeResults> } }).axe;
    const r = await axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
    // Only what can cross back to Node.
    const violations = r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      tags: v.tags,
      description: v.description,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html })),
    }));
    return { violations, rulesPassed: r.passes.length };
  }, WCAG_TAGS);
  // axe really looked at the page (an empty or broken page passes almost nothing).
  expect(results.rulesPassed, `axe rules passed on ${where}`).toBeGreaterThan(10);
  const violations = results.violations as unknown as Result[];
  if (violations.length) throw new Error(formatViolations(where, violations));
}

/** A screen wider than its viewport (checked for reflow at the end of a file). */
export interface Overflow {
  where: string;
  viewport: number;
  scrollWidth: number;
  widest: string;
}

/**
 * `check(page, name, where)`: screenshot (test-results/screenshots/<screenshotPrefix><name>.png),
 * note the page width in `overflow`, then axe (so a failing axe check still leaves the picture to look at).
 */
export function screenChecks(screenshotPrefix = ''): { overflow: Overflow[]; check: (page: Page, name: string, where: string) => Promise<void> } {
  /** Page width beyond the viewport, per screen. */
  const overflow: Overflow[] = [];
  async function check(page: Page, name: string, where: string): Promise<void> {
    await screenshot(page, `${screenshotPrefix}${name}`);
    const width = await page.evaluate(() => {
      const viewport = document.documentElement.clientWidth;
      let widest = '';
      let right = viewport;
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > right + 0.5) {
          right = r.right;
          widest = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(r.right)} px)`;
        }
      }
      return { viewport, scrollWidth: document.documentElement.scrollWidth, widest };
    });
    if (width.scrollWidth > width.viewport) overflow.push({ where, ...width });
    await expectNoAxeViolations(page, where);
  }
  return { overflow, check };
}
