/**
 * The single sign-on routes: what the sign-in page offers, the start of an attempt (to the
 * provider), its callback (back from it), and the admin's view of how people sign in. A person the
 * provider vouches for is signed in only if the mapping gives them an agency and a role and their
 * account is not disabled; an account first seen here is created with what the mapping gives, and
 * a later sign-in brings its agency and role back in line with the mapping.
 */
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { Router, type Response } from 'express';
import { agencyName, mapClaims, type LocalSignIn, type SignInMethods, type SignInSettings, type SsoFailure } from '@mashboard/shared';
import type { AgencyStore } from '../admin/agencies.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited } from '../audit/audited.ts';
import type { Logger } from '../logger.ts';
import { authorize } from '../policies.ts';
import { endPreviousSession, handle, requireAuth, sessionCookie, viaRest } from './http.ts';
import type { Sessions } from './sessions.ts';
import { SSO_FLOW_SECONDS, SsoRefusal, type SingleSignOn } from './sso.ts';
import type { UserRecord, Users } from './users.ts';
import { refuse } from '../errors.ts';
import { execAll, type RedisClient } from '../redis.ts';
import { keys } from '../store/keys.ts';

/** Attempts one address may start in 15 minutes (each holds a few hundred bytes in Redis for 10). */
const STARTS_PER_ADDRESS = { limit: 600, windowSeconds: 15 * 60 };

/** The cookie that ties the provider's answer to the browser that asked (Lax: the answer is a cross-site navigation). */
const flowCookieName = (secure: boolean) => (secure ? '__Host-mash.sso' : 'mash.sso');

/** A username from a claim: lower-case, trimmed, at most 100 characters; null when the claim is not a usable string. */
function usernameFrom(claim: unknown): string | null {
  if (typeof claim !== 'string') return null;
  const name = claim.trim().toLowerCase();
  return name.length >= 1 && name.length <= 100 ? name : null;
}

