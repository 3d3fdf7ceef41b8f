/**
 * The people around the child in a real browser: a police officer records a contact with the
 * mother, her partner and a protected refuge address; health adds the school on the board; an
 * education lead finds the case by the partner's name and by the home address, but not by the
 * refuge's postcode, and sees it on the board only as "Protected address". Every new screen is
 * checked with axe (WCAG 2.2 AA) at desktop and phone sizes, with a screenshot to look at.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, expectText, PHONE, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';
import { fillDateInput } from '../support/date-input.ts';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { factPayload } from '../support/fixtures.ts';

const { openAs, world } = useBrowserWorld();
/** A person's page; axe is injected as a script, so the page's CSP is bypassed in these contexts. */
const person = async (username: string, hash: string) => (await openAs(username, { hash, bypassCSP: true })).page;
const { overflow, check } = screenChecks('people-');
let caseUrl = '';

afterAll(() => {
  expect(overflow, 'no screen wider than its viewport').toEqual([]);
});

async function fillNewContact(page: Page): Promise<void> {
  const child = page.getByRole('group', { name: 'Child 1' });
  await child.getByLabel('First name').fill('Lily');
  await child.getByLabel('Last name').fill('Farrowdale');
  await child.getByRole('radio', { name: 'Born', exact: true }).check();
  await fillDateInput(child, 'Date of birth', '2018-05-02');

  // Addresses first, so the child and the people can be placed at them.
  const places = page.getByRole('group', { name: 'Addresses and places' });
  await places.getByRole('button', { name: 'Add an address' }).click();
  const home = page.getByRole('group', { name: 'Address 1' });
  await home.getByLabel('Kind of place').selectOption('home');
  await home.getByLabel('Number and street, or building').fill('14 Elm Road');
  await home.getByLabel('Postcode (optional)').fill('LS6 2AB');
  await places.getByRole('button', { name: 'Add another address' }).click();
  const refuge = page.getByRole('group', { name: 'Address 2' });
  await refuge.getByLabel('Kind of place').selectOption('refuge');
  await refuge.getByLabel('Number and street, or building').fill('3 Quiet Lane');
  await refuge.getByLabel('Postcode (optional)').fill('LS7 1QQ');
  await refuge.getByLabel('Protect this address').check();
  await refuge.getByRole('group', { name: 'Also share it with (optional)' }).getByLabel('Health').check();

  await child.getByText('Language, ethnicity, disability and address (optional)').click();
  await child.getByLabel('First language (if known)').fill('Polish');
  await child.getByLabel('Ethnicity').selectOption('WOTH');
  await child.getByLabel('Address').selectOption({ label: 'Refuge: 3 Quiet Lane (address 2)' });

  const peopleGroup = page.getByRole('group', { name: 'People around the child' });
  await peopleGroup.getByRole('button', { name: 'Add a person' }).click();
  const mother = page.getByRole('group', { name: 'Person 1', exact: true });
  await mother.getByLabel('First name').fill('Karen');
  await mother.getByLabel('Last name').fill('Farrowdale');
  await mother.getByLabel("Karen is Lily's").selectOption('mother');
  await mother.getByLabel('Lives with the child').check();
  await mother.getByLabel('Needs an interpreter').check();
  await mother.getByLabel('Address', { exact: true }).selectOption({ label: 'Refuge: 3 Quiet Lane (address 2 below)' });

  await peopleGroup.getByRole('button', { name: 'Add another person' }).click();
  const partner = page.getByRole('group', { name: 'Person 2', exact: true });
  await partner.getByLabel('First name').fill('Dean');
  await partner.getByLabel('Last name').fill('Walsh');
  await partner.getByLabel('Alleged to have caused harm').check();
  await partner.getByLabel('Address', { exact: true }).selectOption({ label: 'Home: 14 Elm Road (address 1 below)' });

  await page.getByLabel('Referral source').selectOption('police');
  await page.getByLabel('Reason for concern').fill('Lily told a PCSO that Dean hits her mum; they have moved to a refuge.');
}

