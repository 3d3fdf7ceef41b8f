/**
 * Search records in a real browser: reached from the navigation, the error summary taking focus
 * and linking to its field, results found by a spelling variant and a mistyped date, and a result's
 * reference opening the case board. The terms never appear in the page's URL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { expectText, useBrowserWorld } from '../support/browser.ts';
import { fillDateInput } from '../support/date-input.ts';

const { world, person } = useBrowserWorld();
let found: { caseId: string; reference: string };

beforeAll(async () => {
  const asPolice = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
  found = expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Rosalind', lastName: 'Thistlewood', dateOfBirth: '2013-05-07' }] })));
}, 120_000);

describe('search records', () => {
  it('finds a child by a spelling variant and a mistyped date, and opens the case', async () => {
    const page = await person('sw.okafor', '#/');
    await page.getByRole('link', { name: 'Search records' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search records' }).waitFor();

    // A malformed NHS number: the summary takes focus and its link moves focus to the field.
    await page.getByLabel('NHS number').fill('12345');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const summary = page.locator('.error-summary');
    await expectText(summary, 'NHS number must be 10 digits');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: 'NHS number must be 10 digits' }).click();
    expect(await page.getByLabel('NHS number').evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('NHS number').fill('');
    await page.getByLabel('Last name').fill('Thistelwood');
    await fillDateInput(page, 'Date of birth or expected date', '2013-07-05');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('region', { name: 'Results' });
    await expectText(results, 'Rosalind Thistlewood', 15_000);
    await expectText(results, 'date of birth differs by day and month swapped');
    await expectText(page.getByRole('status').filter({ hasText: 'found' }), '1 record found.');
    expect(page.url()).not.toMatch(/Thist|2013/);

    await results.getByRole('link', { name: found.reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(found.reference) }).waitFor();
    expect(page.url()).toContain(`#/cases/${found.caseId}`);
  });
});
