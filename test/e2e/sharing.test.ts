/**
 * The guided sharing form in a real browser: the flowchart a question at a time to its
 * conclusion, sharing against it explained inline, the preview (a restricted entry left out until
 * "include although restricted" is ticked), the record submitted and shown in the sharing log,
 * then checked over REST.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { factPayload, openCasePayload, opinionPayload } from '../support/fixtures.ts';
import { expectText, screenshot, useBrowserWorld } from '../support/browser.ts';

const { world, person } = useBrowserWorld();

let asLead: Rest;
let asPolice: Rest;
let asHealth: Rest;

beforeAll(async () => {
  const base = world.current.baseUrl;
  [asLead, asPolice, asHealth] = await Promise.all([signIn(base, 'lead.hughes'), signIn(base, 'pc.evans'), signIn(base, 'hv.patel')]).then((s) => s.map((x) => rest(base, x)));
}, 120_000);

describe('the guided sharing form', () => {
  it('walks the flowchart to a recorded decision, with a preview that leaves out a restricted entry unless ticked', async () => {
    const c = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Cara', lastName: 'Share', dateOfBirth: '2014-09-09' }] })));
    const restrictedText = 'Intelligence: an adult in the household has a caution for assault. [e2e restricted]';
    const openText = 'In my view Cara’s weight has fallen since the spring. [e2e open]';
    const restricted = expectResult(await asPolice.command('contribution.add', factPayload(c.caseId, { text: restrictedText, restrictedTo: ['childrens-social-care'] })));
    const open = expectResult(await asHealth.command('contribution.add', opinionPayload(c.caseId, { text: openText })));

    const page = await person('lead.hughes', `#/cases/${c.caseId}/sharing`);
    await page.getByRole('heading', { level: 1, name: /Sharing decisions/ }).waitFor();
    await page.getByRole('button', { name: 'Record a sharing decision' }).click();
    const form = page.getByRole('form', { name: 'Record a sharing decision' });

    // One question at a time, each with why it matters.
    const purpose = form.getByRole('group', { name: 'Is there a clear and legitimate purpose for sharing the information?' });
    await purpose.waitFor();
    expect(await purpose.textContent()).toContain('Why it matters: Share only for a clear, legitimate purpose');
    expect(await form.getByRole('group', { name: /Does the person .* consent/ }).count()).toBe(0);
    await purpose.getByRole('radio', { name: 'Yes' }).check();
    await form.getByRole('group', { name: /Does the person .* consent/ }).getByRole('radio', { name: 'No' }).check();
    await form.getByRole('group', { name: 'Does the information enable a living person to be identified?' }).getByRole('radio', { name: 'Yes' }).check();
    const lawful = form.getByRole('group', { name: 'Is there another lawful reason to share without consent?' });
    await lawful.getByRole('radio', { name: 'No' }).check();
    await expectText(form.getByRole('status').filter({ hasText: 'The flowchart says' }), 'The flowchart says: do not share, because there is no consent and no lawful reason to share without it.');

    // Choosing to share against it is explained inline, as it is chosen.
    await form.getByRole('radio', { name: 'Share', exact: true }).check();
    await expectText(form.getByRole('group', { name: 'Your decision', exact: true }), 'The flowchart says do not share, because there is no consent');
    await lawful.getByRole('radio', { name: 'Yes' }).check();
    await expectText(form.getByRole('status').filter({ hasText: 'The flowchart says' }), 'The flowchart says: share, because there is a lawful reason to share without consent.');
    // Without a lawful basis ticked, the shared rule says so beside the bases.
    await expectText(form.getByRole('group', { name: 'Lawful bases relied on' }), 'Sharing without consent needs a lawful basis');

    await form.getByRole('radio', { name: 'Our decision to share out' }).check();
    await form.getByLabel('Purpose of sharing').fill('To decide with Education whether Cara needs a child in need assessment');
    await form.getByRole('radio', { name: 'Not sought' }).check();
    await form.getByRole('group', { name: 'Why consent was not sought' }).getByRole('radio', { name: 'Seeking it would put a child or adult at risk' }).check();
    await form.getByRole('checkbox', { name: 'UK GDPR Art 6(1)(e): public task' }).check();
    expect(await form.getByRole('group', { name: 'Lawful bases relied on' }).textContent()).not.toContain('needs a lawful basis');
    await form.getByLabel('Reasons for the decision').fill('Cara may be at risk of significant harm; school needs the context to keep her safe.');

    // What to share: both entries; the restricted one is left out of the preview until ticked.
    await form.getByRole('checkbox', { name: /\[e2e open\]/ }).check();
    await form.getByRole('checkbox', { name: /\[e2e restricted\]/ }).check();
    const includeRestricted = form.getByRole('checkbox', { name: /Include although restricted/ });
    await includeRestricted.waitFor();
    expect(await includeRestricted.isChecked()).toBe(false);

    await form.getByRole('radio', { name: 'A partner agency in the MASH' }).check();
    await form.getByLabel('Agency', { exact: true }).selectOption({ label: 'Education' });
    await form.getByLabel('Recipient’s role').fill('Designated safeguarding lead');
    await form.getByLabel('How it is shared').selectOption({ label: 'Secure email' });
    await form.getByRole('group', { name: 'Were the child and family told it was shared?' }).getByRole('radio', { name: 'No' }).check();
    await form.getByLabel('Why not').fill('Telling the family now could put Cara at risk.');

    await form.getByRole('button', { name: 'Preview what the recipient will see' }).click();
    const pack = form.getByRole('region', { name: 'What the recipient will see' });
    await expectText(pack.getByRole('list', { name: 'Information shared' }), '[e2e open]');
    expect(await pack.getByRole('list', { name: 'Information shared' }).textContent()).not.toContain('[e2e restricted]');
    // Labelled as an opinion, never as a fact.
    expect(await pack.getByRole('list', { name: 'Information shared' }).textContent()).toContain('Type: Opinion');
    await expectText(pack.getByRole('list', { name: 'Left out of the pack' }), 'left out because “include although restricted” is not ticked');
    await screenshot(page, 'sharing-form-preview-1280');

    await includeRestricted.check();
    await form.getByRole('status').filter({ hasText: 'this preview is out of date' }).waitFor();
    await form.getByRole('button', { name: 'Preview again' }).click();
    await expectText(pack.getByRole('list', { name: 'Information shared' }), '[e2e restricted]');
    expect(await pack.getByRole('list', { name: 'Left out of the pack' }).count()).toBe(0);

    await form.getByRole('button', { name: 'Record decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Your decision is recorded in the sharing log' }).waitFor();
    const log = page.getByRole('list', { name: 'Sharing decisions' });
    const entry = log.getByRole('article', { name: /Share with Education/ });
    await entry.waitFor();
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('Decided by Rhian Hughes, Children\'s social care');
    expect(text).toContain('UK GDPR Art 6(1)(e): public task');
    expect(text).toContain('Not sought: Seeking it would put a child or adult at risk');
    expect(text).toContain('1 restricted, included deliberately');
    await page.getByRole('button', { name: /Download PDF/ }).waitFor();
    await screenshot(page, 'sharing-log-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'sharing-log-390');

    const view = await asLead.view(c.caseId);
    expect(view.summary.sharingDecisions).toHaveLength(1);
    const d = view.summary.sharingDecisions[0]!;
    expect(d.decision).toBe('share');
    expect(d.recipient).toEqual({ agency: 'education', role: 'Designated safeguarding lead' });
    expect([...d.selection.contributionIds].sort()).toEqual([restricted.entryId!, open.entryId!].sort());
    expect(d.selection.includeRestrictedIds).toEqual([restricted.entryId!]);
    expect(d.consent).toEqual({ status: 'not-sought', reason: 'risk-to-child-or-adult' });
    expect(d.decidedBy.name).toBe('Rhian Hughes');

    // The board's side panel shows it too.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/#/cases/${c.caseId}`);
    await expectText(page.getByRole('region', { name: /Sharing decisions/ }), 'Share with Education');
  });
});
