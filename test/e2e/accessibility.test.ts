/**
 * Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A and AA, and 2.2 AA) on every screen
 * a practitioner uses, on a desktop and a phone viewport, with screenshots of each for a person
 * to look at (test-results/screenshots/); and adding a contribution with the keyboard only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { CaseSummary, ContributionEntry } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { DESKTOP, PHONE, connection, eventually, expectText, signInUI, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';
import { dateInput } from '../support/date-input.ts';

const { world, newContext, openAs } = useBrowserWorld({ dumpPages: 'all' });
let asLead: Rest;
let ayesha: CaseSummary;

beforeAll(async () => {
  asLead = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
  const cases = (await asLead.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases;
  const found = cases.find((c) => c.children.some((ch) => ch.firstName === 'Ayesha'));
  if (!found) throw new Error('the demo case of Ayesha Rahman is missing');
  ayesha = found;
}, 120_000);

const { overflow, check } = screenChecks();

async function boardLoaded(page: Page, reference: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
  await page.getByRole('button', { name: 'New contribution' }).waitFor();
  await expectText(connection(page), /^Live$/);
}

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`axe (WCAG 2.2 AA) at ${viewport.width}×${viewport.height}`, () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await newContext({ viewport, bypassCSP: true, isMobile: label === 'phone', hasTouch: label === 'phone' });
      page = await context.newPage();
    });

    it('the sign-in page, and the same page showing an error', async () => {
      await page.goto('/#/');
      await page.getByRole('heading', { level: 1, name: 'Sign in to Mashboard' }).waitFor();
      await page.getByRole('table', { name: 'Demo accounts' }).waitFor();
      await check(page, `${label}-1-sign-in`, `the sign-in page (${label})`);

      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      // GOV.UK: the message alone (no "Username: " in front), linking to its field.
      expect(await summary.getByRole('listitem').allTextContents()).toEqual(['Enter your username', 'Enter your password']);
      expect(await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['#signin-username', '#signin-password']);
      await check(page, `${label}-1b-sign-in-errors`, `the sign-in page with errors (${label})`);
    });

    it('the case list', async () => {
      await signInUI(page, 'dsl.morgan', undefined, '#/cases');
      await page.getByRole('heading', { level: 1, name: 'Open cases' }).waitFor();
      await page.getByRole('link', { name: ayesha.reference, exact: true }).waitFor();
      await expectText(connection(page), /^Live$/);
      await check(page, `${label}-2-case-list`, `the case list (${label})`);
    });

    it('a case board', async () => {
      await page.getByRole('link', { name: ayesha.reference, exact: true }).click();
      await boardLoaded(page, ayesha.reference);
      await page.getByRole('list', { name: 'Contributions' }).waitFor();
      await check(page, `${label}-3-case-board`, `a case board (${label})`);
    });

    it('the add-contribution form with its errors shown', async () => {
      await page.getByRole('button', { name: 'New contribution' }).click();
      const form = page.getByRole('form', { name: 'Add a contribution' });
      // Submitted empty: every problem is listed. Then opinion and historic reveal their fields,
      // which are in error too (a missed first click is tested in board.test.ts).
      await form.getByRole('button', { name: 'Add contribution' }).click();
      const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      await form.getByRole('radio', { name: 'Opinion', exact: true }).check();
      await form.getByRole('radio', { name: 'Historic', exact: true }).check();
      await form.getByLabel('Why it is relevant now').waitFor();
      // GOV.UK: each line is the message alone (the same as beside its field), in the order of
      // the fields, and links to a field of this form.
      const problems = await summary.getByRole('listitem').allTextContents();
      expect(problems).toEqual([
        'Enter what your agency knows or thinks',
        'An opinion must state its basis (what it rests on)',
        'Historic information must say why it is relevant now',
        'Say when it happened, or choose "Date unknown"',
        'Choose where the information comes from',
      ]);
      const targets = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(targets).toHaveLength(problems.length);
      for (const target of targets) expect(await form.locator(`[id="${target.slice(1)}"]`).count(), `the field ${target}`).toBe(1);
      await summary.scrollIntoViewIfNeeded();
      await check(page, `${label}-4-form-errors`, `the add-contribution form with errors (${label})`);
    });

    it('large-screen mode', async () => {
      // Leave the form (the draft is kept) so the board is what the wall screen shows.
      await page.getByRole('button', { name: 'Close (keep draft)' }).click();
      const toggle = page.getByRole('button', { name: 'Large screen' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      await eventually('large-screen class on <html>', () => page.evaluate(() => document.documentElement.classList.contains('large-screen')));
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      await page.evaluate(() => window.scrollTo(0, 0));
      try {
        await check(page, `${label}-5-large-screen`, `large-screen mode on a case board (${label})`);
      } finally {
        await toggle.click();
        await eventually('large-screen off', async () => !(await page.evaluate(() => document.documentElement.classList.contains('large-screen'))));
      }
    });
  });
}

describe('reflow (WCAG 1.4.10)', () => {
  it('no screen above scrolls sideways, on the phone or in large-screen mode', () => {
    expect(overflow.map((o) => `${o.where}: page ${o.scrollWidth} px wide in a ${o.viewport} px viewport; widest: ${o.widest}`)).toEqual([]);
  });
});

describe('keyboard only', () => {
  /** Presses Tab until `target` has focus (at most `max` times); returns how many presses. */
  async function tabTo(page: Page, target: Locator, what: string, max = 60): Promise<number> {
    for (let presses = 1; presses <= max; presses++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return presses;
    }
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`${what} not reached with ${max} Tab presses (focus is on ${focused})`);
  }

  async function focused(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => el === document.activeElement);
  }

  /** A fresh case, and its board opened (and freshly loaded) as the education DSL. */
  async function freshBoard(firstName: string): Promise<{ page: Page; context: BrowserContext; caseId: string }> {
    const opened = expectResult(
      await asLead.command(
        'case.open',
        openCasePayload({
          children: [{ firstName, lastName: 'Kowalski', dateOfBirth: '2014-09-01' }],
          reasonForConcern: `${firstName} has missed eight days of school this half-term with no explanation.`,
        }),
      ),
    );
    const { context, page } = await openAs('dsl.morgan', { hash: `#/cases/${opened.caseId}` });
    await boardLoaded(page, opened.reference);
    // A fresh load of the board (as when opening its link), so the keyboard starts at the top.
    await page.reload();
    await boardLoaded(page, opened.reference);
    return { page, context, caseId: opened.caseId };
  }

  it('on a freshly loaded case board the first Tab stop is the skip link, which leads to the main content', async () => {
    const { page } = await freshBoard('Lena');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await focused(skip), `the first Tab stop is the skip link (focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160))})`).toBe(true);
    expect(await skip.isVisible(), 'the skip link shows when it has focus').toBe(true);
    await page.keyboard.press('Enter');
    await eventually('focus on <main>', () => page.evaluate(() => document.activeElement?.id === 'main'));
  });

  it('adds a contribution from the case board with the keyboard alone', async () => {
    const { page, caseId } = await freshBoard('Hana');

    const newButton = page.getByRole('button', { name: 'New contribution' });
    await tabTo(page, newButton, 'the New contribution button');
    // The focus can be seen.
    const ring = await newButton.evaluate((el) => {
      const s = getComputedStyle(el);
      return { outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none' };
    });
    expect(ring.outline || ring.shadow, 'a visible focus indicator on the New contribution button').toBe(true);
    await page.keyboard.press('Enter');

    const form = page.getByRole('form', { name: 'Add a contribution' });
    const text = form.getByLabel('What your agency knows or thinks');
    await eventually('focus in the text field when the form opens', () => focused(text));
    const words = 'Hana told her form tutor she looks after her younger brother when her mum is unwell. [e2e keyboard]';
    await page.keyboard.type(words);

    // Fact or opinion: Tab into the group, Space chooses Fact.
    const fact = form.getByRole('radio', { name: 'Fact', exact: true });
    await tabTo(page, fact, 'the Fact radio', 5);
    await page.keyboard.press('Space');
    expect(await fact.isChecked()).toBe(true);

    // Current or historic: Tab into the group (arrow keys move the choice), then back to Current.
    const current = form.getByRole('radio', { name: 'Current', exact: true });
    const historic = form.getByRole('radio', { name: 'Historic', exact: true });
    await tabTo(page, current, 'the Current radio', 5);
    await page.keyboard.press('ArrowDown');
    expect(await historic.isChecked()).toBe(true);
    await form.getByLabel('Why it is relevant now').waitFor();
    await page.keyboard.press('ArrowUp');
    expect(await current.isChecked()).toBe(true);
    await eventually('relevance field hidden again', async () => (await form.getByLabel('Why it is relevant now').count()) === 0);

    // When: Space chooses "On a known date", which reveals the date: day, month and year, typed field by field.
    const exact = form.getByRole('radio', { name: 'On a known date' });
    await tabTo(page, exact, 'the On a known date radio', 5);
    await page.keyboard.press('Space');
    expect(await exact.isChecked()).toBe(true);
    const date = dateInput(form, 'Date');
    await tabTo(page, date.day, 'the Day field', 5);
    const [year, month, day] = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10).split('-');
    await page.keyboard.type(String(Number(day)));
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(Number(month)));
    await page.keyboard.press('Tab');
    await page.keyboard.type(year!);
    expect([await date.day.inputValue(), await date.month.inputValue(), await date.year.inputValue()]).toEqual([String(Number(day)), String(Number(month)), year]);

    // Source: a native select, changed with the arrow keys.
    const source = form.getByLabel('Source', { exact: true });
    await tabTo(page, source, 'the Source select', 10);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await source.inputValue()).toBe('direct-observation');

    // Submit with Enter on the button.
    const submit = form.getByRole('button', { name: 'Add contribution' });
    await tabTo(page, submit, 'the Add contribution button', 5);
    await page.keyboard.press('Enter');

    const list = page.getByRole('list', { name: 'Contributions' });
    const item = list.getByRole('listitem').filter({ hasText: '[e2e keyboard]' });
    await item.waitFor();
    const aria = await item.ariaSnapshot();
    expect(aria).toMatch(/heading "Fact ?: /);
    expect(aria).toContain('Timeframe: Current');
    await page.getByRole('status').filter({ hasText: 'Your contribution was added.' }).waitFor();
    // Focus goes back to where the person started.
    await eventually('focus back on New contribution', () => focused(newButton)).catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}; focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160))}`);
    });

    const view = await asLead.view(caseId);
    const saved = view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.versions.at(-1)?.content).toMatchObject({
      text: words,
      kind: 'fact',
      timeframe: 'current',
      happened: { precision: 'exact', date: `${year}-${month}-${day}` },
      source: 'direct-observation',
    });
  });
});
