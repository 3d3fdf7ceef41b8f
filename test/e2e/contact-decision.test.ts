/**
 * The contact decision in a real browser: a duty lead records the decision on the board (the form
 * refuses what is missing, naming it), a police officer on the same board sees it arrive, and the
 * duty lead records feedback to the referrer. The decision panel and its forms are checked with
 * axe (WCAG 2.2 AA) and photographed at desktop and phone sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_DECISION_SETTINGS } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { DESKTOP, PHONE, connection, eventually, expectText, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';
import { fillDateTimeInput } from '../support/date-input.ts';

const { world, person, newContext, openAs } = useBrowserWorld();
const { overflow, check } = screenChecks('decision-');
const LEVEL_2 = DEFAULT_DECISION_SETTINGS.thresholds[1]!;

let asLead: Rest;
beforeAll(async () => {
  asLead = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
}, 120_000);

afterAll(() => {
  expect(overflow, 'screens wider than their viewport').toEqual([]);
});

async function newCase(firstName: string): Promise<{ id: string; reference: string }> {
  const result = expectResult(
    await asLead.command(
      'case.open',
      openCasePayload({ children: [{ firstName, lastName: 'Decision', dateOfBirth: '2015-06-01' }], reasonForConcern: `${firstName} has missed school for three weeks.` }),
    ),
  );
  return { id: result.caseId, reference: result.reference };
}

async function openBoard(page: Page, c: { id: string; reference: string }): Promise<void> {
  await page.goto(`/#/cases/${c.id}`);
  await page.getByRole('heading', { level: 1, name: `Case ${c.reference}` }).waitFor();
  await expectText(connection(page), /^Live$/);
}

/** A datetime-local value two days ahead, UK time. */
function inTwoDaysLocal(): string {
  const d = new Date(Date.now() + 48 * 3_600_000);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    d,
  );
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

