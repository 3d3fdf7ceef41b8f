/**
 * Single sign-on through a real OpenID Connect provider (oidc-provider, its own process on a
 * loopback port) in a real Chromium: people in a mapped group get in with the mapped agency and
 * role, everyone else is refused with an explanation, disabled accounts stay out, the answer from
 * the provider is checked (state, nonce, signature) and a bad one signs nobody in, sign-out offers
 * the provider's sign-out, and passwords are kept for break-glass administrators only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Redis } from 'ioredis';
import { SSO_FAILURE_MESSAGES, type AdminUserListing, type SignInMethods } from '@mashboard/shared';
import { describePages, e2eServerEnv, PHONE, ensureClientBuilt, expectText, launchBrowser, newUserContext, screenshot } from '../support/browser.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { DEMO_PASSWORD, rest, signIn } from '../support/clients.ts';
import { startWorld, type World } from '../support/fixtures.ts';
import { startOidcProvider, type OidcProviderHandle } from '../support/oidc-provider.ts';
import { freePort } from '../support/ports.ts';
import { providerClient, signInThroughProvider, SSO_ACCOUNTS, SSO_LABEL, ssoServerEnv, writeMappingFile } from '../support/sso.ts';

let provider: OidcProviderHandle;
let world: World;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  const appPort = await freePort();
  provider = await startOidcProvider({ clients: [providerClient(appPort)], accounts: SSO_ACCOUNTS });
  world = await startWorld({
    server: { port: appPort, env: { ...e2eServerEnv(), ...ssoServerEnv({ issuer: provider.issuer, appPort, mappingFile: writeMappingFile(), localSignIn: 'admins' }) } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await browser?.close();
  await world?.dispose();
  await provider?.stop();
});

beforeEach(({ onTestFailed }) => {
  const from = contexts.length;
  onTestFailed(async () => {
    for (const context of contexts.slice(from)) console.error(await describePages(context));
    console.error(`===== server =====\n${world.logs().slice(-6_000)}\n===== provider =====\n${provider.output().slice(-3_000)}`);
  });
});

/** A fresh browser (its own cookies at Mashboard and at the provider): one person at one computer. */
async function freshPage(): Promise<Page> {
  const context = await newUserContext(browser, world.baseUrl, { bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

async function accounts(): Promise<AdminUserListing[]> {
  const admin = rest(world.baseUrl, await signIn(world.baseUrl, 'admin.demo'));
  const res = await admin.get<{ users: AdminUserListing[] }>('/api/admin/users');
  expect(res.status).toBe(200);
  return res.body.users;
}

/** The audit log's sign-in and account entries, read straight from Redis (the auditor cannot sign in with a password here). */
async function auditedSignIns(): Promise<{ action: string; outcome: string; detail?: string }[]> {
  const redis = new Redis(world.redis.url);
  try {
    const entries = await redis.xrange('mash:{audit}:log', '-', '+');
    return entries.map(([, fields]) => JSON.parse(fields[1]!) as { action: string; outcome: string; detail?: string }).filter((e) => e.action === 'sign-in' || e.action.startsWith('user.'));
  } finally {
    redis.disconnect();
  }
}

const signedInAs = (page: Page) => page.getByRole('button', { name: 'Sign out' });
const problem = (page: Page) => page.getByRole('alert');

describe('signing in through the identity provider', () => {
  it('a person in a mapped group gets in, with an account created with the agency and role their group maps to', async () => {
    const page = await freshPage();
    await page.goto('/');
    await screenshot(page, 'sso-sign-in-page');
    await expectNoAxeViolations(page, 'the sign-in page with single sign-on');
    await signInThroughProvider(page, 'sam.jones', provider.issuer);
    await signedInAs(page).waitFor();
    await expectText(page.getByRole('banner'), 'DC Sam Jones');

    const sam = (await accounts()).find((u) => u.username === 'sam.jones@police.example');
    expect(sam).toMatchObject({ name: 'DC Sam Jones', agency: 'police', role: 'practitioner', signIn: 'sso', disabled: false });
    // The session is a Mashboard session like any other: the REST API answers it as Sam.
    const session = await page.request.get('/api/session');
    expect(((await session.json()) as { user: { username: string } }).user.username).toBe('sam.jones@police.example');
    const audit = await auditedSignIns();
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'user.create', outcome: 'succeeded', detail: expect.stringContaining('sam.jones@police.example as practitioner, police, first seen through single sign-on') }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ action: 'sign-in', outcome: 'succeeded', detail: expect.stringContaining('sam.jones@police.example through single sign-on') }));
  });

  it('someone no mapping rule matches is refused with words saying why, and no account is created', async () => {
    const page = await freshPage();
    await signInThroughProvider(page, 'pat.visitor', provider.issuer);
    await expectText(problem(page), SSO_FAILURE_MESSAGES['no-mapping']);
    await screenshot(page, 'sso-refused-no-mapping');
    await expectNoAxeViolations(page, 'the sign-in page after a refusal');
    expect(await signedInAs(page).count()).toBe(0);
    expect((await page.request.get('/api/session')).status()).toBe(401);
    // The explanation is read once: the address no longer carries it, so a reload does not repeat it.
    expect(new URL(page.url()).search).toBe('');
    expect((await accounts()).some((u) => u.username === 'pat.visitor@council.example')).toBe(false);
    expect(await auditedSignIns()).toContainEqual(expect.objectContaining({ action: 'sign-in', outcome: 'denied', detail: expect.stringContaining('single sign-on refused (no-mapping)') }));
  });

  it('a disabled account is refused at the provider’s next sign-in', async () => {
    const first = await freshPage();
    await signInThroughProvider(first, 'ravi.shah', provider.issuer);
    await signedInAs(first).waitFor();
    const ravi = (await accounts()).find((u) => u.username === 'ravi.shah@nhs.example')!;
    expect(ravi).toMatchObject({ agency: 'health', role: 'duty-lead', signIn: 'sso' });

    const admin = rest(world.baseUrl, await signIn(world.baseUrl, 'admin.demo'));
    expect((await admin.post(`/api/admin/users/${ravi.userId}/disable`, {})).status).toBe(200);

    const again = await freshPage();
    await signInThroughProvider(again, 'ravi.shah', provider.issuer);
    await expectText(problem(again), SSO_FAILURE_MESSAGES.disabled);
    expect((await again.request.get('/api/session')).status()).toBe(401);
  });

  it('the provider cannot take over an account that signs in with a password', async () => {
    const page = await freshPage();
    await signInThroughProvider(page, 'lead.hughes', provider.issuer);
    await expectText(problem(page), SSO_FAILURE_MESSAGES['username-taken']);
    const hughes = (await accounts()).find((u) => u.username === 'lead.hughes')!;
    expect(hughes).toMatchObject({ signIn: 'password', role: 'duty-lead', agency: 'childrens-social-care' });
  });

  it('an account follows its groups: moved to another group at the provider, it has the new agency and role at its next sign-in', async () => {
    await provider.setAccount('sam.jones', { ...SSO_ACCOUNTS['sam.jones'], groups: ['grp-mash-managers'] });
    try {
      const page = await freshPage();
      await signInThroughProvider(page, 'sam.jones', provider.issuer);
      await signedInAs(page).waitFor();
      const sam = (await accounts()).find((u) => u.username === 'sam.jones@police.example');
      expect(sam).toMatchObject({ agency: 'childrens-social-care', role: 'mash-manager' });
    } finally {
      await provider.setAccount('sam.jones', SSO_ACCOUNTS['sam.jones']!);
    }
  });
});

