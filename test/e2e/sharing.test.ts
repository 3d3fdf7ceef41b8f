/**
 * The guided sharing form in a real browser, one question at a time (GOV.UK question pages): the
 * flowchart to its conclusion, then only what that conclusion needs, a summary to check (with a
 * way back to change an answer) and the record in the sharing log, checked over REST too. Three
 * paths: a request made to us shared with whoever asked; "do not share: no clear purpose", which
 * asks only about the request, who asked and the reasons; and the flowchart's "do not share",
 * which never offers sharing or lawful bases. axe on every kind of page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { factPayload, openCasePayload, opinionPayload } from '../support/fixtures.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { expectText, screenshot, useBrowserWorld } from '../support/browser.ts';
import { fillDateTimeInput } from '../support/date-input.ts';

const { world, openAs } = useBrowserWorld();
/** axe is injected as a script: the page's own CSP would refuse it. */
const person = async (username: string, hash: string) => (await openAs(username, { hash, bypassCSP: true })).page;

let asLead: Rest;
let asPolice: Rest;
let asHealth: Rest;

beforeAll(async () => {
  const base = world.current.baseUrl;
  [asLead, asPolice, asHealth] = await Promise.all([signIn(base, 'lead.hughes'), signIn(base, 'pc.evans'), signIn(base, 'hv.patel')]).then((s) => s.map((x) => rest(base, x)));
}, 120_000);

/** The page's question: its heading, which has focus after Continue. */
const question = (form: Locator) => form.locator('h2');

async function answer(form: Locator, questionText: string | RegExp, option: string) {
  const group = form.getByRole('group', { name: questionText });
  await group.getByRole('radio', { name: option, exact: true }).check();
}

const next = (form: Locator) => form.getByRole('button', { name: 'Continue' }).click();

async function openForm(page: Page): Promise<Locator> {
  await page.getByRole('heading', { level: 1, name: /Sharing decisions/ }).waitFor();
  await page.getByRole('button', { name: 'Record a sharing decision' }).click();
  return page.getByRole('form', { name: 'Record a sharing decision' });
}

