/**
 * The meeting-room screen in a real browser. The chair runs a triage meeting from the
 * presentation view on a 1920×1080 display: the case under discussion fits the screen whole (its
 * key parts are inside the viewport, nothing to scroll); the agenda starts Red first, each item
 * showing the children's initials, ages and rating, and the chair moves an item up; the chair
 * records a police officer attending by phone, and the invited agency with nothing recorded is
 * listed as absent. Two attendees follow in their own meeting rooms. The chair's overdue alert
 * reaches the chair's own laptop but not the shared screen; a restricted entry stays off it. After
 * the meeting ends decisions and actions are no longer offered (and the server refuses one), and
 * the signed minutes lay each decision out as its parts. axe (WCAG 2.2 AA) on the new screen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEFAULT_DECISION_SETTINGS, type Alert, type MeetingResult } from '@mashboard/shared';
import { expectResult, rest, setTimelinessPolicy, signIn, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, opinionPayload, voicePayload } from '../support/fixtures.ts';
import { eventually, expectText, PHONE, screenshot, useBrowserWorld } from '../support/browser.ts';
import { expectNoAxeViolations } from '../support/axe.ts';

const { world, openAs } = useBrowserWorld();
const SCREEN = { width: 1920, height: 1080 } as const;

let asLead: Rest;
let asPolice: Rest;
let asHealth: Rest;
let admin: Session;
let policeSession: Session;
/** Amber, with the child's voice, a fact, an opinion, information awaited from police and a restricted police entry. */
let amber: { id: string; reference: string };
/** Red, its triage deadline soon overdue: the chair's personal alert. */
let red: { id: string; reference: string };
let green: { id: string; reference: string };
let meetingId: string;

const RESTRICTED = 'Police intelligence: the father is subject to an ongoing investigation. [restricted, not for the shared screen]';

async function openRated(firstName: string, lastName: string, dateOfBirth: string, rating: 'red' | 'amber' | 'green', reason: string, reasonForConcern: string) {
  const opened = expectResult(await asLead.command('case.open', { ...openCasePayload({ children: [{ firstName, lastName, dateOfBirth }], reasonForConcern }), receivedAt: new Date().toISOString() }));
  expectResult(await asLead.command('rating.set', { commandId: newCommandId(), caseId: opened.caseId, expectedVersion: opened.version, rating, reason }));
  return { id: opened.caseId, reference: opened.reference };
}

beforeAll(async () => {
  const base = world.current.baseUrl;
  const [lead, police, health, a] = await Promise.all([signIn(base, 'lead.hughes'), signIn(base, 'pc.evans'), signIn(base, 'hv.patel'), signIn(base, 'admin.demo')]);
  [asLead, asPolice, asHealth, admin, policeSession] = [rest(base, lead), rest(base, police), rest(base, health), a, police];
  // Red triage decisions due within 3 seconds, so the Red case is soon overdue and the chair alerted.
  await setTimelinessPolicy(admin, (p) => {
    p.ratings.red = { decisionWithinHours: 3 / 3600, basis: 'clock', warnAtFraction: 0.5 };
  });

  green = await openRated('Maya', 'Okafor', '2015-09-02', 'green', 'Universal services are meeting needs.', 'School reports Maya is often late; no safeguarding concern identified.');
  amber = await openRated(
    'Kai',
    'Whitmore',
    '2019-04-11',
    'amber',
    'Repeat domestic abuse call-outs; no injury seen.',
    'Neighbour reported shouting and a child crying at the Whitmore home late at night.',
  );
  red = await openRated('Oskar', 'Brennan', '2016-01-12', 'red', 'A disclosure of harm at school today.', 'Oskar told his teacher that an adult at home hit him.');

  const kai = (await asLead.view(amber.id)).summary.children[0]!;
  expectResult(await asLead.command('voice.record', voicePayload(amber.id, kai.id, { words: 'Daddy pushed me into the door because I spilt my juice. [voice words]' })));
  expectResult(await asPolice.command('contribution.add', factPayload(amber.id, { text: 'Police attended the home three times in October after neighbours reported shouting. [presented fact]' })));
  expectResult(await asHealth.command('contribution.add', opinionPayload(amber.id, { text: 'In my view Kai is anxious and withdrawn at clinic visits. [presented opinion]' })));
  expectResult(await asPolice.command('contribution.add', factPayload(amber.id, { text: RESTRICTED, restrictedTo: ['childrens-social-care'] })));
  expectResult(await asLead.command('information.request', { commandId: newCommandId(), caseId: amber.id, agency: 'education', question: 'What is Kai’s attendance this term? [awaited]' }));

  // Chosen in the "wrong" order: the agenda puts Red first.
  const scheduled = await asLead.post<MeetingResult>('/api/meetings', {
    commandId: newCommandId(),
    kind: 'triage',
    title: 'Afternoon triage (room e2e)',
    scheduledFor: new Date(Date.now() + 600_000).toISOString(),
    agenda: [green.id, amber.id, red.id],
  });
  expect(scheduled.status).toBe(201);
  meetingId = scheduled.body.meetingId;

  await eventually(
    'the chair is alerted that the Red case is overdue',
    async () => (await asLead.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.some((x) => x.caseId === red.id && x.kind === 'breach'),
    20_000,
    250,
  );
}, 120_000);

/** Whether the element is wholly inside the window as it stands (nothing scrolled). */
async function wholeInView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  return Boolean(box && box.y >= 0 && box.x >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width);
}

