/**
 * The partner agencies that sit in the MASH, and the roles their staff hold on the board. No
 * schemas here (they are in primitives.ts): the sign-in page reads these names without loading zod.
 */

/** One partner agency of the MASH. An inactive one is kept so history still names it, but nothing new may name it. */
export interface Agency {
  id: string;
  name: string;
  active: boolean;
}

/** The partners every MASH has; an admin adds local ones (and may deactivate any) at run time. */
export const BUILT_IN_AGENCIES: readonly Agency[] = [
  { id: 'police', name: 'Police', active: true },
  { id: 'childrens-social-care', name: "Children's social care", active: true },
  { id: 'health', name: 'Health', active: true },
  { id: 'education', name: 'Education', active: true },
  { id: 'probation', name: 'Probation', active: true },
  { id: 'youth-justice', name: 'Youth justice', active: true },
  { id: 'housing', name: 'Housing', active: true },
  { id: 'voluntary-sector', name: 'Voluntary sector', active: true },
];

/**
 * The agencies known now: the built-in ones until the server (from its store) or the client (from
 * GET /api/agencies) sets the list. An array kept in place, so every module sees the current list.
 */
export const AGENCIES: Agency[] = BUILT_IN_AGENCIES.map((a) => ({ ...a }));

export function setAgencies(list: readonly Agency[]): void {
  AGENCIES.splice(0, AGENCIES.length, ...list.map((a) => ({ ...a })));
}

/** An agency's id: lower-case letters, digits and "-". */
export type AgencyId = string;
export const AGENCY_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/** The agencies that may be chosen for anything new (read at render time: the list can change). */
export function activeAgencies(): Agency[] {
  return AGENCIES.filter((a) => a.active);
}

export function agencyName(id: string): string {
  return AGENCIES.find((a) => a.id === id)?.name ?? id;
}

export const ROLES = ['practitioner', 'duty-lead', 'mash-manager', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  'duty-lead': 'Duty lead',
  'mash-manager': 'MASH manager',
  admin: 'Administrator',
  auditor: 'Auditor',
};

/** Who did something: always taken from the signed-in session, never from a payload. */
export interface Actor {
  userId: string;
  name: string;
  agency: AgencyId;
  role: Role;
}

/** A person named on a case (its lead, an action's owner, a meeting's chair): who, by name and agency. */
export interface PersonRef {
  userId: string;
  name: string;
  agency: string;
}
