/**
 * The case board in a real browser (the built client, served by a real server on a real Redis):
 * several people of different agencies on one board at once, the contribution form's guidance,
 * an offline submit that is sent exactly once, a form or page whose code cannot be fetched, and the
 * child's voice warning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { CaseSummary, ContributionEntry } from '@mashboard/shared';
import { GUIDANCE } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { connection, eventually, expectText, useBrowserWorld } from '../support/browser.ts';
import { fillDateInput } from '../support/date-input.ts';
import { expectNoAxeViolations } from '../support/axe.ts';

const { world, person, openAs } = useBrowserWorld();

let asLead: Rest;

beforeAll(async () => {
  asLead = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'lead.hughes'));
}, 120_000);

/** A fresh case (opened over REST by the duty lead), so each test starts from a known board. */
async function newCase(firstName: string, lastName: string): Promise<{ id: string; reference: string }> {
  const result = expectResult(
    await asLead.command(
      'case.open',
      openCasePayload({
        children: [{ firstName, lastName, dateOfBirth: '2016-05-04' }],
        reasonForConcern: `${firstName} told a teaching assistant that there is no food at home.`,
      }),
    ),
  );
  return { id: result.caseId, reference: result.reference };
}

async function openBoard(page: Page, caseId: string, reference: string): Promise<void> {
  await page.goto(`/#/cases/${caseId}`);
  await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
  await page.getByRole('button', { name: 'New contribution' }).waitFor();
  await expectText(connection(page), /^Live$/);
}

function viewers(page: Page): Locator {
  return page.getByRole('list', { name: 'Viewing now' });
}

function contributions(page: Page): Locator {
  return page.getByRole('list', { name: 'Contributions' });
}

/** The list item (card) of the contribution with this text. */
function card(page: Page, text: string): Locator {
  return contributions(page).getByRole('listitem').filter({ hasText: text });
}

/** A date a few days ago, as yyyy-mm-dd (never in the future, whatever the time zone). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Marks the page so a reload (which would lose the mark) is detected. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eNoReload: boolean }).__e2eNoReload = true;
  });
}
async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __e2eNoReload?: boolean }).__e2eNoReload === true);
}

async function contributionTexts(caseId: string): Promise<string[]> {
  const view = await asLead.view(caseId);
  return view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution').map((e) => e.versions.at(-1)?.content.text ?? '(no content visible)');
}

interface ContributionInput {
  text: string;
  kind: 'Fact' | 'Opinion';
  basis?: string;
  timeframe: 'Current' | 'Historic';
  relevance?: string;
  date: string;
  source: string;
}

/** Opens the form and fills every field with the mouse and fill() (the keyboard path is in accessibility.test.ts). */
async function fillContribution(page: Page, input: ContributionInput): Promise<Locator> {
  await page.getByRole('button', { name: 'New contribution' }).click();
  const form = page.getByRole('form', { name: 'Add a contribution' });
  await form.getByLabel('What your agency knows or thinks').fill(input.text);
  await form.getByRole('radio', { name: input.kind, exact: true }).check();
  if (input.basis !== undefined) await form.getByLabel('Basis', { exact: true }).fill(input.basis);
  await form.getByRole('radio', { name: input.timeframe, exact: true }).check();
  if (input.relevance !== undefined) await form.getByLabel('Why it is relevant now').fill(input.relevance);
  await form.getByRole('radio', { name: 'On a known date' }).check();
  await fillDateInput(form, 'Date', input.date);
  await form.getByLabel('Source', { exact: true }).selectOption({ label: input.source });
  return form;
}