describe('the provider’s answer is checked before anyone is signed in', () => {
  it('state: an answer handed to another browser, an answer with a forged state, and a replayed answer sign nobody in', async () => {
    // Sam signs in; the provider's answer (the callback address, code and state) is noted on the way.
    const sam = await freshPage();
    let answer = '';
    sam.on('request', (request) => {
      if (request.url().includes('/api/sso/callback?')) answer = request.url();
    });
    await signInThroughProvider(sam, 'sam.jones', provider.issuer);
    await signedInAs(sam).waitFor();
    expect(answer).toContain('code=');

    // The same answer in another browser (a link in an email, say): it started no attempt, so it
    // is refused, whatever the answer holds (no signing someone in as someone else).
    const other = await freshPage();
    await other.goto(answer);
    await expectText(problem(other), SSO_FAILURE_MESSAGES.expired);
    expect((await other.request.get('/api/session')).status()).toBe(401);

    // A browser that did start an attempt, handed an answer whose state is not its own: refused,
    // and that attempt is used up (the genuine answer after it is refused too).
    const forger = await freshPage();
    await forger.goto('/');
    await forger.getByRole('link', { name: SSO_LABEL }).click();
    await forger.locator('input[name="login"]').waitFor();
    const forged = new URL(answer);
    forged.searchParams.set('state', 'a-state-this-browser-never-sent');
    await forger.goto(forged.href);
    await expectText(problem(forger), SSO_FAILURE_MESSAGES['invalid-response']);
    await forger.goto(answer);
    await expectText(problem(forger), SSO_FAILURE_MESSAGES.expired);
    expect((await forger.request.get('/api/session')).status()).toBe(401);
  });

  it('nonce: an ID token, validly signed, that was not issued for this sign-in is refused', async () => {
    await provider.setMode('wrong-nonce');
    try {
      const page = await freshPage();
      await signInThroughProvider(page, 'sam.jones', provider.issuer);
      await expectText(problem(page), SSO_FAILURE_MESSAGES['invalid-response']);
      expect((await page.request.get('/api/session')).status()).toBe(401);
    } finally {
      await provider.setMode('honest');
    }
  });

  it('a tampered ID token (claims changed after signing) is refused, and gives nobody an account', async () => {
    await provider.setMode('tamper-id-token');
    try {
      const page = await freshPage();
      // Eve is in no mapped group; the tampered token claims she is a MASH manager.
      await signInThroughProvider(page, 'eve.outsider', provider.issuer);
      await expectText(problem(page), SSO_FAILURE_MESSAGES['invalid-response']);
      expect((await page.request.get('/api/session')).status()).toBe(401);
      expect((await accounts()).some((u) => u.username === 'eve@elsewhere.example')).toBe(false);
      expect(await auditedSignIns()).toContainEqual(expect.objectContaining({ action: 'sign-in', outcome: 'failed', detail: expect.stringContaining('single sign-on refused (invalid-response)') }));
    } finally {
      await provider.setMode('honest');
    }
  });
});