export function ssoRoutes(deps: {
  sso: SingleSignOn | null;
  localSignIn: LocalSignIn;
  redis: RedisClient;
  users: Users;
  sessions: Sessions;
  agencies: AgencyStore;
  audit: AuditLog;
  cookieSecure: boolean;
  log: Logger;
  onSignOut: (sessionKey: string) => void;
  endUserSockets: (userId: string, reason: string) => void;
}): Router {
  const { sso, users, sessions, audit, log } = deps;
  const router = Router();
  const flowCookie = flowCookieName(deps.cookieSecure);
  const setFlowCookie = (res: Response, value: string, maxAge: number) =>
    res.append('Set-Cookie', serializeCookie(flowCookie, value, { httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure, path: '/', maxAge }));

  router.get('/sign-in-methods', (_req, res) => {
    const methods: SignInMethods = { local: deps.localSignIn, sso: sso ? { label: sso.settings.label } : null };
    res.json(methods);
  });

  router.get(
    '/sso/start',
    handle(async (req, res) => {
      if (!sso) refuse('not-found', 'Single sign-on is not set up on this server.');
      const counter = keys.signInFailures(`sso-start:address:${req.ip ?? 'unknown'}`);
      const [count] = await execAll(deps.redis.multi().incr(counter).expire(counter, STARTS_PER_ADDRESS.windowSeconds, 'NX'));
      if (Number(count) > STARTS_PER_ADDRESS.limit) {
        res.set('Retry-After', String(STARTS_PER_ADDRESS.windowSeconds));
        refuse('rate-limited', 'Too many sign-in attempts from this address. Wait 15 minutes, then try again.');
      }
      const { flowId, authorizationUrl } = await sso.begin();
      setFlowCookie(res, flowId, SSO_FLOW_SECONDS);
      res.redirect(303, authorizationUrl);
    }),
  );

  router.get(
    '/sso/callback',
    handle(async (req, res) => {
      if (!sso) refuse('not-found', 'Single sign-on is not set up on this server.');
      const tried = { action: 'sign-in', objectType: 'user', channel: 'rest', ...(req.ip ? { ip: req.ip } : {}) };
      // The attempt is over whatever happens next: its cookie goes.
      setFlowCookie(res, '', 0);
      const fail = async (reason: SsoFailure, detail: string, user?: UserRecord): Promise<void> => {
        const entry = `single sign-on refused (${reason}): ${detail}`.slice(0, 500);
        if (reason === 'misconfigured' || reason === 'unavailable') log.error({ reason }, entry);
        else log.warn({ reason }, entry);
        await audit.record({ ...tried, outcome: reason === 'disabled' || reason === 'no-mapping' ? 'denied' : 'failed', ...(user ? { objectId: user.id } : {}), detail: entry });
        res.redirect(303, `/?sso-error=${reason}`);
      };

      const query = new URL(req.originalUrl, 'http://callback.invalid').search;
      let claims;
      try {
        claims = await sso.complete(parseCookie(req.headers.cookie ?? '')[flowCookie], query);
      } catch (error) {
        if (error instanceof SsoRefusal) return fail(error.reason, error.detail);
        throw error;
      }

      const identity = { issuer: claims.iss, subject: claims.sub };
      const known = await users.findBySso(identity);
      if (known?.disabled) return fail('disabled', `${known.username} is disabled`, known);
      const mapped = mapClaims(sso.settings.mapping, claims);
      const looked = [...new Set(sso.settings.mapping.rules.map((r) => r.claim))].map((c) => `${c}=${JSON.stringify(claims[c] ?? null).slice(0, 200)}`).join(', ');
      if (!mapped) return fail('no-mapping', `no mapping rule matches ${known?.username ?? `subject ${claims.sub}`} (${looked})`, known ?? undefined);
      const agency = await deps.agencies.get(mapped.agency);
      if (!agency?.active) {
        return fail(
          'misconfigured',
          `mapping rule ${mapped.ruleIndex + 1} names agency ${mapped.agency}, which is ${agency ? 'no longer active' : 'not a known agency'}: fix OIDC_MAPPING_FILE`,
          known ?? undefined,
        );
      }

      let user: UserRecord;
      if (!known) {
        const username = usernameFrom(claims[sso.settings.usernameClaim]);
        if (!username) return fail('misconfigured', `the ID token has no usable ${sso.settings.usernameClaim} claim: set OIDC_USERNAME_CLAIM to one it has (e.g. preferred_username or email)`);
        const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : username;
        const created = await users.createFromSso({ identity, username, name, agency: mapped.agency, role: mapped.role });
        if (!created) return fail('username-taken', `${username} already belongs to an account that signs in with a password`);
        if (created.disabled) return fail('disabled', `${created.username} is disabled`, created);
        user = created;
        await audit.record({
          action: 'user.create',
          outcome: 'succeeded',
          objectType: 'user',
          objectId: user.id,
          detail: `${user.username} as ${user.role}, ${user.agency}, first seen through single sign-on (mapping rule ${mapped.ruleIndex + 1})`,
          channel: 'rest',
          ...(req.ip ? { ip: req.ip } : {}),
        });
      } else if (known.role !== mapped.role || known.agency !== mapped.agency) {
        // The provider's groups are the source of truth: a move there moves the account here, and
        // the account's other sessions end (as when an admin changes a role).
        await users.setRole(known.id, mapped.role, mapped.agency);
        await sessions.endAllFor(known.id);
        deps.endUserSockets(known.id, 'Your role changed: sign in again.');
        await audit.record({
          action: 'user.role-change',
          outcome: 'succeeded',
          objectType: 'user',
          objectId: known.id,
          detail: `from ${known.role}, ${known.agency} to ${mapped.role}, ${mapped.agency} by the single sign-on mapping (rule ${mapped.ruleIndex + 1})`,
          channel: 'rest',
          ...(req.ip ? { ip: req.ip } : {}),
        });
        user = { ...known, role: mapped.role, agency: mapped.agency };
      } else {
        user = known;
      }

      await endPreviousSession(req, sessions, deps.onSignOut);
      const { cookieValue } = await sessions.start(user.id);
      await audit.record({
        ...tried,
        outcome: 'succeeded',
        objectId: user.id,
        actor: auditActor({ userId: user.id, name: user.name, agency: user.agency, role: user.role }),
        detail: `username ${user.username} through single sign-on (${agencyName(user.agency)}, mapping rule ${mapped.ruleIndex + 1})`,
      });
      res.append('Set-Cookie', sessionCookie(sessions, deps.cookieSecure, cookieValue, Math.floor(sessions.absoluteSeconds())));
      res.redirect(303, '/');
    }),
  );

  router.get(
    '/admin/sign-in',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const settings = await audited(audit, { action: 'sign-in-settings.read', actor: auditActor(actor), objectType: 'settings', objectId: 'sign-in' }, viaRest(req), () => {
        authorize(actor, 'users.admin');
        const view: SignInSettings = {
          local: deps.localSignIn,
          sso: sso
            ? {
                label: sso.settings.label,
                issuer: sso.settings.issuer,
                clientId: sso.settings.clientId,
                redirectUri: sso.settings.redirectUri,
                scopes: sso.settings.scopes,
                usernameClaim: sso.settings.usernameClaim,
                mapping: sso.settings.mapping,
              }
            : null,
        };
        return view;
      });
      res.json(settings);
    }),
  );

  return router;
}
