/**
 * Single sign-on (OpenID Connect): how the claims an identity provider vouches for become an
 * agency and a role on the board, and what the sign-in page and the admin page are told about it.
 * The mapping is configuration (OIDC_MAPPING_FILE), validated by this schema at start-up; the same
 * pure function decides every sign-in, so the admin page shows exactly the rules the server runs.
 */
import { z } from 'zod';
import { LOCAL_SIGN_IN_MODES, type LocalSignIn, type SignInMethods } from './sign-in.ts';
import { AGENCY_ID_PATTERN, type AgencyId, type Role } from './agencies.ts';
import { RoleSchema } from './primitives.schema.ts';

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

/* Answer schemas (the API document); sign-in.ts stays free of zod for the sign-in page. */
export const SignInMethodsSchema = z.object({ local: z.enum(LOCAL_SIGN_IN_MODES), sso: z.object({ label: z.string() }).nullable() }) satisfies z.ZodType<SignInMethods>;
export const SignInSettingsSchema = z.object({
  local: z.enum(LOCAL_SIGN_IN_MODES),
  sso: z
    .object({
      label: z.string(),
      issuer: z.string(),
      clientId: z.string(),
      redirectUri: z.string(),
      scopes: z.array(z.string()),
      usernameClaim: z.string(),
      mapping: SsoMappingSchema,
    })
    .nullable(),
}) satisfies z.ZodType<SignInSettings>;
