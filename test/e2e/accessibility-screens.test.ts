/**
 * Accessibility of every other screen, in a real browser and a realistic state: axe-core (WCAG
 * 2.0/2.1 A and AA, and 2.2 AA) on a desktop and a phone viewport, no sideways scrolling (reflow),
 * and a screenshot of each for a person to look at (test-results/screenshots/screens-…).
 * Data is set up over REST; what is checked is reached through the UI.
 *
 * - duty lead: dashboard (filtered), alerts (with an overdue alert and its banner), timeliness
 *   report, the case history (filtered), a case board with the rating and timeliness forms open, sharing (guided form walked to
 *   its conclusion, preview shown), chronology, meetings (schedule form with errors), the meeting
 *   room as chair (decision and action forms) and as an attendee (a case on the agenda restricted
 *   from their agency, withheld), with signed minutes;
 * - practitioner: the new-case form with previous-involvement results; search records (errors, then
 *   results with a case restricted to another agency);
 * - MASH manager: a closed case under retention review, with the erase form open (and its errors);
 * - admin: users (a change panel open), agencies, timeliness policy (with an error), the retention
 *   schedule (with an error), failed jobs;
 * - auditor: the audit log of a case found by its reference, and a person's access report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Alert, MeetingResult } from '@mashboard/shared';
import { expectResult, rest, setTimelinessPolicy, signIn, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, opinionPayload } from '../support/fixtures.ts';
import { DESKTOP, PHONE, connection, eventually, expectText, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';
import { fillDateInput, fillDateTimeInput } from '../support/date-input.ts';

const { world, newContext } = useBrowserWorld({ dumpPages: 'all' });
let lead: Session;
let admin: Session;
let asLead: Rest;
let asPolice: Rest;
/** A case with contributions, a rating, a request and an action: the board, sharing and chronology. */
let board: { id: string; reference: string };
/** A Red case whose triage deadline has passed: an overdue alert and the banner. */
let overdue: { id: string; reference: string };

