/** Express side of authentication: the session on each request, CSRF proof, sign-in and sign-out. */
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { execAll, type RedisClient } from '../redis.ts';
import { SignInSchema, type Actor, type LocalSignIn, type SessionUser } from '@mashboard/shared';
import { parseOrRefuse, refuse } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { sameSecret, type Session, type Sessions } from './sessions.ts';
import { toSessionUser, type Users } from './users.ts';
import { verifyPassword } from './passwords.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, type Via } from '../audit/audited.ts';
import type { AlertStore } from '../alerts/alert-store.ts';

export interface Authenticated {
  session: Session;
  user: SessionUser;
  actor: Actor;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Authenticated;
  }
}

/**
 * Sign-in failures allowed in the window before refusing: per account from one address (so a
 * stranger's guesses lock only their own address out of that account, never its owner at their
 * desk), per address (one guesser, many accounts), and per account from everywhere (a spread-out
 * attack, which then does lock the account for the window).
 */
const SIGN_IN_LIMITS = { perAccountAndAddress: 5, perAddress: 30, perAccount: 100, windowSeconds: 15 * 60 };

/** Handlers may be async; errors reach the error middleware. */
export const handle =
  (fn: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next: NextFunction) => {
    fn(req, res).catch(next);
  };

export function loadSession(sessions: Sessions, users: Users): RequestHandler {
  return (req, _res, next) => {
    resume(req).then(() => next(), next);
  };
  async function resume(req: Request): Promise<void> {
    const cookies = parseCookie(req.headers.cookie ?? '');
    const session = await sessions.resume(cookies[sessions.cookieName]);
    if (session) {
      const user = await users.get(session.userId);
      if (user && !user.disabled) {
        const sessionUser = toSessionUser(user);
        const { username: _u, agencyName: _a, roleLabel: _r, ...actor } = sessionUser;
        req.auth = { session, user: sessionUser, actor };
      }
    }
  }
}

/** Where a REST request came from, for the audit log. */
export function viaRest(req: Request): Via {
  return { channel: 'rest', ip: req.ip };
}

export function requireAuth(req: Request): Authenticated {
  if (!req.auth) refuse('unauthenticated', 'Sign in to continue (your session may have ended).');
  return req.auth;
}

/**
 * A state-changing request from a page of another origin is refused before anything else, sign-in
 * included (login CSRF). Browsers always send Origin on such requests; clients that are not
 * browsers send none and still need the session cookie and CSRF token.
 */
export function originGuard(isAllowedOrigin: (origin: string | undefined) => boolean): RequestHandler {
  return (req, _res, next) => {
    const unsafe = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (unsafe && req.headers.origin !== undefined && !isAllowedOrigin(req.headers.origin)) {
      refuse('forbidden', `Requests from ${req.headers.origin} are not allowed.`);
    }
    next();
  };
}

/** State-changing requests carry the session's CSRF token in a header a foreign page cannot set. */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const auth = requireAuth(req);
  const token = req.get('x-csrf-token');
  if (!token || !sameSecret(token, auth.session.csrfToken)) {
    refuse('forbidden', 'Missing or wrong X-CSRF-Token header: reload the page and try again.');
  }
  next();
};

/** The session cookie's Set-Cookie value (an empty value with maxAge 0 removes it). */
export function sessionCookie(sessions: Sessions, secure: boolean, value: string, maxAge: number): string {
  return serializeCookie(sessions.cookieName, value, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge });
}

/** The session that signing in again replaces: one cookie, one live session. */
export async function endPreviousSession(req: Request, sessions: Sessions, onSignOut: (sessionKey: string) => void): Promise<void> {
  const previous = req.auth?.session;
  if (previous) {
    await sessions.end(previous.key, previous.userId);
    onSignOut(previous.key);
  }
}

