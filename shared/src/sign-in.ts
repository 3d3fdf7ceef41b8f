/**
 * What the sign-in page is told and says: the ways in, and why a single sign-on attempt failed,
 * in words. No schemas here, so the sign-in page loads without zod.
 */

/**
 * Who may sign in with a Mashboard password: everyone (`on`, small deployments), only
 * administrators (`admins`: break-glass accounts beside single sign-on), or nobody (`off`).
 */
export const LOCAL_SIGN_IN_MODES = ['on', 'admins', 'off'] as const;
export type LocalSignIn = (typeof LOCAL_SIGN_IN_MODES)[number];

/** `GET /api/sign-in-methods`: what the sign-in page offers. */
export interface SignInMethods {
  local: LocalSignIn;
  /** Single sign-on, when configured: the button's words, e.g. "Sign in with Microsoft". */
  sso: { label: string } | null;
}

/**
 * Why a single sign-on attempt did not sign anyone in: the callback sends the browser back to the
 * sign-in page with `?sso-error=<reason>`, and the page explains it in words.
 */
export const SSO_FAILURES = ['no-mapping', 'disabled', 'expired', 'refused-by-provider', 'invalid-response', 'username-taken', 'misconfigured', 'unavailable'] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

export const SSO_FAILURE_MESSAGES: Record<SsoFailure, string> = {
  'no-mapping': 'Your organisation account signed in, but it is not in any group that gives access to Mashboard. Ask your manager or IT service desk to add you to the right group.',
  disabled: 'Your Mashboard account is disabled. Ask a Mashboard administrator if you need access again.',
  expired: 'The sign-in took too long or was started in another window. Start again.',
  'refused-by-provider': 'Your organisation’s sign-in service did not sign you in. Start again, or ask your IT service desk.',
  'invalid-response': 'The answer from your organisation’s sign-in service could not be trusted, so you were not signed in. Start again; if it happens again, tell your IT service desk.',
  'username-taken': 'A Mashboard account with your username already exists and signs in with a password. Ask a Mashboard administrator to sort it out.',
  misconfigured: 'Single sign-on is not set up correctly, so nobody can sign in with it. Tell your IT service desk.',
  unavailable: 'Mashboard could not finish signing you in. Try again in a minute.',
};

export function isSsoFailure(value: unknown): value is SsoFailure {
  return typeof value === 'string' && (SSO_FAILURES as readonly string[]).includes(value);
}