describe('two agencies on one case board', () => {
  it('each sees the other viewing, and each sees the other’s contribution arrive live with readable badges', async () => {
    const c = await newCase('Keira', 'Lowe');
    const police = await person('pc.evans');
    const health = await person('hv.patel');
    await Promise.all([openBoard(police, c.id, c.reference), openBoard(health, c.id, c.reference)]);

    // Presence: each sees the other, with their agency.
    await viewers(police).getByRole('listitem').filter({ hasText: 'Priya Patel' }).waitFor();
    await viewers(health).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).waitFor();
    expect(await viewers(police).getByRole('listitem').filter({ hasText: 'Priya Patel' }).textContent()).toContain('Health');
    expect(await viewers(health).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).textContent()).toContain('Police');
    expect(await viewers(police).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).textContent()).toContain('(you)');

    await markNoReload(police);
    await markNoReload(health);

    // Police adds a fact; health sees it without reloading.
    const fact = `Police attended the home on ${daysAgo(3)} after a 999 call; Keira was present and unhurt. [e2e fact]`;
    const factForm = await fillContribution(police, {
      text: fact,
      kind: 'Fact',
      timeframe: 'Current',
      date: daysAgo(3),
      source: "Own agency's records",
    });
    await factForm.getByRole('button', { name: 'Add contribution' }).click();
    await police.getByRole('status').filter({ hasText: 'Your contribution was added.' }).waitFor();
    await card(police, fact).waitFor();

    const factCard = card(health, fact);
    await factCard.waitFor();
    const factAria = await factCard.ariaSnapshot();
    // The badges are words, and a screen reader hears what they are.
    expect(factAria).toContain('Type: Fact');
    expect(factAria).toContain('Timeframe: Current');
    expect(factAria).toMatch(/Police/);
    expect(factAria).toMatch(/DC Sam Evans/);
    // On screen too (the badges may be styled in capitals).
    expect(await factCard.innerText()).toMatch(/\bfact\b[\s\S]*\bcurrent\b/i);
    // Someone else's entry is marked as new for a moment.
    expect(await factCard.innerText()).toMatch(/\bnew\b/i);
    expect(await health.getByRole('heading', { name: /^Contributions \(1\)$/ }).count()).toBe(1);

    // Health adds an opinion with its basis; police sees it live.
    const opinion = 'In my view Keira’s weight loss since the summer points to neglect of her basic needs. [e2e opinion]';
    const basis = 'Growth chart: 9th to 2nd centile since June; two missed appointments; school nurse report.';
    const opinionForm = await fillContribution(health, {
      text: opinion,
      kind: 'Opinion',
      basis,
      timeframe: 'Current',
      date: daysAgo(2),
      source: 'Direct observation',
    });
    await opinionForm.getByRole('button', { name: 'Add contribution' }).click();
    await card(health, opinion).waitFor();

    const opinionCard = card(police, opinion);
    await opinionCard.waitFor();
    const opinionAria = await opinionCard.ariaSnapshot();
    expect(opinionAria).toContain('Type: Opinion');
    expect(opinionAria).toContain('Timeframe: Current');
    expect(opinionAria).toContain(basis);
    expect(await opinionCard.innerText()).toMatch(/Basis\s*Growth chart/i);
    expect(await opinionCard.textContent()).toContain('Health');

    // Newest first: the opinion above the fact, on both screens.
    for (const page of [police, health]) {
      const items = await contributions(page).getByRole('listitem').allInnerTexts();
      const top = items.filter((t) => t.includes('[e2e')).map((t) => (t.includes('[e2e opinion]') ? 'opinion' : 'fact'));
      expect(top).toEqual(['opinion', 'fact']);
    }

    expect(await notReloaded(police)).toBe(true);
    expect(await notReloaded(health)).toBe(true);
    const texts = await contributionTexts(c.id);
    expect(texts.sort()).toEqual([fact, opinion].sort());
  });

  it('the case list of a third person updates live when another user opens a case', async () => {
    const social = await person('sw.okafor', '#/cases');
    await social.getByRole('heading', { level: 1, name: 'Open cases' }).waitFor();
    await social
      .getByRole('link', { name: /^MASH-/ })
      .first()
      .waitFor();
    await expectText(connection(social), /^Live$/);
    await markNoReload(social);

    const asEducation = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'dsl.morgan'));
    const opened = expectResult(
      await asEducation.command(
        'case.open',
        openCasePayload({
          children: [{ firstName: 'Zainab', lastName: 'Ortiz', dateOfBirth: '2015-02-20' }],
          reasonForConcern: 'Zainab disclosed that her older brother hits her.',
        }),
      ),
    );

    const link = social.getByRole('link', { name: opened.reference, exact: true });
    await link.waitFor();
    const row = social.getByRole('row').filter({ has: link });
    await expectText(row, 'Zainab O.');
    expect(await notReloaded(social)).toBe(true);
    expect(await link.getAttribute('href')).toBe(`#/cases/${opened.caseId}`);
  });
});