export function sessionRoutes(deps: {
  redis: RedisClient;
  sessions: Sessions;
  users: Users;
  cookieSecure: boolean;
  audit: AuditLog;
  alerts: AlertStore;
  onSignOut: (sessionKey: string) => void;
  /** Who may sign in with a password (MASH_LOCAL_SIGN_IN). */
  localSignIn: LocalSignIn;
  /** Words naming single sign-on when it is set up (for the refusal when passwords are off). */
  ssoLabel: string | null;
  /** The identity provider's sign-out page, offered after an SSO account signs out; null without one. */
  providerSignOutUrl: () => string | null;
}): Router {
  const { redis, sessions, users } = deps;
  const router = Router();
  const cookie = (value: string, maxAge: number) => sessionCookie(sessions, deps.cookieSecure, value, maxAge);

  /**
   * Count this attempt against each limit before the password is checked, in one step: parallel
   * attempts each take a number, so at most the limit are ever verified. A refused attempt gives
   * them back (the counts stay those of failed and pending checks); a success clears its account
   * and address pair and gives the others back (offices share addresses).
   */
  const counters = (username: string, ip: string) => [
    { key: keys.signInFailures(`account:${username}|address:${ip}`), limit: SIGN_IN_LIMITS.perAccountAndAddress },
    { key: keys.signInFailures(`address:${ip}`), limit: SIGN_IN_LIMITS.perAddress },
    { key: keys.signInFailures(`account:${username}`), limit: SIGN_IN_LIMITS.perAccount },
  ];
  async function countAttempt(subjects: { key: string }[]): Promise<number[]> {
    const tx = redis.multi();
    for (const { key } of subjects) tx.incr(key).expire(key, SIGN_IN_LIMITS.windowSeconds, 'NX');
    const replies = await execAll(tx);
    return subjects.map((_, i) => Number(replies[i * 2]));
  }
  /**
   * The account-wide limit locks the account for everyone until the window ends: tell the
   * administrators at once (one alert per account and window), so a locked-out colleague can be
   * helped and an attack seen.
   */
  async function alertAccountLocked(username: string): Promise<void> {
    const first = await redis.set(keys.signInFailures(`locked-alerted:${username}`), '1', 'EX', SIGN_IN_LIMITS.windowSeconds, 'NX');
    if (first === null) return;
    const now = new Date();
    const admins = (await users.list()).filter((u) => u.role === 'admin').map((u) => u.userId);
    if (admins.length === 0) return;
    await deps.alerts.raise({
      id: `account-locked|${username}|${Math.floor(now.getTime() / (SIGN_IN_LIMITS.windowSeconds * 1000))}`,
      kind: 'account-locked',
      caseId: '',
      caseReference: '',
      deadlineId: '',
      title: `Sign-in to ${username} is locked for ${SIGN_IN_LIMITS.windowSeconds / 60} minutes after ${SIGN_IN_LIMITS.perAccount} failed attempts from several addresses`,
      dueAt: new Date(now.getTime() + SIGN_IN_LIMITS.windowSeconds * 1000).toISOString(),
      raisedAt: now.toISOString(),
      recipients: admins,
      acknowledged: null,
    });
  }
  async function giveBack(subjects: { key: string }[]): Promise<void> {
    const tx = redis.multi();
    for (const { key } of subjects) tx.decr(key);
    await execAll(tx);
  }

  router.post(
    '/session',
    handle(async (req, res) => {
      const { username, password } = parseOrRefuse(SignInSchema, req.body);
      const name = username.toLowerCase();
      const subjects = counters(name, req.ip ?? 'unknown');
      const tried = { action: 'sign-in', objectType: 'user', detail: `username ${name.slice(0, 100)}`, channel: 'rest', ip: req.ip };
      if (deps.localSignIn === 'off') {
        await deps.audit.record({ ...tried, outcome: 'denied', detail: `${tried.detail}: signing in with a password is turned off` });
        refuse('forbidden', `Signing in with a Mashboard password is turned off on this server: use "${deps.ssoLabel ?? 'single sign-on'}".`);
      }
      const counts = await countAttempt(subjects);
      const over = subjects.findIndex((s, i) => counts[i]! > s.limit);
      if (over >= 0) {
        await giveBack(subjects);
        if (counts[2]! > SIGN_IN_LIMITS.perAccount) await alertAccountLocked(name);
        res.set('Retry-After', String(SIGN_IN_LIMITS.windowSeconds));
        await deps.audit.record({ ...tried, outcome: 'denied', detail: `${tried.detail}: throttled (${['account from this address', 'address', 'account'][over]})` });
        refuse('rate-limited', 'Too many failed sign-in attempts. Wait 15 minutes or ask an administrator to help.');
      }
      const user = await users.findByUsername(username);
      const passwordOk = await verifyPassword(user?.passwordHash, password);
      // With MASH_LOCAL_SIGN_IN=admins only administrators' break-glass accounts sign in with a
      // password; anyone else is answered exactly as a wrong password (nothing says it was right).
      const passwordsClosed = user !== null && deps.localSignIn === 'admins' && user.role !== 'admin';
      if (!user || !passwordOk || user.disabled || passwordsClosed) {
        await deps.audit.record({
          ...tried,
          outcome: 'failed',
          ...(user ? { objectId: user.id } : {}),
          ...(passwordOk && passwordsClosed ? { detail: `${tried.detail}: password sign-in is for administrators only` } : {}),
        });
        refuse('unauthenticated', 'The username or password is not right, or the account cannot sign in.');
      }
      const [pair, ...others] = subjects;
      await redis.del(pair!.key);
      await giveBack(others);
      await endPreviousSession(req, sessions, deps.onSignOut);
      const { cookieValue, session } = await sessions.start(user.id);
      const signedIn = toSessionUser(user);
      await deps.audit.record({ ...tried, outcome: 'succeeded', objectId: user.id, actor: auditActor({ userId: user.id, name: user.name, agency: user.agency, role: user.role }) });
      res.setHeader('Set-Cookie', cookie(cookieValue, Math.floor(deps.sessions.absoluteSeconds())));
      res.json({ user: signedIn, csrfToken: session.csrfToken });
    }),
  );

  router.get('/session', (req, res) => {
    const auth = requireAuth(req);
    res.json({ user: auth.user, csrfToken: auth.session.csrfToken });
  });

  router.delete(
    '/session',
    requireCsrf,
    handle(async (req, res) => {
      const auth = requireAuth(req);
      await sessions.end(auth.session.key, auth.session.userId);
      await deps.audit.record({ action: 'sign-out', outcome: 'succeeded', actor: auditActor(auth.actor), objectType: 'user', objectId: auth.actor.userId, ...viaRest(req) });
      deps.onSignOut(auth.session.key);
      res.setHeader('Set-Cookie', cookie('', 0));
      // Signed in through the identity provider: offer its sign-out too (the person may share the computer).
      const providerSignOutUrl = (await users.get(auth.actor.userId))?.sso ? deps.providerSignOutUrl() : null;
      if (providerSignOutUrl) res.json({ providerSignOutUrl });
      else res.status(204).end();
    }),
  );

  return router;
}
