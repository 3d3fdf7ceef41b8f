/**
 * The GOV.UK date input in a real browser: a date of birth is typed as day, month and year with
 * the keyboard; an impossible date (31 February) or a missing month is refused in GOV.UK's words,
 * the error summary's link takes focus to the day field, only the fields in error are marked, and
 * nothing is opened until the date is real. The dates on the board then read "28 February 2019".
 */
import { describe, expect, it } from 'vitest';
import type { CaseSummary, MeetingSummary } from '@mashboard/shared';
import { expectNoAxeViolations } from '../support/axe.ts';
import { expectText, screenshot, useBrowserWorld } from '../support/browser.ts';
import { rest, signIn } from '../support/clients.ts';
import { dateInput, timeInput } from '../support/date-input.ts';

const { world, openAs } = useBrowserWorld();

describe('the GOV.UK date input', () => {
  it('a date of birth typed field by field; 31 February and a missing month refused in plain words, nothing opened', async () => {
    const { page } = await openAs('pc.evans', { hash: '#/cases/new', bypassCSP: true });
    await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
    const api = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
    const openCases = async () => (await api.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases.length;
    const before = await openCases();

    await page.getByLabel('First name').fill('Zofia');
    await page.getByLabel('Last name').fill('Dąbrowska');
    await page.getByRole('radio', { name: 'Born', exact: true }).check();
    await page.getByLabel('Referral source').selectOption({ index: 1 });
    await page.getByLabel('Reason for concern').fill('Zofia told her teacher she had not eaten since Friday.');

    // The keyboard: Tab from Born into Day, then Month, then Year.
    const dob = dateInput(page, 'Date of birth');
    await page.getByRole('radio', { name: 'Born', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await dob.day.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2019');
    await page.getByRole('button', { name: 'Open case' }).click();

    const summary = page.locator('.error-summary');
    await expectText(summary, 'Date of birth must be a real date');
    await expectText(dob.group, 'Error: Date of birth must be a real date');
    await screenshot(page, 'date-input-impossible-date');
    await expectNoAxeViolations(page, 'the new-case form with an impossible date of birth');
    await summary.getByRole('link', { name: 'Date of birth must be a real date' }).click();
    expect(await dob.day.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await openCases()).toBe(before);

    // A missing month: only the month is marked.
    await dob.month.fill('');
    await page.getByRole('button', { name: 'Open case' }).click();
    await expectText(summary, 'Date of birth must include a month');
    expect([await dob.day.getAttribute('aria-invalid'), await dob.month.getAttribute('aria-invalid'), await dob.year.getAttribute('aria-invalid')]).toEqual([null, 'true', null]);
    expect(await openCases()).toBe(before);

    // A real date, the month as a name: the case opens with it, and the board says it in words.
    await dob.day.fill('28');
    await dob.month.fill('Feb');
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('heading', { level: 1, name: /MASH-/ }).waitFor({ timeout: 15_000 });
    const opened = (await api.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases.find((c) => c.children.some((k) => k.lastName === 'Dąbrowska'));
    expect(opened?.children[0]?.dateOfBirth).toBe('2019-02-28');
    await expectText(page.locator('main'), 'born 28 February 2019');
  });

  it('a date and time typed with the keyboard (scheduling a meeting): 31 February refused naming the field, a missing time marks only the time, nothing scheduled', async () => {
    const { page } = await openAs('lead.hughes', { hash: '#/meetings', bypassCSP: true });
    const api = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
    const meetings = async () => (await api.get<{ meetings: MeetingSummary[] }>('/api/meetings')).body.meetings.length;
    const before = await meetings();
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    const form = page.getByRole('form', { name: 'Schedule a meeting' });
    await form.getByRole('radio', { name: 'MASH triage meeting' }).check();
    await form.getByLabel('Title').fill('Morning triage');

    // The keyboard: Tab from the title into Day, Month, Year, then the 24-hour time.
    const when = dateInput(form, 'Date and time');
    const time = timeInput(form, 'Date and time');
    await form.getByLabel('Title').focus();
    await page.keyboard.press('Tab');
    expect(await when.day.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2030');
    await page.keyboard.press('Tab');
    expect(await time.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('9:30');
    await page.keyboard.press('Enter');

    const summary = page.locator('.error-summary');
    await expectText(summary, 'Date and time must be a real date');
    await expectText(when.group, 'Error: Date and time must be a real date');
    expect(await time.getAttribute('aria-invalid')).toBeNull();
    await expectNoAxeViolations(page, 'scheduling a meeting with an impossible date');
    await summary.getByRole('link', { name: 'Date and time must be a real date' }).click();
    expect(await when.day.evaluate((el) => el === document.activeElement)).toBe(true);

    // A real date and no time: only the time field is marked.
    await when.day.fill('28');
    await time.fill('');
    await form.getByRole('button', { name: 'Schedule meeting' }).click();
    await expectText(summary, 'Date and time must include a time');
    expect([await when.day.getAttribute('aria-invalid'), await when.month.getAttribute('aria-invalid'), await when.year.getAttribute('aria-invalid'), await time.getAttribute('aria-invalid')]).toEqual(
      [null, null, null, 'true'],
    );
    await expectNoAxeViolations(page, 'scheduling a meeting with no time');
    expect(await meetings()).toBe(before);
  });

  it('the search and report dates: an impossible date is refused in plain words, naming the field', async () => {
    const { page } = await openAs('lead.hughes', { hash: '#/search', bypassCSP: true });
    await page.getByRole('heading', { level: 1, name: 'Search records' }).waitFor();
    await page.getByLabel('Last name').fill('Thistlewood');
    const born = dateInput(page, 'Date of birth or expected date');
    await born.day.fill('30');
    await born.month.fill('2');
    await born.year.fill('2013');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expectText(page.locator('.error-summary'), 'Date of birth or expected date must be a real date');
    await expectNoAxeViolations(page, 'the search with an impossible date of birth');
    expect(await page.getByRole('region', { name: 'Results' }).count()).toBe(0);

    await page.goto(`${world.current.baseUrl}/#/reports/timeliness`);
    await page.getByRole('heading', { level: 1, name: 'Timeliness report' }).waitFor();
    const to = dateInput(page, 'To (including this day)');
    await to.month.fill('');
    await page.getByRole('button', { name: 'Show report' }).click();
    await expectText(page.locator('.error-summary'), 'To must include a month');
    expect([await to.day.getAttribute('aria-invalid'), await to.month.getAttribute('aria-invalid'), await to.year.getAttribute('aria-invalid')]).toEqual([null, 'true', null]);
    await expectNoAxeViolations(page, 'the timeliness report with a missing month');
  });
});
