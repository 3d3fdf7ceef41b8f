/**
 * The GOV.UK date input in a real browser: a date of birth is typed as day, month and year with
 * the keyboard; an impossible date (31 February) or a missing month is refused in GOV.UK's words,
 * the error summary's link takes focus to the day field, only the fields in error are marked, and
 * nothing is opened until the date is real. The dates on the board then read "28 February 2019".
 */
import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '@mashboard/shared';
import { expectNoAxeViolations } from '../support/axe.ts';
import { expectText, screenshot, useBrowserWorld } from '../support/browser.ts';
import { rest, signIn } from '../support/clients.ts';
import { dateInput } from '../support/date-input.ts';

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
});
