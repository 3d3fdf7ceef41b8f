/**
 * The meeting room in a real browser: a chair and two attendees in three browser contexts. The
 * chair moves the agenda and the others follow; a decision with a dissent and an action are
 * recorded from the room; the chair signs off and the minutes on screen hold them, with Facts and
 * Opinions apart. The action's deadline is checked on the case over REST. The meetings list open
 * in one context shows a meeting scheduled and started from another, without a reload.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MeetingResult } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, opinionPayload } from '../support/fixtures.ts';
import { eventually, expectText, screenshot, useBrowserWorld } from '../support/browser.ts';
import { fillDateTimeInput } from '../support/date-input.ts';

const { world, person, openAs } = useBrowserWorld();

let asLead: Rest;
let asPolice: Rest;
let asHealth: Rest;

beforeAll(async () => {
  const base = world.current.baseUrl;
  [asLead, asPolice, asHealth] = await Promise.all([signIn(base, 'lead.hughes'), signIn(base, 'pc.evans'), signIn(base, 'hv.patel')]).then((s) => s.map((x) => rest(base, x)));
}, 120_000);

async function newCase(firstName: string): Promise<{ id: string; reference: string }> {
  const r = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName, lastName: 'Meeting', dateOfBirth: '2015-02-03' }] })));
  return { id: r.caseId, reference: r.reference };
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

const indicator = (page: Page) => page.locator('#follow-indicator');
const itemHeading = (page: Page) => page.locator('#item-title');

describe('a MASH triage meeting', () => {
  it('the chair moves, others follow; a decision with dissent and an action are minuted with Facts and Opinions apart', async () => {
    const one = await newCase('Ava');
    const two = await newCase('Ben');
    const fact = 'Police attended the home after a neighbour called about shouting; Ava was present. [meeting fact]';
    const opinion = 'In my view Ava is withdrawn and anxious at clinic visits. [meeting opinion]';
    expectResult(await asPolice.command('contribution.add', factPayload(one.id, { text: fact })));
    expectResult(await asHealth.command('contribution.add', opinionPayload(one.id, { text: opinion })));
    const scheduled = await asLead.post<MeetingResult>('/api/meetings', {
      commandId: newCommandId(),
      kind: 'triage',
      title: 'Morning triage (e2e)',
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: [one.id, two.id],
    });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.meetingId;
    const hash = `#/meetings/${meetingId}`;

    const chair = await person('lead.hughes', hash);
    const police = await person('pc.evans', hash);
    const health = await person('hv.patel', hash);
    for (const page of [chair, police, health]) await page.getByRole('heading', { level: 1, name: /Morning triage \(e2e\)/ }).waitFor();

    // Who is in the room: the chair sees both attendees.
    await chair.getByRole('list', { name: 'In the room now' }).getByText('Priya Patel').waitFor();
    await chair.getByRole('list', { name: 'In the room now' }).getByText('DC Sam Evans').waitFor();
    // Only the chair has the chair's controls.
    expect(await police.getByRole('heading', { name: 'Chair’s controls' }).count()).toBe(0);

    await chair.getByRole('button', { name: 'Start the meeting' }).click();
    await expectText(indicator(police), 'Following the chair (item 1 of 2)');

    // Police records its attendance; everyone sees it by agency.
    await police.getByRole('radio', { name: 'Present in person' }).check();
    await police.getByRole('button', { name: 'Record attendance' }).click();
    await expectText(chair.getByRole('list', { name: 'Attendance by agency' }), 'Police: Present in person (DC Sam Evans)');

    // The chair moves on: the others follow without touching anything.
    await chair.getByRole('button', { name: 'Next case' }).click();
    await expectText(indicator(police), 'Following the chair (item 2 of 2)');
    await expectText(indicator(health), 'Following the chair (item 2 of 2)');
    await expectText(itemHeading(health), `Item 2 of 2: ${two.reference}`);

    // Health browses back to item 1 and returns to the chair's item.
    await health.getByRole('button', { name: new RegExp(`^1\\. A\\.M\\., \\d+ .*${one.reference}$`) }).click();
    await expectText(indicator(health), 'You are browsing item 1 of 2');
    await expectText(itemHeading(health), `Item 1 of 2: ${one.reference}`);
    await health.getByRole('button', { name: 'Back to the chair’s item' }).click();
    await expectText(indicator(health), 'Following the chair (item 2 of 2)');

    // Back to item 1 for the decision.
    await chair.getByRole('button', { name: 'Previous case' }).click();
    await expectText(itemHeading(police), `Item 1 of 2: ${one.reference}`);

    // A decision without rationale is refused, field by field.
    await chair.getByRole('button', { name: 'Record a decision' }).click();
    const decision = chair.getByRole('form', { name: `Record a decision on ${one.reference}` });
    await decision.getByLabel('Outcome').selectOption({ label: 'Early help' });
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expectText(decision.locator('.error-summary'), 'Give the rationale for the decision');
    await decision.getByLabel('Rationale').fill('Neglect concerns below the s47 threshold; family open to support. [e2e rationale]');
    await decision.getByLabel('Threshold or level of need').selectOption({ label: 'Level 2: early help (additional needs)' });
    await decision.getByLabel('Person 1').fill('Rhian Hughes, Children’s social care');
    await decision.getByRole('button', { name: 'Add another person who agreed' }).click();
    await decision.getByLabel('Person 2').fill('Priya Patel, Health');
    await decision.getByRole('button', { name: 'Add a dissenting view' }).click();
    await decision.getByLabel('Name', { exact: true }).fill('DC Sam Evans');
    await decision.getByLabel('Agency', { exact: true }).selectOption({ label: 'Police' });
    await decision.getByLabel('Their view').fill('A strategy discussion is needed given the repeat call-outs. [e2e dissent]');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await chair
      .getByRole('status')
      .filter({ hasText: `Decision recorded on ${one.reference}.` })
      .waitFor();
    await expectText(police.getByRole('list', { name: 'Decisions in this meeting' }), '[e2e dissent]');

    // Police adds an action: without owner or due time it is refused, field by field.
    await police.getByRole('button', { name: 'Add an action' }).click();
    const action = police.getByRole('form', { name: `Add an action on ${one.reference}` });
    await action.getByLabel('What must be done').fill('Share the call-out log with the early help team [e2e action]');
    await action.getByRole('button', { name: 'Add action' }).click();
    await expectText(action.locator('.error-summary'), 'Choose who owns the action');
    await expectText(action.locator('.error-summary'), 'Enter the date and time it is due');
    await action.getByLabel('Owner').selectOption({ label: 'DC Sam Evans – Police, Practitioner' });
    await fillDateTimeInput(action, 'Due by', tomorrowLocal());
    await action.getByRole('button', { name: 'Add action' }).click();
    await police.getByRole('status').filter({ hasText: 'Action added for DC Sam Evans.' }).waitFor();
    await expectText(chair.getByRole('list', { name: 'Actions from this meeting' }), '[e2e action]');
    await screenshot(chair, 'meeting-room-chair-1280');

    // End and sign off.
    chair.on('dialog', (d) => void d.accept());
    await chair.getByRole('button', { name: 'End the meeting' }).click();
    await expectText(indicator(police), 'The meeting has ended');
    await chair.getByRole('button', { name: 'Sign off minutes' }).click();

    for (const page of [chair, police, health]) {
      const signed = page.locator('.minutes-signed');
      await signed.getByRole('heading', { name: 'Signed minutes, version 1' }).waitFor();
      const facts = signed.getByRole('list', { name: `Facts, case ${one.reference}` });
      const opinions = signed.getByRole('list', { name: `Opinions, case ${one.reference}` });
      await expectText(facts, '[meeting fact]');
      await expectText(opinions, '[meeting opinion]');
      expect(await facts.textContent()).not.toContain('[meeting opinion]');
      expect(await opinions.textContent()).not.toContain('[meeting fact]');
      const text = (await signed.textContent()) ?? '';
      expect(text).toContain('[e2e rationale]');
      expect(text).toContain('DC Sam Evans (Police): A strategy discussion is needed');
      expect(text).toContain('Agreed byRhian Hughes, Children’s social care; Priya Patel, Health');
      expect(text).toContain('[e2e action]');
      expect(text).toContain('Police (DC Sam Evans): Present');
    }
    await screenshot(police, 'meeting-room-minutes-1280');
    await police.setViewportSize({ width: 390, height: 844 });
    await screenshot(police, 'meeting-room-390');

    // The action's deadline is on the case, tied to the meeting.
    const view = await asLead.view(one.id);
    const deadline = view.summary.deadlines.find((d) => d.kind === 'action' && d.label.includes('[e2e action]'));
    expect(deadline?.id).toMatch(/^action:/);
    expect(deadline?.meetingId).toBe(meetingId);
    expect(view.summary.decisions.find((d) => d.meetingId === meetingId)?.dissent[0]?.agency).toBe('police');
    await eventually('meeting ended over REST', async () => (await asLead.get<{ meeting: { status: string; minutes: unknown[] } }>(`/api/meetings/${meetingId}`)).body.meeting.minutes.length === 1);
  });
});

describe('what the meeting room reads', () => {
  it('reads the contributions of the item on screen only: the other items come as their summaries, kept live, and whole once someone browses to them or opens the draft minutes', async () => {
    const first = await newCase('Dan');
    const second = await newCase('Eve');
    const third = await newCase('Fay');
    expectResult(await asPolice.command('contribution.add', factPayload(first.id, { text: 'On the first item. [first fact]' })));
    expectResult(await asPolice.command('contribution.add', factPayload(second.id, { text: 'Further down the agenda. [second fact]' })));
    expectResult(await asHealth.command('contribution.add', factPayload(third.id, { text: 'Last on the agenda. [third fact]' })));
    const scheduled = await asLead.post<MeetingResult>('/api/meetings', {
      commandId: newCommandId(),
      kind: 'triage',
      title: 'What the room reads (e2e)',
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: [first.id, second.id, third.id],
    });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.meetingId;

    // Everything the police officer's browser receives from here on, over the socket or otherwise.
    const { page: police } = await openAs('pc.evans');
    const received: string[] = [];
    const reading: Promise<unknown>[] = [];
    const keep = (text: string) => void received.push(text);
    police.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => keep(String(payload))));
    police.on('response', (r) => void reading.push(r.text().then(keep, () => {})));
    const cameIn = async (text: string) => (await Promise.allSettled(reading), received.some((r) => r.includes(text)));
    await police.goto('about:blank');
    await police.goto(`/#/meetings/${meetingId}`);

    // The item on screen, whole; the others by their summaries (the children's initials and ages).
    await expectText(itemHeading(police), `Item 1 of 3: ${first.reference}`);
    await expectText(police.locator('.meeting-item .contributions'), '[first fact]');
    const agenda = police.getByRole('navigation', { name: 'Agenda' }).locator('.agenda-item__button');
    await expectText(agenda.nth(1), /^2\. E\.M\., \d+/);
    await expectText(agenda.nth(2), /^3\. F\.M\., \d+/);
    expect(await cameIn('[second fact]'), 'the second item’s contributions reached the browser').toBe(false);

    // A summary stays live: the second case rated Red elsewhere shows on the agenda at once.
    const { version } = (await asLead.view(second.id)).summary;
    expectResult(await asLead.command('rating.set', { commandId: newCommandId(), caseId: second.id, expectedVersion: version, rating: 'red', reason: 'A disclosure today.' }));
    await expectText(agenda.nth(1), /^2\. E\.M\., \d+ .*Red/);

    // Browsing to the second item reads it whole.
    await agenda.nth(1).click();
    await expectText(itemHeading(police), `Item 2 of 3: ${second.reference}`);
    await expectText(police.locator('.meeting-item .contributions'), '[second fact]');
    expect(await cameIn('[third fact]'), 'the third item’s contributions reached the browser').toBe(false);

    // The draft minutes hold every item's record: opening them reads the rest.
    expect((await asLead.post<MeetingResult>(`/api/meetings/${meetingId}/start`, { commandId: newCommandId() })).status).toBe(201);
    await expectText(indicator(police), 'You are browsing item 2 of 3');
    await police.getByText('Draft minutes from the record so far (not signed)').click();
    for (const [c, fact] of [
      [first, '[first fact]'],
      [second, '[second fact]'],
      [third, '[third fact]'],
    ] as const)
      await expectText(police.getByRole('list', { name: `Facts, case ${c.reference}` }), fact);
  });
});

describe('the meetings list', () => {
  it('shows a meeting scheduled and started from another browser context, without a reload', async () => {
    const agendaCase = await newCase('Cara');
    const title = 'Live list triage, e2e';
    const watcher = await person('pc.evans', '#/meetings');
    await watcher.locator('h1:not([data-loading])').getByText('Meetings').waitFor();
    // Marks this page load: a reload would lose it.
    await watcher.evaluate(() => ((window as unknown as { sameLoad: boolean }).sameLoad = true));
    const row = watcher.getByRole('row', { name: title });
    expect(await row.count()).toBe(0);

    // The duty lead schedules it through the form in their own browser context, then starts it.
    const lead = await person('lead.hughes', '#/meetings');
    await lead.getByRole('button', { name: 'Schedule a meeting' }).click();
    const form = lead.getByRole('form', { name: 'Schedule a meeting' });
    await form.getByRole('radio', { name: 'MASH triage meeting' }).check();
    await form.getByLabel('Title').fill(title);
    await fillDateTimeInput(form, 'Date and time', tomorrowLocal());
    await form.getByRole('checkbox', { name: `${agendaCase.reference}:` }).check();
    await form.getByRole('button', { name: 'Schedule meeting' }).click();
    await lead.getByRole('heading', { level: 1, name: title }).waitFor();

    await expectText(row.locator('td[data-label="Cases"]'), agendaCase.reference);
    await expectText(row.locator('td[data-label="Status"]'), 'Scheduled');
    await lead.getByRole('button', { name: 'Start the meeting' }).click();
    await expectText(row.locator('td[data-label="Status"]'), 'In progress');
    expect(await watcher.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
  });
});
