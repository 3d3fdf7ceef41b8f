/**
 * A page opened from a link, on a fresh load, in a real browser: a case board asks for its case,
 * and the dashboard for the open cases, while its own code is still on the way, not after (on a
 * phone those were one after the other), and reads it once: the socket then goes on from there.
 * Before either, the page asks who is signed in as it arrives, not once the app's script has run.
 */
import { describe, expect, it } from 'vitest';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { connection, expectText, useBrowserWorld } from '../support/browser.ts';

const { world, openAs } = useBrowserWorld();

describe('a case board opened from a link', () => {
  it("asks for its case while the board's code is on its way, and reads it once", async () => {
    const asPolice = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
    const opened = expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Nell', lastName: 'Foster', dateOfBirth: '2018-01-09' }] })));
    expectResult(await asPolice.command('contribution.add', factPayload(opened.caseId, { text: 'School reports Nell arrived hungry three days this week. [first load]' })));
    const { page } = await openAs('pc.evans');

    const order: string[] = [];
    const casePath = `/api/cases/${opened.caseId}`;
    let caseAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => (caseAsked = resolve));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== casePath) return;
      order.push(`${request.method()} ${casePath}`);
      caseAsked();
    });
    // The board's code is held until the case has been asked for (at most 10 s): a board that asked
    // only once its code had run would be sent its code first.
    await page.route(/\/assets\/CaseBoardPage-[^/]+\.js$/, async (route) => {
      await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      order.push("the board's code");
      await route.continue();
    });

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

    const order: string[] = [];
    let listAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => (listAsked = resolve));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/api/cases') return;
      order.push('GET /api/cases');
      listAsked();
    });
    // The dashboard's code is held until the list has been asked for (at most 10 s), as the board's above.
    await page.route(/\/assets\/DashboardPage-[^/]+\.js$/, async (route) => {
      await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      order.push("the dashboard's code");
      await route.continue();
    });

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

    const order: string[] = [];
    let sessionAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => (sessionAsked = resolve));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/api/session') return;
      order.push(`${request.method()} /api/session`);
      sessionAsked();
    });
    // The app's entry script is held until the session has been asked for (at most 10 s): an app
    // that asked only once its script had run would be sent its script first.
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      order.push("the app's code");
      await route.continue();
    });

    await page.goto('/?fresh=1#/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: 20_000 });
    await expectText(connection(page), /^Live$/);

    expect(order).toEqual(['GET /api/session', "the app's code"]);
  });
});
