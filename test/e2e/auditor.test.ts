/**
 * The auditor's page in a real browser, with no internal id anywhere: a case found by its
 * reference (an unknown one says so, rather than "nothing recorded"), a child's cases found by
 * name and date of birth (GOV.UK date fields; an impossible date is refused), and who saw the
 * record; a person's access report downloaded as CSV and PDF through the same download buttons
 * as who saw a case, and read back. axe on each screen.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { pdfText } from '../support/pdf.ts';
import { expectText, screenshot, useBrowserWorld } from '../support/browser.ts';

const { world, openAs } = useBrowserWorld();
const CHILD = { firstName: 'Aurelia', lastName: 'Popescu', dateOfBirth: '2016-04-09' };
let reference = '';
let caseId = '';

beforeAll(async () => {
  const base = world.current.baseUrl;
  const police = rest(base, await signIn(base, 'pc.evans'));
  const health = rest(base, await signIn(base, 'hv.patel'));
  caseId = expectResult(await police.command('case.open', openCasePayload({ children: [CHILD] }))).caseId;
  reference = (await police.view(caseId)).summary.reference;
  await health.view(caseId);
}, 120_000);

describe("the auditor's page", () => {
  it('finds a case by its reference and by the child, and shows who saw it, never an internal id', async () => {
    const { page } = await openAs('audit.demo', { hash: '#/audit', bypassCSP: true });
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();

    // An unknown reference is not "nothing recorded": it says no case has it.
    await page.getByLabel('Case reference').fill('MASH-1999-99999');
    await page.getByRole('button', { name: 'Show records' }).click();
    await expectText(page.locator('.error-summary'), 'No case has the reference MASH-1999-99999');

    await page.getByLabel('Case reference').fill(reference.toLowerCase());
    await page.getByRole('button', { name: 'Show records' }).click();
    await expectText(page.getByRole('heading', { level: 2, name: /Who saw case/ }), `Who saw case ${reference}`);
    const table = page.getByRole('table');
    await expectText(table, 'Priya Patel, Health, Practitioner');
    expect(await table.textContent()).toContain('Read the case');
    expect(await page.locator('main').textContent()).not.toContain(caseId);
    await page.getByRole('button', { name: /Download CSV/ }).waitFor();
    await expectNoAxeViolations(page, "the auditor's page, who saw a case");
    await screenshot(page, 'audit-who-saw-1280');

    // By the child: name and date of birth (day, month, year).
    await page.getByRole('radio', { name: 'A child, by name and date of birth' }).check();
    await page.getByLabel('First name').fill(CHILD.firstName);
    await page.getByLabel('Last name').fill(CHILD.lastName);
    const born = page.getByRole('group', { name: 'Date of birth' });
    await born.getByLabel('Day').fill('31');
    await born.getByLabel('Month').fill('2');
    await born.getByLabel('Year').fill('2016');
    await page.getByRole('button', { name: 'Find the child’s cases' }).click();
    await expectText(page.locator('.error-summary'), 'Date of birth must be a real date');
    await born.getByLabel('Day').fill('9');
    await born.getByLabel('Month').fill('4');
    await page.getByRole('button', { name: 'Find the child’s cases' }).click();
    const cases = page.getByRole('table');
    await expectText(cases, `${CHILD.firstName} ${CHILD.lastName}, born 9 April 2016`);
    expect(page.url()).not.toContain(CHILD.lastName);
    await expectNoAxeViolations(page, "the auditor's page, a child's cases");
    await screenshot(page, 'audit-child-cases-1280');
    await cases.getByRole('link', { name: new RegExp(reference) }).click();
    await expectText(page.getByRole('heading', { level: 2, name: /Who saw case/ }), `Who saw case ${reference}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'audit-who-saw-390');
    await expectNoAxeViolations(page, "the auditor's page on a phone");
  });

  it("downloads a person's access report as CSV and PDF, each saying it is recorded", async () => {
    const { page } = await openAs('audit.demo', { hash: '#/audit', bypassCSP: true, acceptDownloads: true });
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('radio', { name: 'A person' }).check();
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Priya Patel, Health, Practitioner' });
    await page.getByRole('button', { name: 'Show records' }).click();
    // The period is the last 30 days unless changed.
    await page.getByRole('button', { name: 'Show the access report' }).click();
    const result = page.getByRole('region', { name: /^Priya Patel, / });
    await expectText(result.getByRole('table'), reference);

    const download = async (label: string, page: Page) => {
      const [file] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: `${label} of the access report for Priya Patel` }).click()]);
      await expectText(result.getByRole('status'), `Downloaded ${file.suggestedFilename()}. This export is recorded in the audit log.`);
      return readFile(await file.path());
    };
    const rows: string[][] = parse(await download('Download CSV', page), { bom: true });
    expect(rows.find((r) => r[4] === 'Read the case' && r[6] === reference)?.[5]).toBe('Opened');
    const text = await pdfText(await download('Download PDF', page));
    expect(text).toContain('Access report: Priya Patel');
    expect(text).toContain(reference);
    await expectNoAxeViolations(page, "the auditor's page, an access report");
    await screenshot(page, 'audit-access-report-1280');
  });
});
