/**
 * Clocks from receipt in a real browser: a contact nobody has rated shows its decision deadline
 * on the dashboard and its header the moment it arrives; when its first-rating time passes, the
 * duty lead is alerted at once and the contact moves above the rated cases that are on time. The
 * dashboard with the new column is checked with axe at desktop and phone sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectResult, rest, setTimelinessPolicy, signIn } from '../support/clients.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { PHONE, eventually, expectText, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';

const { world, openAs } = useBrowserWorld();
const { overflow, check } = screenChecks('receipt-clock-');

/** The references of the dashboard's rows, top to bottom. */
async function dashboardOrder(page: Page): Promise<string[]> {
  return (await page.locator('.dashboard-table tbody th[scope="row"] .case-link').allTextContents()).map((t) => t.trim());
}

beforeAll(async () => {
  // The first rating is due 6 seconds after receipt, round the clock, so it falls due during the test.
  await setTimelinessPolicy(await signIn(world.current.baseUrl, 'admin.demo'), (p) => {
    p.initialRatingWithinHours = 6 / 3600;
    p.initialRatingBasis = 'clock';
  });
}, 120_000);

afterAll(() => {
  expect(overflow, 'screens wider than their viewport').toEqual([]);
});

describe('an unrated contact has a clock from receipt', () => {
  it('shows its decision deadline at once, alerts the duty lead when the first rating is overdue, and moves above rated cases on time', async () => {
    const { page } = await openAs('lead.hughes', { bypassCSP: true });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const asLead = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
    const opened = expectResult(
      await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Ivo', lastName: 'Clockwise', dateOfBirth: '2019-09-09' }], receivedAt: new Date().toISOString() })),
    );
    const row = page.locator('.dashboard-table tbody tr').filter({ hasText: opened.reference });
    await expectText(row.locator('td[data-label="Rating"]'), 'Not rated');
    await expectText(row.locator('td[data-label="Decision"]'), /^Decision due .+, in \d/);
    await expectText(row.locator('td[data-label="Next deadline"]'), 'First rating');

    // The first rating falls due: the alert reaches the duty lead's screen at once.
    await expectText(page.locator('.alert-banner-region'), `First rating on ${opened.reference} is overdue`, 30_000);
    // A screen reader hears the alert as it arrives, and not again at every minute its countdown ticks.
    await expectText(page.getByRole('alert').filter({ hasText: opened.reference }), `First rating on ${opened.reference} is overdue`);
    expect(await page.locator('[role="alert"] .countdown, [aria-live] .countdown').count()).toBe(0);
    await expectText(row.locator('td[data-label="Next deadline"]'), 'Overdue');
    // Overdue first: above the rated demo cases that are on time (Ayesha's Amber contact).
    const ayesha = (await asLead.get<{ cases: { reference: string; children: { firstName: string }[] }[] }>('/api/cases')).body.cases.find((c) => c.children.some((ch) => ch.firstName === 'Ayesha'))!;
    await eventually('the overdue contact above the rated case on time', async () => {
      const order = await dashboardOrder(page);
      return order.indexOf(opened.reference) >= 0 && order.indexOf(opened.reference) < order.indexOf(ayesha.reference);
    });
    await check(page, 'dashboard-desktop', 'the dashboard with an overdue unrated contact (desktop)');

    // The case header says the same beside the rating.
    await page.goto(`/#/cases/${opened.caseId}`);
    await expectText(page.locator('.case-header__decision'), /Decision due .+, in \d/);
    await check(page, 'case-header-desktop', 'the case header with its decision deadline (desktop)');
  });

  it('the dashboard with its decision column passes axe at phone size', async () => {
    const { page } = await openAs('lead.hughes', { bypassCSP: true, viewport: PHONE, isMobile: true, hasTouch: true });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.locator('.dashboard-table tbody tr').first().waitFor();
    await check(page, 'dashboard-phone', 'the dashboard (phone)');
  });
});