beforeAll(async () => {
  const base = world.current.baseUrl;
  const [l, a, p, h] = await Promise.all([signIn(base, 'lead.hughes'), signIn(base, 'admin.demo'), signIn(base, 'pc.evans'), signIn(base, 'hv.patel')]);
  lead = l;
  admin = a;
  asLead = rest(base, lead);
  asPolice = rest(base, p);
  const asHealth = rest(base, h);

  // Red triage decisions due within 3 seconds, so a Red case is soon overdue.
  await setTimelinessPolicy(admin, (policy) => {
    policy.ratings.red = { decisionWithinHours: 3 / 3600, basis: 'clock', warnAtFraction: 0.5 };
  });

  const opened = expectResult(
    await asLead.command('case.open', {
      ...openCasePayload({
        children: [{ firstName: 'Zara', lastName: 'Lindqvist', dateOfBirth: '2013-06-21' }],
        reasonForConcern: 'Zara told a teacher there is shouting at home most nights and she is scared to go home.',
      }),
      receivedAt: new Date().toISOString(),
    }),
  );
  board = { id: opened.caseId, reference: opened.reference };
  expectResult(
    await asPolice.command('contribution.add', factPayload(board.id, { text: 'Police attended the home after a neighbour reported shouting late at night; Zara was present. [a11y fact]' })),
  );
  expectResult(await asHealth.command('contribution.add', opinionPayload(board.id, { text: 'In my view Zara seemed tired and withdrawn at the last clinic visit. [a11y opinion]' })));
  expectResult(
    await asLead.command('rating.set', {
      commandId: newCommandId(),
      caseId: board.id,
      expectedVersion: (await asLead.view(board.id)).summary.version,
      rating: 'amber',
      reason: 'Repeat police call-outs; no immediate risk identified.',
    }),
  );
  expectResult(await asLead.command('information.request', { commandId: newCommandId(), caseId: board.id, agency: 'education', question: 'What is Zara’s attendance this term?' }));
  expectResult(
    await asLead.command('action.add', {
      commandId: newCommandId(),
      caseId: board.id,
      title: 'Check the police call-out log',
      ownerUserId: p.user.userId,
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    }),
  );

  const red = expectResult(
    await asLead.command('case.open', {
      ...openCasePayload({
        children: [{ firstName: 'Oskar', lastName: 'Brennan', dateOfBirth: '2016-01-12' }],
        reasonForConcern: 'Oskar disclosed to his teacher that an adult at home hit him.',
      }),
      receivedAt: new Date().toISOString(),
    }),
  );
  overdue = { id: red.caseId, reference: red.reference };
  expectResult(
    await asLead.command('rating.set', {
      commandId: newCommandId(),
      caseId: overdue.id,
      expectedVersion: (await asLead.view(overdue.id)).summary.version,
      rating: 'red',
      reason: 'A disclosure of harm at school today.',
    }),
  );

  // An earlier case for the previous-involvement search on the new-case form.
  expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Mohammed', lastName: 'Khan', dateOfBirth: '2015-03-04' }] })));
  // For the search page: a Khan on a case restricted to children's social care (the police reader is told whom to ask).
  expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Aisha', lastName: 'Khan', dateOfBirth: '2016-08-02' }], restrictedTo: ['childrens-social-care'] })));

  await eventually(
    'the overdue alert on the Red case',
    async () => (await asLead.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.some((x) => x.caseId === overdue.id && x.kind === 'breach'),
    20_000,
    250,
  );
}, 120_000);

const { overflow, check } = screenChecks('screens-');

/** Navigates within the app (a hash change, no reload) and waits for the page's main heading. */
async function go(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('h1[data-loading]').waitFor({ state: 'detached' });
}

/** A datetime-local value a day ahead, UK time. */
function tomorrowLocal(): string {
  const d = new Date(Date.now() + 26 * 3_600_000);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    d,
  );
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`every screen, axe (WCAG 2.2 AA) at ${viewport.width}×${viewport.height}`, () => {
    const pages: Record<'lead' | 'police' | 'admin' | 'auditor' | 'manager', Page> = {} as never;
    let meetingId: string;
    /** A closed case (one per viewport: it is erased): its board shows the retention panel to a MASH manager. */
    let closed: { id: string; reference: string };

    /** A signed-in page for a person: the session cookie from a REST sign-in, then the app. */
    async function pageFor(username: string): Promise<Page> {
      const context = await newContext({ viewport, bypassCSP: true, isMobile: label === 'phone', hasTouch: label === 'phone' });
      const session = await signIn(world.current.baseUrl, username);
      const [name, value] = session.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: world.current.baseUrl }]);
      const page = await context.newPage();
      await page.goto('/#/');
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return page;
    }

    beforeAll(async () => {
      const [leadPage, policePage, adminPage, auditorPage, managerPage] = await Promise.all([
        pageFor('lead.hughes'),
        pageFor('pc.evans'),
        pageFor('admin.demo'),
        pageFor('audit.demo'),
        pageFor('mgr.clarke'),
      ]);
      Object.assign(pages, { lead: leadPage, police: policePage, admin: adminPage, auditor: auditorPage, manager: managerPage });
      const toClose = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Tamsin', lastName: 'Okoro', dateOfBirth: '2011-02-17' }] })));
      closed = { id: toClose.caseId, reference: toClose.reference };
      expectResult(
        await asLead.command('case.change-status', {
          commandId: newCommandId(),
          caseId: closed.id,
          expectedVersion: (await asLead.view(closed.id)).summary.version,
          status: 'closed',
          reason: 'No further role for the MASH.',
        }),
      );
      // A triage meeting on three cases, chaired by the duty lead; the last is restricted to
      // children's social care, so the police attendee is given its place only.
      const second = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Ines', lastName: 'Moreau', dateOfBirth: '2012-11-30' }] })));
      const restricted = expectResult(
        await asLead.command('case.open', openCasePayload({ children: [{ firstName: 'Wren', lastName: 'Ashby', dateOfBirth: '2014-07-09' }], restrictedTo: ['childrens-social-care'] })),
      );
      const scheduled = await asLead.post<MeetingResult>('/api/meetings', {
        commandId: newCommandId(),
        kind: 'triage',
        title: `Morning triage (${label})`,
        scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
        agenda: [board.id, second.caseId, restricted.caseId],
      });
      expect(scheduled.status).toBe(201);
      meetingId = scheduled.body.meetingId;
    }, 60_000);

    describe('duty lead', () => {
      it('the dashboard, filtered, with the overdue alert banner', async () => {
        const page = pages.lead;
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
        await expectText(connection(page), /^Live$/);
        await page.getByLabel('Rating', { exact: true }).selectOption({ label: 'Red' });
        await page.getByRole('link', { name: overdue.reference, exact: true }).waitFor();
        await expectText(page.locator('.filters__count'), /^Showing \d+ of \d+ open cases\.$/);
        const banner = page.locator('.alert-banner');
        await expectText(banner, overdue.reference);
        await page.getByRole('button', { name: `Acknowledge overdue alert on ${overdue.reference}` }).waitFor();
        await check(page, `${label}-dashboard`, `the dashboard, filtered, with the alert banner (${label})`);
      });

      it('the alerts page', async () => {
        const page = pages.lead;
        await go(page, '#/alerts', 'Alerts');
        await page
          .getByRole('heading', { level: 2, name: /Red triage decision/ })
          .first()
          .waitFor();
        await check(page, `${label}-alerts`, `the alerts page (${label})`);
      });

      it('the timeliness report', async () => {
        const page = pages.lead;
        await go(page, '#/reports/timeliness', 'Timeliness report');
        await page.getByRole('table', { name: /Triage decisions started/ }).waitFor();
        await check(page, `${label}-report`, `the timeliness report (${label})`);
      });

      it('the case history, every status, with a filter', async () => {
        const page = pages.lead;
        await go(page, '#/cases/history', 'Case history');
        await page.getByLabel('Status').selectOption({ label: 'Any status' });
        await page.getByLabel('Rating').selectOption({ label: 'Red' });
        await page.getByRole('button', { name: 'Show cases' }).press('Enter');
        await page.getByRole('link', { name: overdue.reference, exact: true }).waitFor();
        await page.getByRole('table', { name: /newest received first/ }).waitFor();
        await check(page, `${label}-case-history`, `the case history (${label})`);
      });

      it('a case board with the rating form and the timeliness forms open', async () => {
        const page = pages.lead;
        await go(page, `#/cases/${board.id}`, `Case ${board.reference}`);
        await page.getByRole('list', { name: 'Contributions' }).waitFor();
        await page.getByRole('button', { name: 'Change rating' }).click();
        const ratingForm = page.getByRole('form', { name: 'Change the rating' });
        await ratingForm.getByText(/^Decision within 24 hours of receipt$/).waitFor();
        // Targets in words a person reads at a glance, never a long fraction of an hour.
        expect(await ratingForm.textContent()).not.toMatch(/\d\.\d{4,}/);
        await page.getByRole('button', { name: 'Request information' }).click();
        await page.getByRole('button', { name: 'Decide to hold one' }).click();
        await page.getByRole('button', { name: 'Add action', exact: true }).click();
        const actionForm = page.getByRole('form', { name: 'Add an action' });
        await actionForm.getByRole('button', { name: 'Add action' }).click();
        await actionForm.locator('.error-summary').waitFor();
        await page
          .getByRole('button', { name: /^Answer\s*:/ })
          .first()
          .click();
        await page.getByRole('form', { name: /^Answer:/ }).waitFor();
        await check(page, `${label}-board-forms`, `a case board with the rating and timeliness forms open (${label})`);
      });

      it('the chronology', async () => {
        const page = pages.lead;
        await go(page, `#/cases/${board.id}/chronology`, /Chronology/);
        await page.getByRole('table').first().waitFor();
        await check(page, `${label}-chronology`, `the chronology (${label})`);
      });

      it('the sharing page: the guided form walked a question at a time, with the preview and the answers to check', async () => {
        const page = pages.lead;
        await go(page, `#/cases/${board.id}/sharing`, /Sharing decisions/);
        await page.getByRole('button', { name: 'Record a sharing decision' }).click();
        const form = page.getByRole('form', { name: 'Record a sharing decision' });
        const answer = (question: string | RegExp, option: string) => form.getByRole('group', { name: question }).getByRole('radio', { name: option, exact: true }).check();
        const next = () => form.getByRole('button', { name: 'Continue' }).click();
        await answer('Is there a clear and legitimate purpose for sharing the information?', 'Yes');
        await next();
        await answer(/Does the person .* consent/, 'No');
        await next();
        await answer('Does the information enable a living person to be identified?', 'Yes');
        await next();
        await answer('Is there another lawful reason to share without consent?', 'Yes');
        await next();
        await expectText(form.locator('h2'), 'The flowchart says: share');
        await next();
        await answer('Is this a request made to us, or our decision to share out?', 'Our decision to share out');
        await form.getByLabel('Purpose of sharing').fill('To decide with Education whether Zara needs a child in need assessment');
        await next();
        await answer('Was consent refused, or not sought?', 'Not sought');
        await answer('Why consent was not sought', 'Seeking it would put a child or adult at risk');
        await next();
        await form.getByRole('checkbox', { name: 'UK GDPR Art 6(1)(e): public task' }).check();
        await next();
        await answer('Your decision', 'Share');
        await form.getByLabel('Reasons for the decision').fill('Zara may be at risk of significant harm; school needs the context to keep her safe.');
        await next();
        await form.getByRole('checkbox', { name: /Zara seemed tired/ }).check();
        await form.getByRole('checkbox', { name: /Police attended the home/ }).check();
        await form.getByRole('button', { name: 'Preview what the recipient will see' }).click();
        const pack = form.getByRole('region', { name: 'What the recipient will see' });
        await expectText(pack.getByRole('list', { name: 'Information shared' }), '[a11y opinion]');
        await check(page, `${label}-sharing-preview`, `the sharing form with its preview (${label})`);
        await next();
        await answer('Who receives it?', 'A partner agency in the MASH');
        await form.getByLabel('Agency', { exact: true }).selectOption({ label: 'Education' });
        await form.getByLabel('The recipient’s role').fill('Designated safeguarding lead');
        await form.getByLabel('How it is shared').selectOption({ label: 'Secure email' });
        await next();
        await answer('Were the child and family told it was shared?', 'No');
        await form.getByLabel('Why not').fill('Telling the family now could put Zara at risk.');
        await next();
        await expectText(form.locator('h2'), 'Check your answers');
        await check(page, `${label}-sharing-check-answers`, `the sharing form's answers to check (${label})`);
      });

      it('the meetings page with the schedule form and its errors', async () => {
        const page = pages.lead;
        await go(page, '#/meetings', 'Meetings');
        await page.getByRole('link', { name: `Morning triage (${label})` }).waitFor();
        await page.getByRole('button', { name: 'Schedule a meeting' }).click();
        const form = page.getByRole('form', { name: 'Schedule a meeting' });
        await form.getByRole('checkbox').first().waitFor();
        await form.getByRole('button', { name: 'Schedule meeting' }).click();
        await expectText(form.locator('.error-summary'), 'Choose the kind of meeting');
        await check(page, `${label}-meetings-schedule-errors`, `the meetings page with the schedule form's errors (${label})`);
        await form.getByRole('button', { name: 'Cancel' }).click();
      });

      it('the meeting room as the chair, started, with the decision and the action forms', async () => {
        const page = pages.lead;
        await go(page, `#/meetings/${meetingId}`, /Morning triage/);
        await page.getByRole('button', { name: 'Start the meeting' }).click();
        await page.getByRole('button', { name: 'Record a decision' }).click();
        const decision = page.getByRole('form', { name: `Record a decision on ${board.reference}` });
        await decision.getByRole('button', { name: 'Add a dissenting view' }).click();
        await decision.getByRole('button', { name: 'Record decision' }).click();
        await decision.locator('.error-summary').waitFor();
        await check(page, `${label}-meeting-chair-decision`, `the meeting room, the chair recording a decision (${label})`);
        // Record it, so the minutes have something in them.
        await decision.getByLabel('Outcome').selectOption({ label: 'Early help' });
        await decision.getByLabel('Rationale').fill('Neglect concerns below the s47 threshold; family open to support.');
        await decision.getByLabel('Threshold or level of need').selectOption({ label: 'Level 2: early help (additional needs)' });
        await decision.getByLabel('Person 1').fill('Rhian Hughes, Children’s social care');
        await decision.getByLabel('Name', { exact: true }).fill('DC Sam Evans');
        await decision.getByLabel('Agency', { exact: true }).selectOption({ label: 'Police' });
        await decision.getByLabel('Their view').fill('A strategy discussion is needed given the repeat call-outs.');
        await decision.getByRole('button', { name: 'Record decision' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Decision recorded on ${board.reference}.` })
          .waitFor();

        await page.getByRole('button', { name: 'Add an action' }).click();
        const action = page.getByRole('form', { name: `Add an action on ${board.reference}` });
        await action.getByLabel('What must be done').fill('Share the call-out log with the early help team');
        await action.getByLabel('Owner').selectOption({ label: 'DC Sam Evans – Police, Practitioner' });
        await fillDateTimeInput(action, 'Due by', tomorrowLocal());
        await check(page, `${label}-meeting-chair-action`, `the meeting room, the chair adding an action (${label})`);
        await action.getByRole('button', { name: 'Add action' }).click();
        await page.getByRole('status').filter({ hasText: 'Action added for DC Sam Evans.' }).waitFor();
      });

      it('the meeting room as an attendee following the chair, then the signed minutes', async () => {
        const police = pages.police;
        await go(police, `#/meetings/${meetingId}`, /Morning triage/);
        await expectText(police.locator('#follow-indicator'), 'Following the chair (item 1 of 3)');
        await expectText(police.getByRole('list', { name: 'Decisions in this meeting' }), 'Early help');
        await expectText(police.getByRole('navigation', { name: 'Agenda' }), '3. A case restricted to other agencies');
        await check(police, `${label}-meeting-attendee`, `the meeting room as an attendee (${label})`);

        const chair = pages.lead;
        chair.once('dialog', (d) => void d.accept());
        await chair.getByRole('button', { name: 'End the meeting' }).click();
        await expectText(police.locator('#follow-indicator'), 'The meeting has ended');
        await chair.getByRole('button', { name: 'Sign off minutes' }).click();
        await police.locator('.minutes-signed').getByRole('heading', { name: 'Signed minutes, version 1' }).waitFor();
        await expectText(police.locator('.minutes-signed'), 'A case restricted to other agencies');
        await check(police, `${label}-meeting-minutes`, `the meeting room with signed minutes (${label})`);
      });
    });

    describe('practitioner', () => {
      it('the new-case form with previous-involvement results', async () => {
        const page = pages.police;
        await go(page, '#/cases/new', 'New case');
        await page.getByLabel('First name').fill('Muhammad');
        await page.getByLabel('Last name').fill('Khan');
        await page.getByRole('radio', { name: 'Born', exact: true }).check();
        await fillDateInput(page, 'Date of birth', '2015-03-04');
        const found = page.getByRole('region', { name: /Possible previous involvement for/ });
        await expectText(found, 'Mohammed Khan', 15_000);
        await check(page, `${label}-new-case-involvement`, `the new-case form with previous involvement (${label})`);
      });
    });

    describe('practitioner: search records', () => {
      it('the search page: its error summary, then results with a restricted case naming whom to ask', async () => {
        const page = pages.police;
        await go(page, '#/search', 'Search records');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await expectText(page.locator('.error-summary'), /at least one of/i);
        await page.getByLabel('First name').fill('Mohammed');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await expectText(page.locator('.error-summary'), /first name alone finds too many children/i);
        await page.getByLabel('First name').fill('');
        await page.getByLabel('Last name').fill('Khan');
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        const results = page.getByRole('region', { name: 'Results' });
        await expectText(results, 'Mohammed Khan', 15_000);
        await expectText(results, "A case restricted to other agencies: ask Children's social care");
        await expectText(page.getByRole('status').filter({ hasText: 'found' }), 'records found');
        expect(await page.evaluate(() => window.location.hash)).toBe('#/search');
        await check(page, `${label}-search`, `the search page with results (${label})`);
      });
    });

    describe('MASH manager', () => {
      it('a closed case under retention review with the erase form open and its errors (retention)', async () => {
        const page = pages.manager;
        await go(page, `#/cases/${closed.id}`, `Case ${closed.reference}`);
        const panel = page.getByRole('region', { name: 'Retention' });
        await panel.getByRole('button', { name: 'Legal hold' }).waitFor();
        await panel.getByRole('button', { name: 'Erase' }).click();
        const form = page.getByRole('form', { name: 'Erase the case' });
        await form.getByLabel('Type the case reference to confirm').fill('MASH-1999-00001');
        await form.getByRole('button', { name: 'Erase the case' }).click();
        const summary = form.locator('.error-summary');
        await summary.waitFor();
        const links = await summary.getByRole('link').allTextContents();
        expect(links).toHaveLength(2);
        expect(links[1]).toContain(`${closed.reference} exactly to confirm`);
        await check(page, `${label}-retention-erase`, `a closed case with the erase form and its errors (${label})`);
        // Nothing was sent: the case is still there.
        expect((await asLead.view(closed.id)).summary.status).toBe('closed');
        // Erased through the form: the board drops the case and says it was erased.
        await form.getByLabel('Why is the case erased?').fill('Retention period over; nothing outstanding.');
        await form.getByLabel('Type the case reference to confirm').fill(closed.reference);
        await form.getByRole('button', { name: 'Erase the case' }).click();
        await page.getByRole('heading', { level: 1, name: 'Case erased' }).waitFor();
        await expectText(page.locator('main'), `Case ${closed.reference} was erased`);
        expect((await asLead.get(`/api/cases/${closed.id}`)).status).toBe(410);
      });
    });

    describe('admin', () => {
      it('the retention schedule with a validation error (retention)', async () => {
        const page = pages.admin;
        await go(page, '#/admin/policy', 'Timeliness policy');
        const field = page.getByLabel('No further action (days)');
        await field.fill('-3');
        await page.getByRole('button', { name: 'Save retention schedule' }).click();
        const summary = page.locator('.retention-form .error-summary');
        await summary.waitFor();
        expect(await summary.getByRole('link').allTextContents()).toEqual(['No further action must be 1 or more (a positive whole number)']);
        await check(page, `${label}-retention-schedule-error`, `the retention schedule with an error (${label})`);
      });

      it('the users page with a change panel open', async () => {
        const page = pages.admin;
        await go(page, '#/admin/users', 'Users');
        await page.getByRole('button', { name: 'Change role for DC Sam Evans' }).click();
        await page.getByRole('form', { name: /DC Sam Evans/ }).waitFor();
        await check(page, `${label}-users-change`, `the users page with a change panel open (${label})`);
      });

      it('the agencies page', async () => {
        const page = pages.admin;
        await go(page, '#/admin/agencies', /Agencies/);
        await page.getByRole('table').waitFor();
        await check(page, `${label}-agencies`, `the agencies page (${label})`);
      });

      it('the timeliness policy with a validation error', async () => {
        const page = pages.admin;
        await go(page, '#/admin/policy', 'Timeliness policy');
        await page.getByText(/^Version \d+\. How quickly/).waitFor();
        const days = page.getByLabel('Strategy discussion held within (working days)');
        await days.fill('soon');
        await eventually('the typed value kept', async () => (await days.inputValue()) === 'soon');
        await page.getByRole('button', { name: 'Save policy' }).click();
        const summary = page.locator('.error-summary');
        await summary.waitFor();
        // The summary names the field as its label does, and links to it.
        expect(await summary.getByRole('link').allTextContents()).toEqual(['Strategy discussion held within (working days) must be a number of working days']);
        await check(page, `${label}-policy-error`, `the timeliness policy with an error (${label})`);
        await page.getByRole('button', { name: 'Undo my changes' }).click();
      });

      it('the failed jobs page', async () => {
        const page = pages.admin;
        await go(page, '#/admin/jobs', 'Failed jobs');
        await page.getByText('No failed jobs').waitFor();
        // Jobs fail only when the worker or Redis does; the list is answered here as the server would.
        await page.route('**/api/admin/jobs/failed', (route) =>
          route.fulfill({
            json: {
              jobs: [
                {
                  id: 'breach:c1:triage:3',
                  name: 'breach',
                  data: { kind: 'breach', caseId: board.id, deadlineId: 'triage', generation: 3 },
                  failedReason: 'Connection is closed.',
                  attemptsMade: 5,
                  finishedOn: Date.now() - 60_000,
                },
                {
                  id: 'escalate:c1:triage:3',
                  name: 'escalate',
                  data: { kind: 'escalate', caseId: board.id, deadlineId: 'triage', alertId: 'a-7f3e9c' },
                  failedReason: "ReplyError: READONLY You can't write against a read only replica.",
                  attemptsMade: 5,
                  finishedOn: Date.now() - 30_000,
                },
              ],
            },
          }),
        );
        try {
          await page.getByRole('button', { name: 'Refresh' }).click();
          await page.getByRole('table', { name: /2 failed jobs/ }).waitFor();
          await check(page, `${label}-failed-jobs`, `the failed jobs page (${label})`);
        } finally {
          await page.unroute('**/api/admin/jobs/failed');
        }
      });
    });

    describe('auditor', () => {
      it('the audit log of a case', async () => {
        const page = pages.auditor;
        await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
        await page.getByLabel('Case reference').fill(board.reference);
        await page.getByRole('button', { name: 'Show records' }).click();
        await page.getByRole('table').waitFor();
        await check(page, `${label}-audit`, `the audit log of a case (${label})`);
        // A person, with their access report.
        await page.getByRole('radio', { name: 'A person' }).check();
        await page.getByLabel('Person', { exact: true }).selectOption({ label: "Rhian Hughes, Children's social care, Duty lead" });
        await page.getByRole('button', { name: 'Show records' }).click();
        await page.getByRole('button', { name: 'Show the access report' }).click();
        await page.getByRole('region', { name: /^Rhian Hughes, / }).waitFor();
        await check(page, `${label}-audit-access-report`, `an access report (${label})`);
      });
    });
  });
}

describe('reflow (WCAG 1.4.10)', () => {
  it('no screen above scrolls sideways', () => {
    expect(overflow.map((o) => `${o.where}: page ${o.scrollWidth} px wide in a ${o.viewport} px viewport; widest: ${o.widest}`)).toEqual([]);
  });
});