describe('the meeting-room screen', () => {
  it('the chair runs the meeting from the presentation view: the case fits the screen, the agenda is reordered, a phone attendee recorded, followers follow; no personal alerts on the shared screen', async () => {
    const room = `#/meetings/${meetingId}`;
    // The chair signs in on the room's PC and opens the presentation view from the meeting room.
    const { page: screen } = await openAs('lead.hughes', { hash: room, viewport: SCREEN, bypassCSP: true });
    await screen.getByRole('link', { name: 'Present on the meeting-room screen' }).click();
    const { page: laptop } = await openAs('lead.hughes', { hash: room });
    const { page: police } = await openAs('pc.evans', { hash: room });
    const { page: health } = await openAs('hv.patel', { hash: room });

    // The chair's own laptop shows the overdue alert; the shared screen shows no alert at all.
    await expectText(laptop.locator('.alert-banner'), red.reference);
    await screen.getByRole('region', { name: 'Meeting', exact: true }).getByText('Afternoon triage (room e2e)').waitFor();
    await screen.getByRole('button', { name: 'Start the meeting' }).click();
    await expectText(police.locator('#follow-indicator'), 'Following the chair (item 1 of 3)');

    // The agenda: Red first, then Amber, then Green, each item with initials, age and rating.
    await screen.getByRole('button', { name: 'Agenda', exact: true }).click();
    const agenda = screen.getByRole('navigation', { name: 'Agenda' });
    const items = agenda.locator('.agenda-item__button');
    await expectText(items.nth(0), /^1\. O\.B\., \d+ .*Red/);
    await expectText(items.nth(1), /^2\. K\.W\., \d+ .*Amber/);
    await expectText(items.nth(2), /^3\. M\.O\., \d+ .*Green/);
    // The chair brings Kai's case to the top, from the keyboard.
    await agenda.getByRole('button', { name: /^Move up: item 2, K\.W\./ }).focus();
    await screen.keyboard.press('Enter');
    await expectText(items.nth(0), /^1\. K\.W\./);
    await expectText(police.getByRole('navigation', { name: 'Agenda' }).locator('.agenda-item__button').nth(0), /^1\. K\.W\., \d+ .*Amber/);
    // Focus stayed on the moved item (now first: "Move up" is disabled, so its "Move down").
    await eventually('focus on the moved item', async () => /^Move down: item 1, K\.W\./.test((await screen.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? ''));
    // The chair was on Oskar's case and still is (now item 2); they go to Kai's, and everyone follows.
    await expectText(screen.getByRole('region', { name: 'Meeting', exact: true }), 'Item 2 of 3');
    await items.nth(0).click();
    await screen.getByRole('button', { name: 'Agenda', exact: true }).click();
    await expectText(police.locator('#item-title'), `Item 1 of 3: ${amber.reference}`);
    await expectText(health.locator('#item-title'), `Item 1 of 3: ${amber.reference}`);

    // The case under discussion, whole on the 1920×1080 screen without scrolling.
    const presented = screen.getByRole('article');
    await expectText(presented.getByRole('heading', { level: 1 }), 'Kai Whitmore, age');
    const parts: [string, Locator][] = [
      ['children', presented.getByRole('heading', { level: 1 })],
      ['rating and reason', presented.locator('.presented__rating')],
      ['reason for concern', presented.getByText('Neighbour reported shouting')],
      ["the child's voice", presented.getByText('[voice words]')],
      ['the fact', presented.locator('.presented-card--fact').filter({ hasText: '[presented fact]' })],
      ['the opinion', presented.locator('.presented-card--opinion').filter({ hasText: '[presented opinion]' })],
      ['information awaited', presented.getByRole('region', { name: 'Information awaited' }).getByText('[awaited]')],
    ];
    await screenshot(screen, 'meeting-room-presentation-1920');
    for (const [what, locator] of parts) expect(await wholeInView(screen, locator), `${what} inside the 1920×1080 screen`).toBe(true);
    expect(await screen.evaluate(() => [window.scrollY, document.documentElement.scrollHeight <= window.innerHeight])).toEqual([0, true]);
    // Fact and opinion read differently in words too: each card starts with its kind.
    await expectText(presented.locator('.presented-card--opinion').first(), /^Opinion Health/);
    await expectText(presented.locator('.presented-card--fact').first(), /^Fact Police/);
    // The type is legible from across the room: body text at least 24px on this screen.
    const bodyPx = await presented.getByText('Neighbour reported shouting').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(bodyPx).toBeGreaterThanOrEqual(24);

    // The shared screen: no alert banner, bell or alert text; the restricted entry is left off.
    const shown = (await screen.locator('body').textContent()) ?? '';
    expect(await screen.locator('.alert-banner, .bell').count()).toBe(0);
    expect(shown).not.toContain('OVERDUE');
    expect(shown).not.toContain(red.reference);
    expect(shown).not.toContain('[restricted, not for the shared screen]');
    expect(shown).toContain('Not on the shared screen: 1 restricted entry from Police');
    // …while the chair's own laptop still shows the alert, and the restricted entry, which the chair may read.
    await expectText(laptop.locator('.alert-banner'), red.reference);
    await expectText(laptop.locator('.meeting-item'), '[restricted, not for the shared screen]');

    await expectNoAxeViolations(screen, 'the presentation view at 1920×1080');

    // The chair records DC Sam Evans, on the phone; education, invited, has nothing recorded.
    await screen.getByRole('button', { name: 'Attendance', exact: true }).click();
    const attendance = screen.getByRole('form', { name: 'Record attendance for anyone' });
    await attendance.getByLabel('Agency').selectOption({ label: 'Police' });
    await attendance.getByLabel('Name').fill('DC Sam Evans');
    await attendance.getByRole('radio', { name: 'Present by phone' }).check();
    await attendance.getByRole('button', { name: 'Record attendance' }).click();
    for (const page of [screen, police, health]) {
      const list = page.getByRole('list', { name: 'Attendance by agency' });
      await expectText(list, 'Police: Present by phone (DC Sam Evans)');
      await expectText(list, 'Education: Absent (invited, no attendance recorded)');
    }
    await screenshot(screen, 'meeting-room-presentation-attendance-1920');
    await expectNoAxeViolations(screen, 'the presentation view with the attendance panel open');
    await screen.getByRole('button', { name: 'Attendance', exact: true }).click();

    // Responsive: the same view on a phone reflows into one column with nothing off to the side.
    await screen.setViewportSize(PHONE);
    expect(await screen.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(screen, 'meeting-room-presentation-390');
    await expectNoAxeViolations(screen, 'the presentation view on a phone');
    await screen.setViewportSize(SCREEN);

    // A decision recorded on the case during the meeting (from the chair's laptop, over REST here).
    expectResult(
      await asLead.command('decision.record', {
        commandId: newCommandId(),
        caseId: amber.id,
        meetingId,
        outcome: 'child-in-need-assessment',
        rationale: 'Repeat incidents and Kai’s own account. [room rationale]',
        threshold: DEFAULT_DECISION_SETTINGS.thresholds[2]!,
        agreedBy: ['Rhian Hughes, Children’s social care', 'DC Sam Evans, Police'],
        dissent: [{ name: 'Priya Patel', agency: 'health', view: 'Would seek a health assessment first. [room dissent]' }],
      }),
    );
    await expectText(presented.getByRole('region', { name: 'Decided in this meeting' }), 'Child in need assessment');

    // The chair ends the meeting from the bar.
    screen.once('dialog', (d) => void d.accept());
    await screen.getByRole('button', { name: 'End the meeting' }).click();
    await expectText(screen.getByRole('region', { name: 'Meeting', exact: true }), 'The meeting has ended');
    await expectText(police.locator('#follow-indicator'), 'The meeting has ended');
    // Decisions and actions are no longer offered…
    for (const page of [laptop, police]) {
      await expectText(page.locator('.meeting-item__record'), 'The meeting has ended: decisions and actions are no longer recorded in it');
      expect(await page.getByRole('button', { name: 'Record a decision' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Add an action' }).count()).toBe(0);
    }
    // …and the server refuses one all the same.
    const late = await asPolice.command('action.add', {
      commandId: newCommandId(),
      caseId: amber.id,
      meetingId,
      title: 'Too late',
      ownerUserId: policeSession.user.userId,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(late.status).toBe(409);

    // The minutes, signed from the chair's laptop, lay the decision out as its parts.
    await laptop.getByRole('button', { name: 'Sign off minutes' }).click();
    const signed = police.locator('.minutes-signed');
    await signed.getByRole('heading', { name: 'Signed minutes, version 1' }).waitFor();
    const decision = signed.locator('.decision-parts').first();
    expect(await decision.locator('dt').allTextContents()).toEqual(['Outcome', 'Threshold', 'Rationale', 'Agreed by', 'Dissent']);
    const values = await decision.locator('dd').allTextContents();
    expect(values[0]).toContain('Child in need assessment');
    expect(values[1]).toBe(DEFAULT_DECISION_SETTINGS.thresholds[2]);
    expect(values[2]).toContain('[room rationale]');
    expect(values[3]).toBe('Rhian Hughes, Children’s social care; DC Sam Evans, Police');
    expect(values[4]).toContain('Priya Patel (Health): Would seek a health assessment first. [room dissent]');
    await expectText(signed, /Police \(DC Sam Evans\): Present by phone\. Absent \(invited, no attendance recorded\): .*Education/);
    await screenshot(police, 'meeting-room-minutes-parts-1280');
  });
});