describe('a duty lead records the decision and the feedback to the referrer', () => {
  it('the form names what is missing; the decision reaches everyone on the board; the referrer feedback is recorded', async () => {
    const c = await newCase('Orla');
    // bypassCSP only so axe's script can be injected for the checks.
    const { page: lead } = await openAs('lead.hughes', { bypassCSP: true });
    const police = await person('pc.evans');
    await Promise.all([openBoard(lead, c), openBoard(police, c)]);

    const panel = (page: Page) => page.getByRole('region', { name: 'Decision', exact: true });
    await expectText(panel(lead), 'No decision yet');
    await expectText(panel(lead), 'Due once the decision is recorded');
    // Police may see the decision but not record it.
    expect(await panel(police).getByRole('button', { name: 'Record the decision' }).count()).toBe(0);

    await panel(lead).getByRole('button', { name: 'Record the decision' }).click();
    const form = lead.getByRole('form', { name: `Record a decision on ${c.reference}` });
    await form.getByRole('button', { name: 'Record decision' }).click();
    const summary = form.getByRole('alert');
    await expectText(summary, 'Choose the outcome');
    await expectText(summary, 'Choose the threshold or level of need judged met');
    await expectText(summary, 'Give the rationale for the decision');
    await check(lead, 'board-form-errors-desktop', 'the decision form with errors (desktop)');

    await form.getByLabel('Outcome').selectOption({ label: 'Early help' });
    await form.getByLabel('Threshold or level of need').selectOption({ label: LEVEL_2 });
    await form.getByLabel('Rationale').fill('Attendance has fallen; mother asks for help with routines. [e2e decision]');
    await form.getByRole('group', { name: 'Information it rests on' }).getByLabel('Police').check();
    await form.getByLabel('What happens next').fill('Allocate an early help worker');
    const owners = await form.getByLabel('Owner').locator('option').allTextContents();
    await form.getByLabel('Owner').selectOption({ label: owners.find((o) => o.startsWith('Grace Okafor'))! });
    await fillDateTimeInput(form, 'Due by', inTwoDaysLocal());
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expectText(panel(lead), 'Decision recorded');

    for (const page of [lead, police]) {
      const record = panel(page).getByRole('article');
      await expectText(record, 'Early help');
      await expectText(record, LEVEL_2);
      await expectText(record, '[e2e decision]');
      await expectText(record, 'Allocate an early help worker');
      await expectText(page.locator('.case-facts'), 'Decided');
    }
    await expectText(panel(police), 'Tell the referrer the outcome by');
    await check(lead, 'board-decided-desktop', 'the board with a decision (desktop)');

    await panel(lead).getByRole('button', { name: 'Record feedback to the referrer' }).click();
    const feedback = lead.getByRole('form', { name: 'Record feedback to the referrer' });
    await feedback.getByRole('button', { name: 'Record feedback' }).click();
    await expectText(feedback.getByRole('alert'), 'Choose how the referrer was told');
    await feedback.getByLabel('Phone call').check();
    await feedback.getByLabel('What was said (optional)').fill('Told the school early help will be offered.');
    await feedback.getByRole('button', { name: 'Record feedback' }).click();
    await expectText(panel(lead), 'Feedback to the referrer recorded');
    await expectText(panel(police), 'Phone call');
    await eventually('feedback on the record', async () => ((await asLead.view(c.id)).summary.referrerFeedback ?? []).length === 1);
    expect(await panel(lead).getByText('Tell the referrer the outcome by').count()).toBe(0);
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`the decision panel and its forms pass axe at ${label} size`, async () => {
      const c = await newCase(`Petra${label}`);
      const context = await newContext({ viewport, bypassCSP: true, isMobile: label === 'phone', hasTouch: label === 'phone' });
      const session = await signIn(world.current.baseUrl, 'lead.hughes');
      const [name, value] = session.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: world.current.baseUrl }]);
      const page = await context.newPage();
      await page.goto('/#/');
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await openBoard(page, c);
      const panel = page.getByRole('region', { name: 'Decision', exact: true });
      await panel.getByRole('button', { name: 'Record the decision' }).click();
      await page.getByRole('form', { name: `Record a decision on ${c.reference}` }).waitFor();
      await check(page, `form-${label}`, `the decision form (${label})`);
      expectResult(
        await asLead.command('decision.record', {
          commandId: crypto.randomUUID(),
          caseId: c.id,
          outcome: 'child-in-need-assessment',
          threshold: DEFAULT_DECISION_SETTINGS.thresholds[2],
          rationale: 'Persistent absence and a younger sibling at home alone.',
          informationFrom: ['education', 'health'],
          informationAwaited: ['police'],
          dissent: [{ name: 'P Patel', agency: 'health', view: 'Would offer early help first.' }],
        }),
      );
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expectText(panel.getByRole('article'), 'Child in need assessment');
      await panel.getByRole('button', { name: 'Record feedback to the referrer' }).click();
      await page.getByRole('form', { name: 'Record feedback to the referrer' }).waitFor();
      await check(page, `feedback-${label}`, `the decision and the feedback form (${label})`);
    });
  }

  it('an admin edits the levels of need on the policy page; the decision form offers the new list at once', async () => {
    const { page: admin } = await openAs('admin.demo', { bypassCSP: true, hash: '#/admin/policy' });
    const section = admin.getByRole('region', { name: 'Decisions: levels of need and sign-off' });
    const levels = section.getByLabel('Levels of need', { exact: true });
    await expect.poll(async () => levels.inputValue()).toContain(LEVEL_2);
    await levels.fill('Tier 1: universal\ntier 1: universal');
    await section.getByRole('button', { name: 'Save decision settings' }).click();
    await expectText(section.getByRole('alert'), 'must not name the same level twice');
    await check(admin, 'levels-error-desktop', 'the levels of need with an error (desktop)');
    await levels.fill('Tier 1: universal\nTier 2: targeted support\nTier 3: specialist');
    await section.getByRole('button', { name: 'Save decision settings' }).click();
    await expectText(section, 'Decision settings saved');

    const c = await newCase('Quentin');
    const { page: lead } = await openAs('lead.hughes', { hash: `#/cases/${c.id}` });
    await lead.getByRole('heading', { level: 1, name: `Case ${c.reference}` }).waitFor();
    await lead.getByRole('region', { name: 'Decision', exact: true }).getByRole('button', { name: 'Record the decision' }).click();
    const threshold = lead.getByRole('form', { name: `Record a decision on ${c.reference}` }).getByLabel('Threshold or level of need');
    await expect.poll(async () => (await threshold.locator('option').allTextContents()).slice(1)).toEqual(['Tier 1: universal', 'Tier 2: targeted support', 'Tier 3: specialist']);
  });

  it('a re-referred contact says so in its header from arrival', async () => {
    const child = { firstName: 'Saoirse', lastName: 'Repeat', dateOfBirth: '2013-04-05' };
    const earlier = expectResult(await asLead.command('case.open', openCasePayload({ children: [child] })));
    // The levels in force (another test in this file replaces them).
    const [level] = (await asLead.get<{ settings: { thresholds: string[] } }>('/api/decision-settings')).body.settings.thresholds;
    expectResult(
      await asLead.command('decision.record', {
        commandId: crypto.randomUUID(),
        caseId: earlier.caseId,
        outcome: 'advice-and-information',
        threshold: level,
        rationale: 'Advice given to the family.',
      }),
    );
    const again = expectResult(await asLead.command('case.open', openCasePayload({ children: [child], receivedAt: new Date().toISOString() })));
    const { page } = await openAs('lead.hughes', { bypassCSP: true, hash: `#/cases/${again.caseId}` });
    await page.getByRole('heading', { level: 1, name: `Case ${again.reference}` }).waitFor();
    await expectText(page.locator('.re-referral'), 'Re-referral. An earlier case about this child had a MASH decision within 12 months');
    await check(page, 're-referral-desktop', 'a re-referred contact (desktop)');
  });
});
