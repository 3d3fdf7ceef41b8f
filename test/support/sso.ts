/**
 * Single sign-on in the tests: the people known to the test identity provider, the mapping of
 * their groups to agency and role, the server settings that point Mashboard at the provider, and
 * signing in through the provider's own pages in Chromium.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SsoMapping } from '@mashboard/shared';
import type { ProviderClient } from './oidc-provider.ts';

export const SSO_CLIENT_ID = 'mashboard';
export const SSO_CLIENT_SECRET = 'test-client-secret-held-by-mashboard';
export const SSO_LABEL = 'Sign in with your council account';

/** Groups at the provider → agency and role here. */
export const SSO_MAPPING: SsoMapping = {
  rules: [
    { claim: 'groups', value: 'grp-police-mash', agency: 'police', role: 'practitioner', label: 'MASH police team' },
    { claim: 'groups', value: 'grp-health-leads', agency: 'health', role: 'duty-lead', label: 'Health duty leads' },
    { claim: 'groups', value: 'grp-mash-managers', agency: 'childrens-social-care', role: 'mash-manager', label: 'MASH managers' },
  ],
};

/** The provider's accounts (login → claims). Only `sam.jones`, `ravi.shah` and `lead.hughes` are in a mapped group. */
export const SSO_ACCOUNTS: Record<string, Record<string, unknown>> = {
  'sam.jones': { name: 'DC Sam Jones', preferred_username: 'sam.jones@police.example', email: 'sam.jones@police.example', groups: ['grp-all-staff', 'grp-police-mash'] },
  'ravi.shah': { name: 'Ravi Shah', preferred_username: 'ravi.shah@nhs.example', email: 'ravi.shah@nhs.example', groups: ['grp-health-leads'] },
  'pat.visitor': { name: 'Pat Visitor', preferred_username: 'pat.visitor@council.example', email: 'pat.visitor@council.example', groups: ['grp-all-staff'] },
  // Same username as a demo account that signs in with a password.
  'lead.hughes': { name: 'Rhian Hughes', preferred_username: 'lead.hughes', groups: ['grp-police-mash'] },
  'eve.outsider': { name: 'Eve Outsider', preferred_username: 'eve@elsewhere.example', groups: ['grp-all-staff'] },
};

export function providerClient(appPort: number, secret = SSO_CLIENT_SECRET): ProviderClient {
  return {
    client_id: SSO_CLIENT_ID,
    client_secret: secret,
    redirect_uris: [`http://127.0.0.1:${appPort}/api/sso/callback`],
    post_logout_redirect_uris: [`http://127.0.0.1:${appPort}/`],
  };
}

/** Writes a mapping file in a fresh temporary folder; returns its path. */
export function writeMappingFile(mapping: unknown = SSO_MAPPING): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mash-sso-')), 'mapping.json');
  writeFileSync(file, JSON.stringify(mapping, null, 2));
  return file;
}

/** The server's single sign-on settings for a provider and the app's port. */
export function ssoServerEnv(options: { issuer: string; appPort: number; mappingFile: string; secret?: string; localSignIn?: 'on' | 'admins' | 'off' }): Record<string, string> {
  return {
    OIDC_ISSUER: options.issuer,
    OIDC_CLIENT_ID: SSO_CLIENT_ID,
    OIDC_CLIENT_SECRET: options.secret ?? SSO_CLIENT_SECRET,
    OIDC_REDIRECT_URI: `http://127.0.0.1:${options.appPort}/api/sso/callback`,
    OIDC_SCOPES: 'openid profile email groups',
    OIDC_MAPPING_FILE: options.mappingFile,
    OIDC_LABEL: SSO_LABEL,
    MASH_LOCAL_SIGN_IN: options.localSignIn ?? 'on',
  };
}

/**
 * From Mashboard's sign-in page, through the provider's sign-in and consent pages, as `login`
 * (the test provider checks no password), in a browser that has not been to the provider before.
 * Resolves once the browser is back on Mashboard.
 */
export async function signInThroughProvider(page: Page, login: string, issuer: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: SSO_LABEL }).click();
  await passProviderPages(page, login);
  await page.waitForURL((url) => !url.href.startsWith(issuer));
}

/** The provider's own pages: its sign-in form, then its consent question (first time in a browser). */
export async function passProviderPages(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('not-checked-by-the-test-provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}