describe('signing out', () => {
  it('ends the Mashboard session and offers the provider’s sign-out, which ends that too', async () => {
    const page = await freshPage();
    await signInThroughProvider(page, 'sam.jones', provider.issuer);
    await signedInAs(page).click();
    const notice = page.getByRole('status').filter({ hasText: 'You have signed out of Mashboard.' });
    await expectText(notice, 'You may still be signed in to your organisation account');
    await screenshot(page, 'sso-signed-out');
    await expectNoAxeViolations(page, 'the sign-in page after signing out of an SSO account');
    expect((await page.request.get('/api/session')).status()).toBe(401);

    await notice.getByRole('link', { name: 'Sign out of your organisation account as well' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.href.startsWith(world.baseUrl));
    await page.getByRole('link', { name: SSO_LABEL }).waitFor();
    // Signed out at the provider too: the next sign-in asks for the login again.
    await page.getByRole('link', { name: SSO_LABEL }).click();
    await page.locator('input[name="login"]').waitFor();
  });
});

describe('passwords beside single sign-on (MASH_LOCAL_SIGN_IN=admins)', () => {
  it('the sign-in page offers single sign-on first, and passwords to administrators only', async () => {
    const methods = (await (await fetch(`${world.baseUrl}/api/sign-in-methods`)).json()) as SignInMethods;
    expect(methods).toEqual({ local: 'admins', sso: { label: SSO_LABEL } });
    const page = await freshPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Administrators: sign in with a Mashboard password' }).waitFor();
  });

  it('a break-glass administrator signs in with a password; a practitioner’s right password is refused like a wrong one', async () => {
    expect((await signIn(world.baseUrl, 'admin.demo')).user.role).toBe('admin');
    const res = await fetch(`${world.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: world.baseUrl },
      body: JSON.stringify({ username: 'pc.evans', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('The username or password is not right, or the account cannot sign in.');
  });

  it('the admin sees how people sign in and the mapping rules, and SSO accounts cannot be given a password or a role here', async () => {
    const page = await freshPage();
    await page.goto('/#/admin/users');
    await page.getByLabel('Username', { exact: true }).fill('admin.demo');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const section = page.getByRole('region', { name: 'Sign-in and single sign-on' });
    await expectText(section, 'Only administrators may sign in with a Mashboard password');
    await expectText(section, provider.issuer);
    const rules = section.getByRole('table');
    await expectText(rules.getByRole('row').nth(1), /1\s*groups\s*MASH police team\s*grp-police-mash\s*Police\s*Practitioner/);
    await expectText(rules.getByRole('row').nth(2), /Health\s*Duty lead/);
    await screenshot(page, 'sso-admin-users');
    await expectNoAxeViolations(page, 'the users page with the sign-in settings');
    await page.setViewportSize(PHONE);
    await section.getByRole('heading', { name: 'Who gets which agency and role' }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'sso-admin-users-phone');

    await signInThroughProvider(await freshPage(), 'sam.jones', provider.issuer);
    const admin = rest(world.baseUrl, await signIn(world.baseUrl, 'admin.demo'));
    const sso = (await accounts()).find((u) => u.username === 'sam.jones@police.example')!;
    const password = await admin.post(`/api/admin/users/${sso.userId}/password`, { password: 'a-long-enough-new-password-2026' });
    expect(password.status).toBe(409);
    const role = await admin.post(`/api/admin/users/${sso.userId}/role`, { role: 'admin', agency: 'police' });
    expect(role.status).toBe(409);
  });
});