describe('opening a case board', () => {
  it('reads the case once, then joins it live from the last event read (a long case is not sent twice), and fetches the contribution form after', async () => {
    const c = await newCase('Elsie', 'Moss');
    for (let i = 1; i <= 3; i++) expectResult(await asLead.command('contribution.add', factPayload(c.id, { text: `Read once, note ${i}.` })));
    const health = await person('hv.patel');
    // Every copy of the whole case the page receives: a REST read, or a join answered with the case.
    const caseReads: string[] = [];
    const joins: { afterEventId?: string }[] = [];
    // In order: the case's arrival, and the contribution form's code being asked for.
    const order: string[] = [];
    health.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/cases/${c.id}`) caseReads.push('REST');
      if (/\/assets\/ContributionForm-[\w-]+\.js$/.test(r.url())) order.push('form asked for');
    });
    health.on('requestfinished', (r) => {
      if (new URL(r.url()).pathname === `/api/cases/${c.id}`) order.push('case arrived');
    });
    health.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        const join = /^42\d*\["case\.join",(.*)\]$/.exec(String(payload));
        if (join) joins.push(JSON.parse(join[1]!) as { afterEventId?: string });
      });
      ws.on('framereceived', ({ payload }) => {
        if (!/^43\d+\[\{"ok":true,"result":\{"view":/.test(String(payload))) return;
        caseReads.push('join');
        order.push('case arrived');
      });
    });
    // A fresh page load: the board opens while the socket is still connecting.
    await health.goto('about:blank');
    await openBoard(health, c.id, c.reference);
    await card(health, 'Read once, note 3.').waitFor();
    expect(caseReads).toHaveLength(1);
    // Live from where the read left off: a join after a REST read names its last event.
    expect(joins).toHaveLength(1);
    if (caseReads[0] === 'REST') expect(joins[0]!.afterEventId).toBe((await asLead.view(c.id)).summary.lastEventId);
    // The form's code (and zod with it) is fetched once the case is here, not competing with it.
    await eventually('the contribution form fetched', () => Promise.resolve(order.includes('form asked for')));
    expect(order).toEqual(['case arrived', 'form asked for']);

    // And it is live: a contribution added now appears.
    expectResult(await asLead.command('contribution.add', factPayload(c.id, { text: 'Added once the board is open.' })));
    await card(health, 'Added once the board is open.').waitFor();
  });
});

describe('a case board whose REST read stalls', () => {
  it('opens through the socket instead, live', async () => {
    const c = await newCase('Nell', 'Grant');
    expectResult(await asLead.command('contribution.add', factPayload(c.id, { text: 'Shown although the REST read never answers.' })));
    const health = await person('hv.patel');
    // The read is held, never answered, as by a proxy that stalls.
    await health.route(`**/api/cases/${c.id}`, () => new Promise(() => {}));
    await health.goto('about:blank');
    await health.goto(`/#/cases/${c.id}`);
    await card(health, 'Shown although the REST read never answers.').waitFor({ timeout: 30_000 });
    await expectText(connection(health), /^Live$/);
    expectResult(await asLead.command('contribution.add', factPayload(c.id, { text: 'Added once it opened.' })));
    await card(health, 'Added once it opened.').waitFor();
  });
});

describe('reading down a case board', () => {
  it('the contribution at the top of the screen stays where it is when someone else’s arrives above it', async () => {
    const c = await newCase('Ruby', 'Shaw');
    for (let i = 1; i <= 16; i++) expectResult(await asLead.command('contribution.add', factPayload(c.id, { text: `Earlier note ${i}. [place]` })));
    const health = await person('hv.patel');
    await openBoard(health, c.id, c.reference);
    await card(health, 'Earlier note 1.').waitFor();
    await markNoReload(health);

    // The reader has scrolled into the list: its top is above the screen, note 8 at the top of it.
    const reading = card(health, 'Earlier note 8.');
    await reading.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await contributions(health).evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(0);
    const topBefore = await reading.evaluate((el) => el.getBoundingClientRect().top);
    const scrolledBefore = await health.evaluate(() => window.scrollY);

    // Newest first, the new note goes in above everything the reader sees.
    expectResult(await asLead.command('contribution.add', factPayload(c.id, { text: 'A note recorded while Priya reads. [place new]' })));
    await card(health, '[place new]').waitFor();
    expect(Math.abs((await reading.evaluate((el) => el.getBoundingClientRect().top)) - topBefore)).toBeLessThan(1);
    // Kept by scrolling the page down by the new card's height, not by the browser doing nothing.
    expect(await health.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledBefore);
    expect(await notReloaded(health)).toBe(true);
  });
});

