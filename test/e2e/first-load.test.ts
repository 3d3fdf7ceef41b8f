/**
 * A page opened from a link, on a fresh load, in a real browser: a case board asks for its case,
 * and the dashboard for the open cases, while its own code is still on the way, not after (on a
 * phone those were one after the other), and reads it once: the socket then goes on from there.
 * Before either, the page asks who is signed in as it arrives, not once the app's script has run,
 * and an alert waiting for the person is drawn with the page, not pushed in above it a moment later.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Alert } from '@mashboard/shared';
import { expectResult, rest, setTimelinessPolicy, signIn } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { PHONE, connection, eventually, expectText, useBrowserWorld } from '../support/browser.ts';

const { world, openAs } = useBrowserWorld();

/**
 * The order in which the page asks for `path` ("GET <path>", each time) and gets the file `held`
 * (`label`). The file is held until `path` has been asked for (at most 10 s): a page that asked only
 * once the file had come would be sent the file first.
 */
async function askedBeforeLoaded(page: Page, path: string, held: RegExp, label: string): Promise<string[]> {
  const order: string[] = [];
  let pathAsked: () => void = () => {};
  const asked = new Promise<void>((resolve) => (pathAsked = resolve));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== path) return;
    order.push(`${request.method()} ${path}`);
    pathAsked();
  });
  await page.route(held, async (route) => {
    await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    order.push(label);
    await route.continue();
  });
  return order;
}

describe('a case board opened from a link', () => {
  it("asks for its case while the board's code is on its way, and reads it once", async () => {
    const asPolice = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
    const opened = expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Nell', lastName: 'Foster', dateOfBirth: '2018-01-09' }] })));
    expectResult(await asPolice.command('contribution.add', factPayload(opened.caseId, { text: 'School reports Nell arrived hungry three days this week. [first load]' })));
    const { page } = await openAs('pc.evans');
    const casePath = `/api/cases/${opened.caseId}`;
    const order = await askedBeforeLoaded(page, casePath, /\/assets\/CaseBoardPage-[^/]+\.js$/, "the board's code");

    await page.goto(`/?fresh=1#/cases/${opened.caseId}`);
    await page.getByRole('heading', { level: 1, name: `Case ${opened.reference}` }).waitFor({ timeout: 20_000 });
    await expectText(connection(page), /^Live$/);
    await page.getByText('School reports Nell arrived hungry three days this week. [first load]').waitFor();

    expect(order).toEqual([`GET ${casePath}`, "the board's code"]);
  });
});

describe('the dashboard opened from a link', () => {
  it("asks for the open cases while the dashboard's code is on its way, reads them once, and keeps them live", async () => {
    const asPolice = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
    const opened = expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Ada', lastName: 'Quill', dateOfBirth: '2017-03-02' }] })));
    const { page } = await openAs('lead.hughes');
    const order = await askedBeforeLoaded(page, '/api/cases', /\/assets\/DashboardPage-[^/]+\.js$/, "the dashboard's code");

    await page.goto('/?fresh=1#/dashboard');
    const table = page.getByRole('table', { name: /open cases?: overdue first/ });
    await table.getByRole('link', { name: opened.reference }).waitFor({ timeout: 20_000 });
    await expectText(connection(page), /^Live$/);
    // Live from then on: a case opened now appears without a reload.
    const next = expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Bea', lastName: 'Quill', dateOfBirth: '2019-05-06' }] })));
    await table.getByRole('link', { name: next.reference }).waitFor();

    expect(order).toEqual(['GET /api/cases', "the dashboard's code"]);
  });
});

describe('any page opened from a link', () => {
  it("asks who is signed in while the app's own code is on its way, and asks once", async () => {
    const { page } = await openAs('lead.hughes');
    const order = await askedBeforeLoaded(page, '/api/session', /\/assets\/index-[^/]+\.js$/, "the app's code");

    // Not waiting for the load event, which waits for the held script.
    await page.goto('/?fresh=1#/dashboard', { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: 20_000 });
    await expectText(connection(page), /^Live$/);

    expect(order).toEqual(['GET /api/session', "the app's code"]);
  });
});

describe('an alert waiting for the duty lead when a page opens', () => {
  it('is drawn above the page with it, so the page never jumps down as the person starts to read, and is still read out', async () => {
    const base = world.current.baseUrl;
    const [admin, lead] = await Promise.all([signIn(base, 'admin.demo'), signIn(base, 'lead.hughes')]);
    const asLead = rest(base, lead);
    // Red triage decisions due within 3 seconds, so a Red case is soon overdue and the lead alerted.
    await setTimelinessPolicy(admin, (policy) => {
      policy.ratings.red = { decisionWithinHours: 3 / 3600, basis: 'clock', warnAtFraction: 0.5 };
    });
    const red = expectResult(
      await asLead.command('case.open', { ...openCasePayload({ children: [{ firstName: 'Ivo', lastName: 'Marsh', dateOfBirth: '2016-04-11' }] }), receivedAt: new Date().toISOString() }),
    );
    expectResult(
      await asLead.command('rating.set', {
        commandId: newCommandId(),
        caseId: red.caseId,
        expectedVersion: (await asLead.view(red.caseId)).summary.version,
        rating: 'red',
        reason: 'A disclosure of harm today.',
      }),
    );
    await eventually(
      'the overdue alert',
      async () => (await asLead.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.some((a) => a.caseId === red.caseId && a.kind === 'breach' && !a.acknowledged),
      20_000,
      250,
    );

    const { page } = await openAs('lead.hughes', { viewport: PHONE, isMobile: true, hasTouch: true });
    // Every layout shift of the page's main region, as the browser reports them (Cumulative Layout Shift's own entries).
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { mainShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
          if (entry.sources?.some((s) => s.node instanceof Element && s.node.id === 'main')) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/?fresh=1#/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: 20_000 });
    await expectText(page.getByRole('region', { name: 'Alert' }), red.reference);
    await expectText(connection(page), /^Live$/);
    // The live region's words came after the banner was drawn, so a screen reader reads them out.
    await expectText(page.locator('p.visually-hidden[role="alert"]'), `Overdue: `);

    expect(await page.evaluate(() => (window as unknown as { mainShifts: number[] }).mainShifts)).toEqual([]);
  });
});
