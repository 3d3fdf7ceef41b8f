/**
 * Single sign-on with an OpenID Connect provider (Microsoft Entra ID above all), through
 * `openid-client`: the authorization code flow with PKCE, state and nonce. Each attempt's secrets
 * are kept in Redis under a random id that only the browser which started it holds (an httpOnly
 * cookie), are read once, and expire in minutes; the callback checks the state, exchanges the code
 * with the PKCE verifier and the client secret, and checks the ID token (signature, issuer,
 * audience, expiry, nonce) before any claim is believed. Nothing here ever falls back to a weaker
 * check: an answer that fails one is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { SsoFailure } from '@mashboard/shared';
import type { SsoConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { RedisClient } from '../redis.ts';
import { keys } from '../store/keys.ts';

/** How long a person has to sign in at the provider before the attempt is forgotten. */
export const SSO_FLOW_SECONDS = 10 * 60;
/** How long discovery (at start-up) and each call to the provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** A single sign-on attempt that signed nobody in: the reason the person is shown, and the detail logged. */
export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoFailure,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const flowKey = (flowId: string) => keys.ssoFlow(createHash('sha256').update(flowId).digest('base64url'));

/** Plain-http issuers are allowed only for a provider on this machine, outside production (tests). */
function insecureAllowed(settings: SsoConfig, env: string): boolean {
  if (env === 'production') return false;
  const host = new URL(settings.issuer).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export class SingleSignOn {
  private constructor(
    readonly settings: SsoConfig,
    private readonly provider: oidc.Configuration,
    private readonly redis: RedisClient,
  ) {}

  /**
   * Reads the provider's discovery document (OIDC_ISSUER/.well-known/openid-configuration) and
   * checks it names the same issuer. A provider that does not answer, or answers as another
   * issuer, stops the start with the setting to check: never a start without the sign-in it was
   * configured for.
   */
  static async connect(settings: SsoConfig, env: string, redis: RedisClient, log: Logger): Promise<SingleSignOn> {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol !== 'https:' && !insecureAllowed(settings, env)) {
      throw new Error(`OIDC_ISSUER must be an https:// address (it is ${settings.issuer}); plain http is allowed only for a provider on this machine outside production.`);
    }
    let provider: oidc.Configuration;
    try {
      provider = await oidc.discovery(issuer, settings.clientId, { redirect_uris: [settings.redirectUri], response_types: ['code'] }, oidc.ClientSecretPost(settings.clientSecret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // The ID token's signature is checked against the provider's published keys even though it
        // comes straight from the token endpoint: TLS alone would trust whatever a TLS-inspecting
        // proxy or a compromised hop handed over, and a claim decides who sees a child's record.
        execute: [oidc.enableNonRepudiationChecks, ...(issuer.protocol === 'https:' ? [] : [oidc.allowInsecureRequests])],
      });
    } catch (error) {
      throw new Error(
        `Single sign-on: the identity provider at OIDC_ISSUER=${settings.issuer} could not be discovered (${describeError(error)}). ` +
          'Check OIDC_ISSUER: it must be the issuer exactly as the provider names itself (for Microsoft Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0), and the provider must be reachable from this server.',
        { cause: error },
      );
    }
    const metadata = provider.serverMetadata();
    if (!metadata.end_session_endpoint) log.info('single sign-on: the provider offers no end_session_endpoint, so sign-out cannot offer to sign out there too');
    log.info({ issuer: metadata.issuer }, 'single sign-on ready');
    return new SingleSignOn(settings, provider, redis);
  }

  /** Starts an attempt: the id for the browser's cookie and the provider's address to send it to. */
  async begin(): Promise<{ flowId: string; authorizationUrl: string }> {
    const flowId = randomBytes(32).toString('base64url');
    const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    await this.redis.set(flowKey(flowId), JSON.stringify(flow), 'EX', SSO_FLOW_SECONDS);
    const url = oidc.buildAuthorizationUrl(this.provider, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { flowId, authorizationUrl: url.href };
  }

  /**
   * Finishes an attempt from the provider's answer (the callback's query string): the attempt is
   * read once (a replayed answer finds nothing), then openid-client checks the state, exchanges
   * the code (PKCE verifier, client secret) and checks the ID token, nonce included. Returns the
   * ID token's claims; anything else is an SsoRefusal.
   */
  async complete(flowId: string | undefined, query: string): Promise<oidc.IDToken> {
    const stored = flowId && flowId.length <= 100 ? await this.redis.getdel(flowKey(flowId)) : null;
    if (!stored) throw new SsoRefusal('expired', flowId ? 'no such sign-in attempt (expired, or already used)' : 'no sign-in attempt cookie');
    const flow = JSON.parse(stored) as Flow;
    // The redirect URI as registered, not as this request arrived (behind a proxy the two differ).
    const answer = new URL(this.settings.redirectUri);
    answer.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(this.provider, answer, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SsoRefusal('invalid-response', 'the token response held no ID token');
      return claims;
    } catch (error) {
      throw refusalFor(error);
    }
  }

  /** The provider's sign-out page for this client, or null when it offers none. */
  endSessionUrl(): string | null {
    if (!this.provider.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(this.provider, { client_id: this.settings.clientId, post_logout_redirect_uri: this.settings.postLogoutRedirectUri }).href;
  }
}

function describeError(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string }; code?: string };
  const cause = e.cause?.code ?? e.cause?.message;
  return [e.message ?? String(error), cause].filter(Boolean).join(': ');
}

/** Why openid-client refused the answer, as the reason shown and the detail logged. */
function refusalFor(error: unknown): SsoRefusal {
  if (error instanceof SsoRefusal) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    // The provider itself said no (e.g. access_denied, or the person cancelled).
    return new SsoRefusal('refused-by-provider', `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`);
  }
  if (error instanceof oidc.ResponseBodyError) {
    if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
      return new SsoRefusal('misconfigured', `the token endpoint refused this client (${error.error}: ${error.error_description ?? 'no description'}): check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET`);
    }
    if (error.error === 'invalid_grant' && /redirect/i.test(error.error_description ?? '')) {
      return new SsoRefusal('misconfigured', `the token endpoint refused the redirect URI (${error.error_description}): OIDC_REDIRECT_URI must be registered at the provider exactly`);
    }
    return new SsoRefusal('invalid-response', `the token endpoint answered ${error.status} ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`);
  }
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === 'TypeError' || e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new SsoRefusal('unavailable', `the provider could not be reached (${describeError(error)})`);
  }
  // State, nonce, signature, issuer, audience, expiry: every check openid-client makes on the answer.
  return new SsoRefusal('invalid-response', `${e.code ?? e.name ?? 'error'}: ${e.message ?? String(error)}`);
}
