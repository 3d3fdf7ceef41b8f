/**
 * A password session in a real browser, from sign-in to its end: signing out from the header, and
 * a session ended elsewhere (by an administrator) taking the open page back to the sign-in page
 * with the reason, after which the person signs in again in the same page (no reload).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, rest, signIn } from '../support/clients.ts';
import { connection, expectText, useBrowserWorld } from '../support/browser.ts';

const { world, person } = useBrowserWorld();

/** The sign-in page's notice saying why the person is there. */
function notice(page: Page, text: string) {
  return page.getByRole('status').filter({ hasText: text });
}

describe('a password session', () => {
  it('signing out ends the session on the server and comes back to the sign-in page saying so', async () => {
    const page = await person('sw.okafor');
    await expectText(connection(page), /^Live$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await notice(page, 'You have signed out of Mashboard.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Mashboard' }).waitFor();
    expect((await page.request.get('/api/session')).status()).toBe(401);
  });

  it('ended by an administrator, the open page goes to sign-in with the reason, and signing in again works', async () => {
    const page = await person('pc.evans');
    await expectText(connection(page), /^Live$/);
    const admin = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'admin.demo'));
    const police = await signIn(world.current.baseUrl, 'pc.evans');
    expect((await admin.post(`/api/admin/users/${police.user.userId}/end-sessions`, {})).status).toBe(200);

    await notice(page, 'Your session ended: An administrator ended your session.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Mashboard' }).waitFor();
    expect((await page.request.get('/api/session')).status()).toBe(401);

    // The same page, not reloaded, signs in again: a new connection, live.
    await page.getByLabel('Username', { exact: true }).fill('pc.evans');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectText(connection(page), /^Live$/);
  });
});
