/**
 * Single sign-on (OpenID Connect): how the claims an identity provider vouches for become an
 * agency and a role on the board, and what the sign-in page and the admin page are told about it.
 * The mapping is configuration (OIDC_MAPPING_FILE), validated by this schema at start-up; the same
 * pure function decides every sign-in, so the admin page shows exactly the rules the server runs.
 */
import { z } from 'zod';
import { AGENCY_ID_PATTERN, type AgencyId, type Role } from './agencies.ts';
import { RoleSchema } from './primitives.ts';

/** A claim's name: letters, digits and `_ - . : /` (Entra's group and role claims are `groups`, `roles`). */
const CLAIM_NAME = /^[A-Za-z0-9_.:/-]{1,100}$/;

export const SsoMappingRuleSchema = z
  .object({
    /** The ID-token claim to look at, e.g. `groups` or `roles`. */
    claim: z.string({ error: 'claim is required' }).regex(CLAIM_NAME, 'must be a claim name such as "groups" or "roles"'),
    /** The value it must hold (equal, or one item of a list), e.g. an Entra group's object id. */
    value: z.string({ error: 'value is required' }).min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    /** The agency a person matched by this rule works for. */
    agency: z.string({ error: 'agency is required' }).regex(AGENCY_ID_PATTERN, 'must be an agency id such as "police"'),
    /** Their role on the board. */
    role: RoleSchema,
    /** What the rule is, for the admin page, e.g. "MASH police team (Entra group)". */
    label: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  })
  .strict();
export type SsoMappingRule = z.infer<typeof SsoMappingRuleSchema>;

/** The rules in order: the first that matches decides; a person no rule matches is refused. */
export const SsoMappingSchema = z
  .object({
    rules: z.array(SsoMappingRuleSchema).min(1, 'give at least one rule: with none, nobody could sign in'),
  })
  .strict();
export type SsoMapping = z.infer<typeof SsoMappingSchema>;

export interface MappedAccess {
  agency: AgencyId;
  role: Role;
  /** Which rule decided (0-based), for the audit log. */
  ruleIndex: number;
}

/** Does a claim hold this value (a string equal to it, or a list with it as one item)? */
function holds(claim: unknown, value: string): boolean {
  if (typeof claim === 'string') return claim === value;
  if (Array.isArray(claim)) return claim.some((item) => item === value);
  return false;
}

/** The agency and role the first matching rule gives these claims, or null when no rule applies. */
export function mapClaims(mapping: SsoMapping, claims: Readonly<Record<string, unknown>>): MappedAccess | null {
  const ruleIndex = mapping.rules.findIndex((rule) => holds(claims[rule.claim], rule.value));
  if (ruleIndex < 0) return null;
  const rule = mapping.rules[ruleIndex]!;
  return { agency: rule.agency, role: rule.role, ruleIndex };
}

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

/** `GET /api/admin/sign-in`: how people sign in, for the admin page (no secret is ever included). */
export interface SignInSettings {
  local: LocalSignIn;
  sso: {
    label: string;
    issuer: string;
    clientId: string;
    redirectUri: string;
    scopes: string[];
    /** The claim used as the username of an account first seen through single sign-on. */
    usernameClaim: string;
    mapping: SsoMapping;
  } | null;
}

/**
 * Why a single sign-on attempt did not sign anyone in: the callback sends the browser back to the
 * sign-in page with `?sso-error=<reason>`, and the page explains it in words.
 */
export const SSO_FAILURES = ['no-mapping', 'disabled', 'expired', 'refused-by-provider', 'invalid-response', 'username-taken', 'misconfigured', 'unavailable'] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

export const SSO_FAILURE_MESSAGES: Record<SsoFailure, string> = {
  'no-mapping':
    'Your organisation account signed in, but it is not in any group that gives access to Mashboard. Ask your manager or IT service desk to add you to the right group.',
  disabled: 'Your Mashboard account is disabled. Ask a Mashboard administrator if you need access again.',
  expired: 'The sign-in took too long or was started in another window. Start again.',
  'refused-by-provider': 'Your organisation’s sign-in service did not sign you in. Start again, or ask your IT service desk.',
  'invalid-response':
    'The answer from your organisation’s sign-in service could not be trusted, so you were not signed in. Start again; if it happens again, tell your IT service desk.',
  'username-taken':
    'A Mashboard account with your username already exists and signs in with a password. Ask a Mashboard administrator to sort it out.',
  misconfigured: 'Single sign-on is not set up correctly, so nobody can sign in with it. Tell your IT service desk.',
  unavailable: 'Mashboard could not finish signing you in. Try again in a minute.',
};

export function isSsoFailure(value: unknown): value is SsoFailure {
  return typeof value === 'string' && (SSO_FAILURES as readonly string[]).includes(value);
}