describe('the contribution form guides as you type', () => {
  it('an opinion without a basis is refused on the page (nothing sent), and historic reveals its relevance field', async () => {
    const c = await newCase('Oscar', 'Fenn');
    const health = await person('hv.patel');
    await openBoard(health, c.id, c.reference);
    const before = (await asLead.view(c.id)).summary.contributionCount;
    expect(before).toBe(0);

    await health.getByRole('button', { name: 'New contribution' }).click();
    const form = health.getByRole('form', { name: 'Add a contribution' });
    // The cursor starts in the first field.
    await eventually('focus in the text field', async () => (await form.getByLabel('What your agency knows or thinks').evaluate((el) => el === document.activeElement)) || null);
    await form.getByLabel('What your agency knows or thinks').fill('Oscar seems withdrawn and tired in clinic. [e2e no basis]');

    // Neither the basis nor the relevance field is there until its choice is made.
    await expect(form.getByLabel('Basis', { exact: true }).count()).resolves.toBe(0);
    await expect(form.getByLabel('Why it is relevant now').count()).resolves.toBe(0);

    // The choice explains itself in one line from the guidance.
    await form.getByText(GUIDANCE.opinion, { exact: true }).waitFor();
    await form.getByRole('radio', { name: 'Opinion', exact: true }).check();
    const basisField = form.getByLabel('Basis', { exact: true });
    await basisField.waitFor();
    await form.getByRole('radio', { name: 'Current', exact: true }).check();
    await form.getByRole('radio', { name: 'On a known date' }).check();
    await fillDateInput(form, 'Date', daysAgo(1));
    await form.getByLabel('Source', { exact: true }).selectOption({ label: 'Direct observation' });

    await form.getByRole('button', { name: 'Add contribution' }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const problems = await summary.getByRole('listitem').allInnerTexts();
    expect(problems).toEqual([expect.stringMatching(/^An opinion must state its basis/)]);
    // The summary has focus, its link leads to the field, and the field says what is wrong.
    await eventually('focus on the error summary', async () => (await summary.evaluate((el) => el === document.activeElement)) || null);
    await summary.getByRole('link', { name: /^An opinion must state its basis/ }).click();
    await eventually('focus on the basis field', async () => (await basisField.evaluate((el) => el === document.activeElement)) || null);
    expect(await basisField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await basisField.getAttribute('aria-describedby')) ?? '';
    const description = await health.evaluate(
      (ids) =>
        ids
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(description).toMatch(/Error:\s*An opinion must state its basis/);

    // Nothing was sent: no queued change, and the server has no new contribution.
    expect(await connection(health).textContent()).toBe('Live');
    expect(await health.getByRole('region', { name: 'Contributions waiting to send' }).count()).toBe(0);
    expect((await asLead.view(c.id)).summary.contributionCount).toBe(before);

    // Historic: the relevance field appears, with its one-line guidance beside the choice.
    await form.getByRole('radio', { name: 'Historic', exact: true }).check();
    const relevance = form.getByLabel('Why it is relevant now');
    await relevance.waitFor();
    const historicHint = form.getByText(GUIDANCE.historic, { exact: true });
    await historicHint.waitFor();
    expect(await historicHint.isVisible()).toBe(true);
    const historicRadio = form.getByRole('radio', { name: 'Historic', exact: true });
    expect(await historicRadio.getAttribute('aria-describedby')).toBe(await historicHint.getAttribute('id'));
    // The relevance field appears below its radio, not somewhere else on the page.
    const radioBox = (await historicRadio.boundingBox())!;
    const fieldBox = (await relevance.boundingBox())!;
    expect(fieldBox.y).toBeGreaterThan(radioBox.y);
    // Going back to Current hides it again.
    await form.getByRole('radio', { name: 'Current', exact: true }).check();
    await expect(form.getByLabel('Why it is relevant now').count()).resolves.toBe(0);

    // Once the basis is given, the same form sends (once).
    await basisField.fill('Seen at two clinic appointments this month; mother reports poor sleep.');
    await form.getByRole('button', { name: 'Add contribution' }).click();
    await card(health, '[e2e no basis]').waitFor();
    expect((await asLead.view(c.id)).summary.contributionCount).toBe(before + 1);
  });

  it('a choice takes the first click, straight after the form opens', async () => {
    const c = await newCase('Ivy', 'Dunn');
    const police = await person('pc.evans');
    await openBoard(police, c.id, c.reference);
    await police.getByRole('button', { name: 'New contribution' }).click();
    const form = police.getByRole('form', { name: 'Add a contribution' });
    const text = form.getByLabel('What your agency knows or thinks');
    // The form puts the cursor in its (empty) first field; the person goes straight to the choices.
    await eventually('focus in the text field', async () => (await text.evaluate((el) => el === document.activeElement)) || null);
    const fact = form.getByRole('radio', { name: 'Fact', exact: true });
    const before = (await fact.boundingBox())!;
    await fact.click();
    const after = (await fact.boundingBox())!;
    expect(
      await fact.isChecked(),
      `the Fact radio moved ${Math.round(after.y - before.y)} px during the click (leaving the empty text field put "There is a problem" and its error above), so the click missed it`,
    ).toBe(true);
  });
});

describe('an offline submit', () => {
  it('is kept on the device while offline and sent exactly once when the connection returns', async () => {
    const c = await newCase('Ruby', 'Marsh');
    const police = await person('pc.evans');
    const health = await person('hv.patel');
    await Promise.all([openBoard(police, c.id, c.reference), openBoard(health, c.id, c.reference)]);
    await viewers(health).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).waitFor();

    const policeContext = police.context();
    await policeContext.setOffline(true);
    // The websocket really dropped: the header says so, and the server no longer counts police as viewing.
    await expectText(connection(police), /^Offline – no changes waiting$/);
    await eventually('police gone from health’s Viewing now', async () => (await viewers(health).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).count()) === 0);

    const text = 'Neighbour called police at 02:10 reporting a child crying for over an hour. [e2e offline]';
    const form = await fillContribution(police, {
      text,
      kind: 'Fact',
      timeframe: 'Current',
      date: daysAgo(1),
      source: 'Third party',
    });
    await form.getByRole('button', { name: 'Add contribution' }).click();
    await police.getByRole('status').filter({ hasText: 'Saved on this device – waiting to send.' }).waitFor();
    await expectText(connection(police), /^Offline – 1 change waiting$/);
    const pending = police.getByRole('region', { name: 'Contributions waiting to send' });
    await expectText(pending, 'Waiting to send');
    await expectText(pending, text);
    expect(await contributionTexts(c.id)).not.toContain(text);

    await policeContext.setOffline(false);
    await expectText(connection(police), /^Live$/, 15_000);
    await card(police, text).waitFor({ timeout: 15_000 });
    await pending.waitFor({ state: 'detached' });
    await card(health, text).waitFor();
    await viewers(health).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).waitFor();

    // Exactly once, on the server and on both screens (a later resend would show as a second card).
    expect((await contributionTexts(c.id)).filter((t) => t === text)).toHaveLength(1);
    expect(await card(police, text).count()).toBe(1);
    expect(await card(health, text).count()).toBe(1);
    const summary = (await asLead.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases.find((s) => s.id === c.id);
    expect(summary?.contributionCount).toBe(1);
    expect(await connection(police).textContent()).toBe('Live');
  });
});