describe('the people around the child', () => {
  it('a contact records people and addresses; a person without a relationship is named in the error summary', async () => {
    const page = await person('pc.evans', '#/cases/new');
    await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
    await page.setViewportSize(DESKTOP);
    await fillNewContact(page);
    await check(page, 'new-contact-desktop', 'new contact with people (desktop)');

    // Dean has no relationship to Lily yet: the summary names the field and links to it.
    await page.getByRole('button', { name: 'Open case' }).click();
    const summary = page.locator('.error-summary');
    await expectText(summary, 'Say how person 2 is related to at least one child');
    await summary.getByRole('link', { name: /Say how person 2/ }).click();
    const partner = page.getByRole('group', { name: 'Person 2', exact: true });
    expect(await partner.getByLabel("Dean is Lily's").evaluate((el) => el === document.activeElement)).toBe(true);
    await partner.getByLabel("Dean is Lily's").selectOption('parents-partner');

    await page.setViewportSize(PHONE);
    await check(page, 'new-contact-phone', 'new contact with people (phone)');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('heading', { level: 1, name: /MASH-/ }).waitFor();
    caseUrl = new URL(page.url()).hash;
    const panel = page.getByRole('region', { name: /People and places/ });
    await expectText(panel, "Parent's partner of Lily Farrowdale");
    await expectText(panel, 'Alleged to have caused harm');
    await expectText(panel, 'Mother of Lily Farrowdale');
    await expectText(panel, 'Protected');
    await expectText(panel, '3 Quiet Lane');
    await expectText(panel, 'First language Polish');
    await check(page, 'board-desktop', 'board with people (desktop)');
  });

  it('on the board, another agency adds the school; a protected address it may see reads in full', async () => {
    const page = await person('hv.patel', caseUrl);
    const panel = page.getByRole('region', { name: /People and places/ });
    await expectText(panel, '3 Quiet Lane', 15_000);
    await panel.getByRole('button', { name: 'Add people or addresses' }).click();
    const form = panel.getByRole('form', { name: 'Add people or addresses' });
    await form.getByRole('button', { name: 'Add an address' }).click();
    const school = form.getByRole('group', { name: 'Address 1' });
    await school.getByLabel('Kind of place').selectOption('school');
    await school.getByLabel('Name of the place (optional)').fill('Oakfield Primary');
    await school.getByLabel('Number and street, or building').fill('1 School Lane');
    await page.setViewportSize(PHONE);
    await check(page, 'board-add-phone', 'adding people on the board (phone)');
    await page.setViewportSize(DESKTOP);
    await check(page, 'board-add-desktop', 'adding people on the board (desktop)');
    await form.getByRole('button', { name: 'Add to the case' }).click();
    await expectText(panel.getByRole('status'), 'Added 1 entry');
    await expectText(panel.getByRole('list', { name: 'Other addresses and places' }), 'Oakfield Primary, 1 School Lane');

    // A contribution offers the people on the case to name.
    await page.getByRole('button', { name: 'New contribution' }).click();
    const concerns = page.getByRole('group', { name: 'Which people does it concern? (optional)' });
    await concerns.getByLabel("Dean Walsh (Parent's partner of Lily Farrowdale)").check();
    await page.setViewportSize(PHONE);
    await check(page, 'contribution-people-phone', 'a contribution naming people (phone)');
    await page.setViewportSize(DESKTOP);
  });

  it('another agency sees whom a contribution concerns, and finds the case by the adult and by the home address, never by the refuge', async () => {
    // The police add what they hold about Dean, naming him.
    const police = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
    const caseId = caseUrl.split('/').pop()!;
    const dean = (await police.view(caseId)).summary.people.find((p) => p.firstName === 'Dean')!;
    expectResult(await police.command('contribution.add', factPayload(caseId, { text: 'Dean Walsh: caution for assault, 2022.', personIds: [dean.id] })));

    const page = await person('dsl.morgan', caseUrl);
    const panel = page.getByRole('region', { name: /People and places/ });
    await expectText(panel, 'Protected address', 15_000);
    const entry = page.getByRole('list', { name: 'Contributions' }).getByRole('listitem').filter({ hasText: 'caution for assault' });
    await expectText(entry, /Concerns\s*Dean Walsh/);
    expect(await panel.textContent()).not.toContain('Quiet Lane');
    await page.setViewportSize(PHONE);
    await check(page, 'board-withheld-phone', 'board with a withheld address (phone)');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('link', { name: 'Search records' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search records' }).waitFor();
    const results = page.getByRole('region', { name: 'Results' });
    const searchBy = async (fields: Record<string, string>) => {
      await page.getByRole('button', { name: 'Clear' }).click();
      for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
    };

    await searchBy({ 'First name': 'Dean', 'Last name': 'Walsh' });
    await expectText(results, "Dean Walsh (Parent's partner of Lily Farrowdale)", 15_000);
    await searchBy({ 'Number and street': '14 elm road', Postcode: 'ls6 2ab' });
    await expectText(results, '14 Elm Road, LS6 2AB: the case about Lily Farrowdale');
    await check(page, 'search-address-desktop', 'search by address (desktop)');
    await searchBy({ Postcode: 'LS7 1QQ' });
    await expectText(results, 'No records found.');

    // A new contact naming Dean is told at once where he was met before.
    await page.goto('/#/cases/new');
    await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
    const child = page.getByRole('group', { name: 'Child 1' });
    await child.getByLabel('First name').fill('Zara');
    await child.getByLabel('Last name').fill('Bell');
    await child.getByRole('radio', { name: 'Born', exact: true }).check();
    await fillDateInput(child, 'Date of birth', '2020-02-02');
    await page.getByRole('group', { name: 'People around the child' }).getByRole('button', { name: 'Add a person' }).click();
    const adult = page.getByRole('group', { name: 'Person 1', exact: true });
    await adult.getByLabel('First name').fill('Dean');
    await adult.getByLabel('Last name').fill('Walsh');
    const found = page.getByRole('region', { name: 'Possible previous involvement of the people and addresses' });
    await expectText(found, "Dean Walsh (Parent's partner of Lily Farrowdale)", 15_000);
    await check(page, 'new-contact-involvement-desktop', 'new contact: previous involvement of an adult (desktop)');
    await page.getByRole('button', { name: 'Cancel and discard' }).click();
  });
});
