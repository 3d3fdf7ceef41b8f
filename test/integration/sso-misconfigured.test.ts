/**
 * Single sign-on set up wrongly: each mistake gives a clear error, at start-up when it can be
 * known then, at the first sign-in otherwise, and never a start or a sign-in with less checking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SSO_FAILURE_MESSAGES } from '@mashboard/shared';
import { e2eServerEnv, ensureClientBuilt, expectText, launchBrowser, newUserContext } from '../support/browser.ts';
import { startOidcProvider, type OidcProviderHandle } from '../support/oidc-provider.ts';
import { freePort } from '../support/ports.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { startServer, type ServerHandle } from '../support/server.ts';
import { passProviderPages, providerClient, SSO_ACCOUNTS, SSO_LABEL, SSO_MAPPING, ssoServerEnv, writeMappingFile } from '../support/sso.ts';

let redis: RedisHandle;
let provider: OidcProviderHandle;
let browser: Browser | undefined;
const servers: ServerHandle[] = [];
/** The port the provider has the client's redirect URI registered for. */
let registeredPort: number;

beforeAll(async () => {
  registeredPort = await freePort();
  redis = await startRedis();
  provider = await startOidcProvider({ clients: [providerClient(registeredPort)], accounts: SSO_ACCOUNTS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.stop()));
  await provider?.stop();
  await redis?.dispose();
});

/** Starting the server with these settings fails; resolves to what it said. */
async function startFails(env: Record<string, string>, port?: number): Promise<string> {
  const started = startServer({ redisUrl: redis.url, demo: false, ...(port ? { port } : {}), env });
  const error = await started.then(
    (server) => {
      servers.push(server);
      return null;
    },
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('the server started, but it should have refused these settings');
  return error.message;
}

async function startsWith(env: Record<string, string>, port: number): Promise<ServerHandle> {
  const server = await startServer({ redisUrl: redis.url, demo: false, port, env: { ...e2eServerEnv(), ...env } });
  servers.push(server);
  return server;
}

describe('at start-up', () => {
  it('an issuer where no provider answers stops the start, naming OIDC_ISSUER', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const said = await startFails(ssoServerEnv({ issuer: nobody, appPort: registeredPort, mappingFile: writeMappingFile() }), registeredPort);
    expect(said).toContain(`the identity provider at OIDC_ISSUER=${nobody} could not be discovered`);
  });

  it('a provider that answers as another issuer stops the start (its tokens would be for someone else)', async () => {
    const other = provider.issuer.replace('127.0.0.1', 'localhost');
    const said = await startFails(ssoServerEnv({ issuer: other, appPort: registeredPort, mappingFile: writeMappingFile() }), registeredPort);
    expect(said).toMatch(/could not be discovered \(.*issuer/i);
  });

  it('a redirect URI that does not point at this server stops the start, naming OIDC_REDIRECT_URI', async () => {
    const elsewhere = await freePort();
    const said = await startFails(ssoServerEnv({ issuer: provider.issuer, appPort: registeredPort, mappingFile: writeMappingFile() }), elsewhere);
    expect(said).toContain(`OIDC_REDIRECT_URI (http://127.0.0.1:${registeredPort}/api/sso/callback) does not point at this server`);
  });

  it('a mapping rule naming an agency that does not exist stops the start, naming the rule', async () => {
    const mapping = { rules: [...SSO_MAPPING.rules, { claim: 'groups', value: 'grp-fire', agency: 'fire-service', role: 'practitioner' }] };
    const said = await startFails(ssoServerEnv({ issuer: provider.issuer, appPort: registeredPort, mappingFile: writeMappingFile(mapping) }), registeredPort);
    expect(said).toContain('OIDC_MAPPING_FILE: rule 4 names agency "fire-service", which is not a known agency');
  });
});

describe('at the first sign-in', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    browser = await launchBrowser();
  }, 180_000);

  it('a wrong client secret: nobody is signed in, the person is told it is not set up right, and the log names OIDC_CLIENT_SECRET', async () => {
    const server = await startsWith(ssoServerEnv({ issuer: provider.issuer, appPort: registeredPort, mappingFile: writeMappingFile(), secret: 'not-the-secret-the-provider-holds' }), registeredPort);
    const context = await newUserContext(browser!, server.baseUrl);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('link', { name: SSO_LABEL }).click();
      await passProviderPages(page, 'sam.jones');
      await page.waitForURL((url) => url.href.startsWith(server.baseUrl));
      await expectText(page.getByRole('alert'), SSO_FAILURE_MESSAGES.misconfigured);
      expect((await page.request.get('/api/session')).status()).toBe(401);
      expect(server.output()).toMatch(/single sign-on refused \(misconfigured\): the token endpoint refused this client \(invalid_client.*check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  it('a redirect URI the provider does not have registered: the provider refuses to start the sign-in, and nobody is signed in', async () => {
    const unregistered = await freePort();
    const server = await startsWith(ssoServerEnv({ issuer: provider.issuer, appPort: unregistered, mappingFile: writeMappingFile() }), unregistered);
    const context = await newUserContext(browser!, server.baseUrl);
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('link', { name: SSO_LABEL }).click();
      await page.waitForURL((url) => url.href.startsWith(provider.issuer));
      await expectText(page.locator('body'), /redirect_uri did not match any of the client's registered redirect_uris/);
      expect((await page.request.get(`${server.baseUrl}/api/session`)).status()).toBe(401);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
