/**
 * A partner agency's day in a real browser, several people at once: a duty lead asks the police
 * for information on the board; the police officer, on "My work", sees the request and its alert
 * arrive at once, opens the case, adds what the police hold and answers the request with that
 * contribution; the duty lead sees it answered, linked to the contribution, live. "My work",
 * "Requests to my agency" and the answer form pass axe (WCAG 2.2 AA) at desktop and phone sizes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { nextDeadline } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { connection, DESKTOP, expectText, PHONE, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';
import { fillDateInput } from '../support/date-input.ts';

const { world, person, openAs } = useBrowserWorld();
const { overflow, check } = screenChecks('partners-');

let asLead: Rest;

beforeAll(async () => {
  asLead = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
}, 120_000);

async function newCase(firstName: string): Promise<{ id: string; reference: string }> {
  const result = expectResult(
    await asLead.command(
      'case.open',
      openCasePayload({ children: [{ firstName, lastName: 'Quayle', dateOfBirth: '2018-01-15' }], reasonForConcern: `${firstName} came to nursery with a burn on the hand.` }),
    ),
  );
  return { id: result.caseId, reference: result.reference };
}

async function openBoard(page: Page, caseId: string, reference: string): Promise<void> {
  await page.goto(`/#/cases/${caseId}`);
  await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
  await expectText(connection(page), /^Live$/);
}

function requestsSection(page: Page) {
  return page.getByRole('region', { name: /^Requests to Police/ });
}

describe('the police are asked for information and answer with a contribution', () => {
  it('the request reaches the police at once, and their answer links the contribution on the lead’s board', async () => {
    const c = await newCase('Rosie');
    const lead = await person('lead.hughes');
    const police = await person('pc.evans');
    // A practitioner's home is My work.
    await police.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    await expectText(connection(police), /^Live$/);
    await openBoard(lead, c.id, c.reference);

    // The duty lead asks on the board.
    await lead.getByRole('button', { name: 'Request information' }).click();
    const ask = lead.getByRole('form', { name: 'Request information from an agency' });
    await ask.getByLabel('Agency').selectOption({ label: 'Police' });
    await ask.getByLabel('What do you need to know?').fill('Any call-outs to the family home in the last 12 months?');
    await ask.getByRole('button', { name: 'Send request' }).click();
    await lead.getByRole('status').filter({ hasText: 'Police asked for information.' }).waitFor();

    // The police officer's My work shows it without a reload, and the bell counts the alert.
    const row = requestsSection(police).getByRole('row').filter({ hasText: c.reference });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('Any call-outs to the family home in the last 12 months?');
    expect(await row.innerText()).toContain('Rhian Hughes');
    await expectText(police.getByRole('link', { name: /^Alerts/ }), /Alerts\s*,?\s*[1-9]/);

    // The officer opens the case from the request, records what the police hold, and answers with it.
    await row.getByRole('link', { name: c.reference }).click();
    await police.getByRole('heading', { level: 1, name: `Case ${c.reference}` }).waitFor();
    await police.getByRole('button', { name: 'New contribution' }).click();
    const form = police.getByRole('form', { name: 'Add a contribution' });
    await form.getByLabel('What your agency knows or thinks').fill('Police attended the home twice in August after neighbours reported shouting; no arrests. [e2e answer]');
    await form.getByRole('radio', { name: 'Fact', exact: true }).check();
    await form.getByRole('radio', { name: 'Current', exact: true }).check();
    await form.getByRole('radio', { name: 'On a known date' }).check();
    await fillDateInput(form, 'Date', new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel('Source', { exact: true }).selectOption({ label: "Own agency's records" });
    await form.getByRole('button', { name: 'Add contribution' }).click();
    await police.getByRole('status').filter({ hasText: 'Your contribution was added.' }).waitFor();

    await police.getByRole('button', { name: /^Answer\s*:\s*Information from Police$/ }).click();
    const answer = police.getByRole('form', { name: 'Answer: Information from Police' });
    // Sending nothing chosen is refused on the spot, naming what is missing.
    await answer.getByRole('radio', { name: 'With contributions on this board' }).check();
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await expectText(answer.locator('.error-summary'), 'Choose at least one contribution that answers the request');
    await answer.getByRole('checkbox', { name: /Police attended the home twice in August/ }).check();
    await answer.getByRole('button', { name: 'Send answer' }).click();
    await police.getByRole('status').filter({ hasText: 'Answer sent.' }).waitFor();

    // The lead's board shows it answered, linked to the police contribution, live.
    const requests = lead.getByRole('region', { name: /^Information requests/ });
    const answered = requests.getByRole('listitem').filter({ hasText: 'Information from Police' });
    await expectText(answered, /Answered/);
    const link = answered.getByRole('link', { name: /Police attended the home twice in August/ });
    await link.waitFor();
    await link.click();
    const focused = await lead.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toContain('Police');

    // The request has left the police's list.
    await police.goto('/#/requests');
    await police.getByRole('heading', { level: 1, name: 'Requests to Police' }).waitFor();
    await eventuallyGone(police, c.reference);
  });
});

describe('the open-case list', () => {
  it('shows each case’s rating and next deadline, and moves them live', async () => {
    const c = await newCase('Ula');
    const page = await person('sw.okafor', '#/cases');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: c.reference, exact: true }) });
    await row.waitFor();
    await expectText(row, 'Not rated');
    const version = (await asLead.view(c.id)).summary.version;
    expectResult(await asLead.command('rating.set', { commandId: newCommandId(), caseId: c.id, expectedVersion: version, rating: 'red', reason: 'Burn on a toddler: seen today.' }));
    await expectText(row, /Red/);
    // The next deadline is the case's soonest open one, as the server holds it.
    const next = nextDeadline((await asLead.view(c.id)).summary.deadlines);
    expect(next).not.toBeNull();
    await expectText(row.locator('td[data-label="Next deadline"]'), next!.label);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Rating', 'Next deadline']));
  });
});

async function eventuallyGone(page: Page, reference: string): Promise<void> {
  await page
    .getByRole('main')
    .getByText(/open requests? to Police|No open requests to Police/)
    .first()
    .waitFor();
  expect(await page.getByRole('main').getByRole('link', { name: reference, exact: true }).count()).toBe(0);
}

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`My work, Requests to my agency and the answer form pass axe at ${viewport.width}×${viewport.height}`, () => {
    it('each screen, with work in it', async () => {
      const c = await newCase(label === 'desktop' ? 'Saskia' : 'Tobias');
      expectResult(await asLead.command('information.request', { commandId: newCommandId(), caseId: c.id, agency: 'police', question: 'Is anyone in the household known to the police?' }));
      const { page } = await openAs('pc.evans', { viewport, isMobile: label === 'phone', hasTouch: label === 'phone', bypassCSP: true });
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      await requestsSection(page).getByRole('link', { name: c.reference }).waitFor();
      await check(page, `${label}-my-work`, `My work (${label})`);

      await page.goto('/#/requests');
      await page.getByRole('heading', { level: 1, name: 'Requests to Police' }).waitFor();
      await page.getByRole('link', { name: c.reference }).waitFor();
      await check(page, `${label}-requests`, `Requests to my agency (${label})`);

      const asPolice = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
      expectResult(await asPolice.command('contribution.add', factPayload(c.id, { text: 'The father has a 2019 caution for common assault.' })));
      await openBoard(page, c.id, c.reference);
      await page.getByRole('button', { name: /^Answer\s*:\s*Information from Police$/ }).click();
      const answer = page.getByRole('form', { name: 'Answer: Information from Police' });
      await answer.getByRole('radio', { name: 'Nothing held' }).check();
      await answer.getByRole('button', { name: 'Send answer' }).click();
      await expectText(answer.locator('.error-summary'), 'Say why nothing is held');
      await answer.getByRole('radio', { name: 'With contributions on this board' }).check();
      await answer.getByRole('checkbox', { name: /2019 caution/ }).waitFor();
      await answer.scrollIntoViewIfNeeded();
      await check(page, `${label}-answer-form`, `the answer form (${label})`);
    });
  });
}

describe('reflow', () => {
  it('no new screen scrolls sideways', () => {
    expect(overflow).toEqual([]);
  });
});