describe('the sharing form, one question at a time', () => {
  it('a request made to us: who asked, consent words required, the flowchart to "share", checked and recorded', async () => {
    const c = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Cara', lastName: 'Share', dateOfBirth: '2014-09-09' }] })));
    const restrictedText = 'Intelligence: an adult in the household has a caution for assault. [e2e restricted]';
    const openText = 'In my view Cara’s weight has fallen since the spring. [e2e open]';
    const restricted = expectResult(await asPolice.command('contribution.add', factPayload(c.caseId, { text: restrictedText, restrictedTo: ['childrens-social-care'] })));
    const open = expectResult(await asHealth.command('contribution.add', opinionPayload(c.caseId, { text: openText })));

    const page = await person('lead.hughes', `#/cases/${c.caseId}/sharing`);
    const form = await openForm(page);

    // Only the first question, with why it matters; nothing further until it is answered.
    const purpose = form.getByRole('group', { name: 'Is there a clear and legitimate purpose for sharing the information?' });
    await purpose.waitFor();
    expect(await purpose.textContent()).toContain('Why it matters: Share only for a clear, legitimate purpose');
    expect(await form.getByRole('group', { name: /Does the person .* consent/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the sharing form, first question');
    await screenshot(page, 'sharing-question-1280');
    await next(form);
    await expectText(form.locator('.error-summary'), 'Answer the question: is there a clear and legitimate purpose');
    await purpose.getByRole('radio', { name: 'Yes' }).check();
    await next(form);

    await expectText(question(form), /Does the person .* consent/);
    expect(await form.getByRole('group', { name: /Does the person .* consent/ }).textContent()).toContain('Consent is not needed to share information when a child is at risk');
    expect(await question(form).evaluate((h) => h === document.activeElement)).toBe(true);
    await answer(form, /Does the person .* consent/, 'No');
    await next(form);
    await answer(form, 'Does the information enable a living person to be identified?', 'Yes');
    await next(form);
    await answer(form, 'Is there another lawful reason to share without consent?', 'No');
    await next(form);
    await expectText(question(form), 'The flowchart says: do not share');
    await expectText(form.locator('.flow-conclusion'), 'Because there is no consent and no lawful reason to share without it.');
    // Back to change the answer: the conclusion follows.
    await form.getByRole('button', { name: /Back/ }).click();
    await answer(form, 'Is there another lawful reason to share without consent?', 'Yes');
    await next(form);
    await expectText(question(form), 'The flowchart says: share');
    await expectNoAxeViolations(page, 'the sharing form, the flowchart’s conclusion');
    await next(form);

    // About the request: who asked.
    await expectText(question(form), 'About the request');
    await answer(form, 'Is this a request made to us, or our decision to share out?', 'A request made to us');
    await answer(form, 'Who asked?', 'Another organisation');
    await form.getByLabel('Name of the organisation').fill('Ravenswood GP surgery');
    await form.getByLabel('Purpose of sharing').fill('The GP sees Cara tomorrow and asked whether there are known risks');
    await next(form);
    await expectText(form.locator('.error-summary'), 'Give the requester’s role');
    await expectNoAxeViolations(page, 'the sharing form, a page with errors');
    await form.getByLabel('The requester’s role').fill('GP, practice safeguarding lead');
    await form.getByLabel('The requester’s name (optional)').fill('Dr Amir Shah');
    await next(form);

    // Consent not sought for "another reason": words are required, not only spaces.
    await answer(form, 'Was consent refused, or not sought?', 'Not sought');
    await answer(form, 'Why consent was not sought', 'Another reason (in words)');
    await form.getByLabel('The reason in words').fill('   ');
    await next(form);
    await expectText(form.locator('.error-summary'), 'Say in words why consent was not sought');
    await form.getByLabel('The reason in words').fill('The mother has left the country and cannot be reached');
    await next(form);

    // Lawful bases: public task first, consent last.
    await expectText(question(form), 'Lawful basis');
    const labels = await form.getByRole('group', { name: 'Lawful bases relied on' }).locator('label').allTextContents();
    expect(labels[0]).toBe('UK GDPR Art 6(1)(e): public task');
    expect(labels[labels.length - 1]).toContain('Art 6(1)(a): consent');
    await form.getByRole('checkbox', { name: 'UK GDPR Art 6(1)(e): public task' }).check();
    await next(form);

    await answer(form, 'Your decision', 'Share');
    await form.getByLabel('Reasons for the decision').fill('Cara may be at risk of significant harm; the GP needs the context to keep her safe.');
    await next(form);

    // What to share: the restricted entry is left out of the preview until ticked.
    await form.getByRole('checkbox', { name: /\[e2e open\]/ }).check();
    await form.getByRole('checkbox', { name: /\[e2e restricted\]/ }).check();
    const includeRestricted = form.getByRole('checkbox', { name: /Include although restricted/ });
    await form.getByRole('button', { name: 'Preview what the recipient will see' }).click();
    const pack = form.getByRole('region', { name: 'What the recipient will see' });
    await expectText(pack.getByRole('list', { name: 'Information shared' }), '[e2e open]');
    expect(await pack.getByRole('list', { name: 'Information shared' }).textContent()).not.toContain('[e2e restricted]');
    expect(await pack.getByRole('list', { name: 'Information shared' }).textContent()).toContain('Type: Opinion');
    await includeRestricted.check();
    await form.getByRole('button', { name: 'Preview again' }).click();
    await expectText(pack.getByRole('list', { name: 'Information shared' }), '[e2e restricted]');
    await screenshot(page, 'sharing-form-preview-1280');
    await next(form);

    // With whom: whoever asked is offered.
    await answer(form, 'Who receives it?', 'Whoever asked: Ravenswood GP surgery (Dr Amir Shah, GP, practice safeguarding lead)');
    await form.getByLabel('How it is shared').selectOption({ label: 'Secure email' });
    await next(form);
    await answer(form, 'Were the child and family told it was shared?', 'No');
    await form.getByLabel('Why not').fill('Telling the family now could put Cara at risk.');
    await next(form);

    // Check your answers, change one, come back to the summary.
    await expectText(question(form), 'Check your answers before recording the decision');
    const summary = form.locator('dl.summary-list');
    await expectText(summary, 'Asked by');
    expect(await summary.textContent()).toContain('Ravenswood GP surgery (Dr Amir Shah, GP, practice safeguarding lead)');
    expect(await summary.textContent()).toContain('Not sought: Another reason (in words). The mother has left the country');
    await expectNoAxeViolations(page, 'the sharing form, check your answers');
    await screenshot(page, 'sharing-check-answers-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sharing-check-answers-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await form.getByRole('button', { name: 'Change purpose' }).click();
    await form.getByLabel('Purpose of sharing').fill('The GP sees Cara tomorrow and asked whether there are known risks at home');
    await next(form);
    await expectText(summary, 'known risks at home');

    await form.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Your decision is recorded in the sharing log' }).waitFor();
    const entry = page.getByRole('list', { name: 'Sharing decisions' }).getByRole('article', { name: /Share with Ravenswood GP surgery/ });
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('Asked by');
    expect(text).toContain('UK GDPR Art 6(1)(e): public task');
    expect(text).toContain('April 2024');
    expect(text).not.toContain('No recipient recorded');

    const d = (await asLead.view(c.caseId)).summary.sharingDecisions[0]!;
    expect(d).toMatchObject({ direction: 'incoming', decision: 'share', advice: '2024-05' });
    expect(d.requester).toEqual({ organisation: 'Ravenswood GP surgery', role: 'GP, practice safeguarding lead', person: 'Dr Amir Shah' });
    expect(d.recipient).toEqual(d.requester);
    expect(d.consent).toEqual({ status: 'not-sought', reason: 'other', reasonText: 'The mother has left the country and cannot be reached' });
    expect([...d.selection.contributionIds].sort()).toEqual([restricted.entryId!, open.entryId!].sort());
  });

  it('"do not share: no clear purpose" asks only about the request, who asked and the reasons', async () => {
    const c = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Dan', lastName: 'Nopurpose', dateOfBirth: '2016-02-02' }] })));
    const page = await person('lead.hughes', `#/cases/${c.caseId}/sharing`);
    const form = await openForm(page);
    await answer(form, 'Is there a clear and legitimate purpose for sharing the information?', 'No');
    await next(form);
    await expectText(question(form), 'The flowchart says: do not share');
    await expectText(form.locator('.flow-conclusion'), 'you will be asked only about the request, who asked and your reasons');
    await next(form);
    await answer(form, 'Is this a request made to us, or our decision to share out?', 'A request made to us');
    await answer(form, 'Who asked?', 'A partner agency in the MASH');
    await form.getByLabel('Agency', { exact: true }).selectOption({ label: 'Housing' });
    await form.getByLabel('The requester’s role').fill('Housing officer');
    await form.getByLabel('Purpose of sharing').fill('Asked for everything held on the family, for a rent arrears case');
    await next(form);
    await expectText(question(form), 'Your decision: do not share, no clear purpose');
    expect(await form.getByRole('radio', { name: 'Share', exact: true }).count()).toBe(0);
    await form.getByLabel('Reasons for the decision').fill('Rent arrears are not a safeguarding purpose; told the housing officer so.');
    await next(form);
    await expectText(question(form), 'Check your answers');
    const rows = await form.locator('.summary-list__key').allTextContents();
    expect(rows).toEqual(['Clear and legitimate purpose', 'Request', 'Asked by', 'Purpose', 'Decision', 'Reasons']);
    await form.getByRole('button', { name: 'Record decision' }).click();
    const entry = page.getByRole('list', { name: 'Sharing decisions' }).getByRole('article', { name: /Do not share with Housing .*: no clear purpose/ });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Not asked: there was no clear purpose');
    const d = (await asLead.view(c.caseId)).summary.sharingDecisions[0]!;
    expect(d).toMatchObject({ hasClearPurpose: false, decision: 'do-not-share', requester: { agency: 'housing', role: 'Housing officer' }, lawfulBases: [] });
    expect(d.consent).toBeUndefined();
  });

  it('the flowchart\'s "do not share" offers neither sharing nor lawful bases; consent refused is recorded', async () => {
    const c = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Eve', lastName: 'Refused', dateOfBirth: '2012-05-05' }] })));
    const page = await person('lead.hughes', `#/cases/${c.caseId}/sharing`);
    const form = await openForm(page);
    await answer(form, 'Is there a clear and legitimate purpose for sharing the information?', 'Yes');
    await next(form);
    await answer(form, /Does the person .* consent/, 'No');
    await next(form);
    await answer(form, 'Does the information enable a living person to be identified?', 'Yes');
    await next(form);
    await answer(form, 'Is there another lawful reason to share without consent?', 'No');
    await next(form);
    await next(form);
    await answer(form, 'Is this a request made to us, or our decision to share out?', 'Our decision to share out');
    await form.getByLabel('Purpose of sharing').fill('To tell the youth club of the concerns');
    await next(form);
    await answer(form, 'Was consent refused, or not sought?', 'Refused');
    await form.getByLabel('Refused by').fill('Eve’s father');
    await fillDateTimeInput(form, 'When consent was refused', '2026-11-20T10:00');
    await next(form);
    // No lawful-basis page: straight to the decision, which is "do not share".
    await expectText(question(form), 'Your decision: do not share');
    expect(await form.getByRole('radio', { name: 'Share', exact: true }).count()).toBe(0);
    await form.getByLabel('Reasons for the decision').fill('No lawful reason to share without consent; the youth club has no safeguarding role here.');
    await next(form);
    await answer(form, 'Were the child and family told of this decision?', 'Yes');
    await next(form);
    const rows = await form.locator('.summary-list__key').allTextContents();
    expect(rows).not.toContain('Lawful bases');
    expect(rows).not.toContain('With whom');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await page
      .getByRole('list', { name: 'Sharing decisions' })
      .getByRole('article', { name: /Do not share/ })
      .waitFor();
    const d = (await asLead.view(c.caseId)).summary.sharingDecisions[0]!;
    expect(d).toMatchObject({ decision: 'do-not-share', lawfulBases: [], consent: { status: 'refused', byWhom: 'Eve’s father' } });
  });
});
