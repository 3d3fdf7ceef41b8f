/** The partner agencies that sit in the MASH, and the roles their staff hold on the board. */
import { z } from 'zod';

export const AGENCIES = [
  { id: 'police', name: 'Police' },
  { id: 'childrens-social-care', name: "Children's social care" },
  { id: 'health', name: 'Health' },
  { id: 'education', name: 'Education' },
  { id: 'probation', name: 'Probation' },
  { id: 'youth-justice', name: 'Youth justice' },
  { id: 'housing', name: 'Housing' },
  { id: 'voluntary-sector', name: 'Voluntary sector' },
] as const;

export type AgencyId = (typeof AGENCIES)[number]['id'];
export const AgencyIdSchema = z.enum(AGENCIES.map((a) => a.id) as [AgencyId, ...AgencyId[]], {
  error: `must be one of: ${AGENCIES.map((a) => a.id).join(', ')}`,
});

export function agencyName(id: string): string {
  return AGENCIES.find((a) => a.id === id)?.name ?? id;
}

export const ROLES = ['practitioner', 'duty-lead', 'mash-manager', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

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