describe('a board back from offline', () => {
  it('says Live only once it shows what was added while it was away', async () => {
    const c = await newCase('Ivy', 'Lane');
    const police = await person('pc.evans');
    await openBoard(police, c.id, c.reference);
    await police.context().setOffline(true);
    await expectText(connection(police), /^Offline – no changes waiting$/);
    const missed = ['first', 'second', 'third', 'fourth', 'fifth'].map((n) => `Added while police were offline: the ${n}. [e2e catch-up]`);
    for (const text of missed) expectResult(await asLead.command('contribution.add', factPayload(c.id, { text })));

    // What the board shows at the moment the header says Live again.
    await police.evaluate(() => {
      const seen = window as unknown as { __e2eCardsWhenLive?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector('[role="status"][aria-label="Connection"]')?.textContent !== 'Live') return;
        seen.__e2eCardsWhenLive = document.querySelectorAll('ol[aria-label="Contributions"] > li').length;
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await police.context().setOffline(false);
    await expectText(connection(police), /^Live$/, 15_000);
    expect(await police.evaluate(() => (window as unknown as { __e2eCardsWhenLive?: number }).__e2eCardsWhenLive)).toBe(missed.length);
    for (const text of missed) expect(await card(police, text).count()).toBe(1);
  });
});

describe('code that cannot be fetched', () => {
  it('a form whose code had not come when the connection dropped says so in its place, and opens once the browser is back online', async () => {
    const c = await newCase('Lily', 'Shaw');
    const { page: police } = await openAs('pc.evans', { bypassCSP: true });
    // The form's code does not come while the board is drawn, as when the connection drops first.
    const formCode = /\/assets\/ContributionForm-[\w-]+\.js$/;
    await police.route(formCode, (route) => route.abort('internetdisconnected'));
    await openBoard(police, c.id, c.reference);
    await police.context().setOffline(true);
    await expectText(connection(police), /^Offline – no changes waiting$/);

    await police.getByRole('button', { name: 'New contribution' }).click();
    const message = police.getByRole('alert').filter({ hasText: 'This form could not be loaded' });
    await expectText(message, 'You are offline');
    // In the form's place, with the focus: the rest of the page is still there.
    expect(await message.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await police.getByRole('heading', { level: 1, name: `Case ${c.reference}` }).isVisible()).toBe(true);
    expect(await police.getByRole('region', { name: "Child's voice", exact: true }).isVisible()).toBe(true);
    await expectNoAxeViolations(police, 'a case board whose contribution form could not be loaded');

    await police.unroute(formCode);
    await police.context().setOffline(false);
    await police.getByRole('form', { name: 'Add a contribution' }).getByLabel('What your agency knows or thinks').waitFor();
    expect(await message.count()).toBe(0);
  });

  it('a page, or the signed-in app, whose code cannot be fetched says so under the header, and opens with Try again once the network is back', async () => {
    const c = await newCase('Owen', 'Shaw');
    const { page: police } = await openAs('pc.evans', { bypassCSP: true });
    await openBoard(police, c.id, c.reference);
    const pageCode = /\/assets\/ChronologyPage-[\w-]+\.js$/;
    await police.route(pageCode, (route) => route.abort('connectionfailed'));

    await police.getByRole('navigation', { name: 'This case' }).getByRole('link', { name: 'Chronology' }).click();
    await police.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
    await police.getByRole('alert').filter({ hasText: 'The connection failed.' }).waitFor();
    expect(await police.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await expectNoAxeViolations(police, 'a page that could not be loaded');

    await police.unroute(pageCode);
    await police.getByRole('button', { name: 'Try again' }).click();
    await police.getByRole('heading', { level: 1, name: /Chronology$/ }).waitFor();
    expect(await police.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).count()).toBe(0);

    // A fresh load whose signed-in app cannot be fetched: the same, under a plain header.
    const appCode = /\/assets\/SignedInApp-[\w-]+\.js$/;
    await police.route(appCode, (route) => route.abort('connectionfailed'));
    await police.reload();
    await police.getByRole('main').getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
    await expectNoAxeViolations(police, 'a fresh load whose signed-in app could not be loaded');
    await police.unroute(appCode);
    await police.getByRole('button', { name: 'Try again' }).click();
    await police.getByRole('heading', { level: 1, name: /Chronology$/ }).waitFor();
  });
});

describe('the child’s voice', () => {
  it('a case with no child’s voice warns by name for each child; a heard child has no warning', async () => {
    const cases = (await asLead.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases;
    const brooks = cases.find((s) => s.children.some((ch) => ch.firstName === 'Jayden'));
    const ayesha = cases.find((s) => s.children.some((ch) => ch.firstName === 'Ayesha'));
    expect(brooks, 'the demo case of Jayden and Mia Brooks').toBeDefined();
    expect(ayesha, 'the demo case of Ayesha Rahman').toBeDefined();
    const education = await person('dsl.morgan');

    await openBoard(education, brooks!.id, brooks!.reference);
    const voice = education.getByRole('region', { name: "Child's voice", exact: true });
    for (const name of ['Jayden', 'Mia']) {
      const child = voice.getByRole('region', { name: new RegExp(`^${name} Brooks`) });
      await child.getByText(`No child's voice recorded for ${name}`, { exact: true }).waitFor();
      expect(await child.getByText(`No child's voice recorded for ${name}`, { exact: true }).isVisible()).toBe(true);
      // …with the ways to put it right.
      await child.getByRole('button', { name: `Add child's voice for ${name}` }).waitFor();
      await child.getByRole('button', { name: `Record why not for ${name}` }).waitFor();
    }

    await openBoard(education, ayesha!.id, ayesha!.reference);
    await education.getByRole('blockquote').filter({ hasText: "I don't want to go home when he is there." }).waitFor();
    expect(await education.getByText(/No child's voice recorded/).count()).toBe(0);
  });

  it('a baby whose voice cannot be recorded shows the recorded reason, said plainly rather than as a warning', async () => {
    const cases = (await asLead.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases;
    const leo = cases.find((s) => s.children.some((ch) => ch.firstName === 'Leo'));
    expect(leo, 'the demo case of Leo Turner').toBeDefined();
    const health = await person('hv.patel');
    await openBoard(health, leo!.id, leo!.reference);
    const child = health.getByRole('region', { name: "Child's voice", exact: true }).getByRole('region', { name: /^Leo Turner/ });
    await child.getByText("No child's voice recorded for Leo: reason given", { exact: true }).waitFor();
    expect(await child.getByText(/Leo is four months old/).isVisible()).toBe(true);
    expect(await child.getByText("No child's voice recorded for Leo", { exact: true }).count()).toBe(0);
    expect(await child.locator('.warning-text').count()).toBe(0);
    await child.getByRole('button', { name: 'Change why not for Leo' }).waitFor();
  });
});

describe('need-to-know', () => {
  it('a contribution police restrict to police reaches health live as a placeholder only; police see it with its badge', async () => {
    const c = await newCase('Nadia', 'Price');
    const police = await person('pc.evans');
    const health = await person('hv.patel');
    await Promise.all([openBoard(police, c.id, c.reference), openBoard(health, c.id, c.reference)]);
    await viewers(health).getByRole('listitem').filter({ hasText: 'DC Sam Evans' }).waitFor();
    await markNoReload(health);

    const text = 'Intelligence check: the partner has a warning marker for violence toward a former partner. [e2e restricted]';
    const form = await fillContribution(police, {
      text,
      kind: 'Fact',
      timeframe: 'Current',
      date: daysAgo(1),
      source: "Own agency's records",
    });
    // Restricted, with no other agency ticked: police only. The choice explains itself.
    const restrict = form.getByRole('checkbox', { name: 'Restrict who can see this' });
    await restrict.check();
    await form.getByText('Share only with those who need it: others will see that your agency recorded something, and when, but not what.', { exact: true }).waitFor();
    const others = form.getByRole('group', { name: 'Who else may see it?' });
    expect(await others.getByRole('checkbox', { name: 'Health' }).isChecked()).toBe(false);
    expect(await others.getByRole('checkbox', { name: 'Police' }).count(), 'police always see it: not a choice').toBe(0);
    await form.getByRole('button', { name: 'Add contribution' }).click();
    await police.getByRole('status').filter({ hasText: 'Your contribution was added.' }).waitFor();

    // Police: the entry in full, with a badge saying who may read it (text and icon).
    const policeCard = card(police, text);
    await policeCard.waitFor();
    const badge = policeCard.locator('.badge').filter({ hasText: 'Restricted to Police' });
    await badge.waitFor();
    expect((await badge.textContent())?.trim()).toBe('Restricted to Police');
    expect(await badge.locator('svg').count(), 'the badge has an icon as well as words').toBe(1);

    // Health, without reloading: a placeholder that says from whom, when and whom to ask…
    const placeholder = contributions(health).getByRole('listitem').filter({ hasText: 'Restricted entry from Police' });
    await placeholder.waitFor();
    const said = (await placeholder.innerText()).replace(/\s+/g, ' ');
    expect(said).toMatch(/Recorded [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}/);
    expect(said).toContain('ask Police if you need it');
    expect(said).not.toContain('Sam Evans');
    expect(await health.getByRole('heading', { name: /^Contributions \(1\)$/ }).count()).toBe(1);
    expect(await notReloaded(health)).toBe(true);
    // …and nothing of its content anywhere in the page, its accessibility tree or its storage.
    const page = await health.content();
    const aria = await health.locator('body').ariaSnapshot();
    const stored = await health.evaluate(() => JSON.stringify({ ...localStorage }));
    for (const where of [page, aria, stored]) {
      expect(where).not.toContain('[e2e restricted]');
      expect(where).not.toContain('warning marker');
    }
    expect(await health.getByText("Own agency's records").count()).toBe(0);

    // The server holds it in full for police, as a placeholder for health.
    const asHealth = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'hv.patel'));
    const seen = (await asHealth.view(c.id)).entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ withheld: true, versions: [] });
    expect(await contributionTexts(c.id)).toEqual(['(no content visible)']);
  });
});
