/**
 * The board, read at a glance, in a real browser: a fact and an opinion look different (edge, tint
 * and the card's first word), the badges stay beside the author on the meeting-room screen, the
 * board filters like the chronology, and the chronology calls late only what its agency recorded
 * late, not old records shared today. axe (WCAG 2.2 AA) on the filtered board, desktop and phone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { factPayload, opinionPayload, openCasePayload } from '../support/fixtures.ts';
import { connection, DESKTOP, expectText, PHONE, useBrowserWorld } from '../support/browser.ts';
import { screenChecks } from '../support/axe.ts';

const { world, openAs } = useBrowserWorld();
const { overflow, check } = screenChecks('glance-');

let asPolice: Rest;
let asHealth: Rest;
let c: { id: string; reference: string };

beforeAll(async () => {
  const url = world.current.baseUrl;
  asPolice = rest(url, await signIn(url, 'pc.evans'));
  asHealth = rest(url, await signIn(url, 'hv.patel'));
  const opened = expectResult(await asPolice.command('case.open', openCasePayload({ children: [{ firstName: 'Vera', lastName: 'Winslow', dateOfBirth: '2019-06-02' }] })));
  c = { id: opened.caseId, reference: opened.reference };
  expectResult(await asPolice.command('contribution.add', factPayload(c.id, { text: 'Police attended the home last week after a neighbour heard screaming. [glance fact]' })));
  expectResult(
    await asHealth.command(
      'contribution.add',
      opinionPayload(c.id, {
        text: 'In my view Vera’s development is delayed by neglect. [glance opinion]',
        timeframe: 'historic',
        relevance: 'Same concerns as now',
        happened: { precision: 'exact', date: '2021-03-14' },
      }),
    ),
  );
  // An A&E attendance in 2021, shared today from health records: not late. One written up five weeks after: late.
  expectResult(
    await asHealth.command(
      'contribution.add',
      factPayload(c.id, {
        text: 'A&E attendance with a scald. [glance old record]',
        timeframe: 'historic',
        relevance: 'An earlier injury',
        happened: { precision: 'exact', date: '2021-05-02' },
        agencyRecordedOn: '2021-05-02',
      }),
    ),
  );
  expectResult(
    await asHealth.command(
      'contribution.add',
      factPayload(c.id, {
        text: 'GP note of a bruise. [glance written up late]',
        timeframe: 'historic',
        relevance: 'An earlier injury',
        happened: { precision: 'exact', date: '2021-06-01' },
        agencyRecordedOn: '2021-07-08',
      }),
    ),
  );
}, 120_000);

async function openBoard(page: Page): Promise<void> {
  await page.goto(`/#/cases/${c.id}`);
  await page.getByRole('heading', { level: 1, name: `Case ${c.reference}` }).waitFor();
  await expectText(connection(page), /^Live$/);
}

const card = (page: Page, text: string) => page.getByRole('list', { name: 'Contributions' }).getByRole('listitem').filter({ hasText: text });

describe('a fact and an opinion at a glance', () => {
  it('differ in edge, tint and first word, and the badges stay beside the author on a large screen', async () => {
    const { page } = await openAs('sw.okafor', { viewport: { width: 1920, height: 1080 } });
    await openBoard(page);
    const fact = card(page, '[glance fact]');
    const opinion = card(page, '[glance opinion]');
    expect((await fact.getByRole('heading').textContent())?.trim()).toMatch(/^Fact/);
    expect((await opinion.getByRole('heading').textContent())?.trim()).toMatch(/^Opinion/);
    const look = (l: typeof fact) => l.evaluate((el) => ({ style: getComputedStyle(el).borderLeftStyle, background: getComputedStyle(el).backgroundColor }));
    const [f, o] = [await look(fact), await look(opinion)];
    expect(f.style).not.toBe(o.style);
    expect(f.background).not.toBe(o.background);

    await page.getByRole('button', { name: 'Large screen' }).click();
    const title = opinion.getByRole('heading');
    const badges = opinion.locator('.entry__badges');
    const [t, b] = [await title.boundingBox(), await badges.boundingBox()];
    // Beside, not below: the badges start above the heading's bottom edge.
    expect(b!.y).toBeLessThan(t!.y + t!.height);
    expect(b!.x).toBeGreaterThan(t!.x);
    await page.getByRole('button', { name: 'Large screen' }).click();
  });
});

describe('the board filters like the chronology', () => {
  it('by fact or opinion, current or historic, and agency; it says how many it shows', async () => {
    const { page } = await openAs('sw.okafor');
    await openBoard(page);
    await page.getByText('Filter the board').click();
    await page.getByRole('checkbox', { name: 'Facts' }).uncheck();
    await expectText(page.getByRole('status').filter({ hasText: 'Showing' }), 'Showing 1 of 4 contributions.');
    expect(await card(page, '[glance fact]').count()).toBe(0);
    await card(page, '[glance opinion]').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('checkbox', { name: 'Historic' }).uncheck();
    await expectText(page.getByRole('status').filter({ hasText: 'Showing' }), 'Showing 1 of 4 contributions.');
    await card(page, '[glance fact]').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('checkbox', { name: 'Health' }).uncheck();
    await expectText(page.getByRole('status').filter({ hasText: 'Showing' }), 'Showing 1 of 4 contributions.');
    await page.getByRole('checkbox', { name: 'Police' }).uncheck();
    await page.getByText('No contributions match the filters.').waitFor();
  });
});

describe('recorded late', () => {
  it('the chronology marks what its agency recorded late, not old records shared today', async () => {
    const { page } = await openAs('sw.okafor');
    await page.goto(`/#/cases/${c.id}/chronology`);
    await page.getByRole('heading', { level: 1, name: /Chronology/ }).waitFor();
    const row = (text: string) => page.getByRole('row').filter({ hasText: text });
    await row('[glance written up late]').waitFor();
    expect(await row('[glance written up late]').innerText()).toMatch(/Recorded late/i);
    expect(await row('[glance written up late]').innerText()).toContain('Recorded by Health on 8 July 2021; shared with the MASH');
    expect(await row('[glance old record]').innerText()).not.toMatch(/Recorded late/i);
    expect(await row('[glance opinion]').innerText()).not.toMatch(/Recorded late/i);
  });
});

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`axe at ${viewport.width}×${viewport.height}`, () => {
    it('the board with its filters open and in use', async () => {
      const { page } = await openAs('sw.okafor', { viewport, isMobile: label === 'phone', hasTouch: label === 'phone', bypassCSP: true });
      await openBoard(page);
      await page.getByText('Filter the board').click();
      await page.getByRole('checkbox', { name: 'Facts' }).uncheck();
      await card(page, '[glance opinion]').waitFor();
      await check(page, `${label}-board-filtered`, `the filtered board (${label})`);
    });
  });
}

describe('reflow', () => {
  it('no screen here scrolls sideways', () => {
    expect(overflow).toEqual([]);
  });
});
