/** A MASH contact (a case): the children it concerns, where it came from, its statuses and the commands that open and change it (its summary: `CaseSummary`, in model.ts). */
import type { z } from 'zod';
import { AGENCIES, agencyName } from './agencies.ts';
import type { ChildInputSchema, OpenCaseSchema, AddPeopleSchema } from './cases.schema.ts';

export const CASE_STATUSES = ['new', 'in-progress', 'awaiting-information', 'decided', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'New contact',
  'in-progress': 'In triage',
  'awaiting-information': 'Awaiting information',
  decided: 'Decided',
  closed: 'Closed',
};

export const REFERRAL_SOURCES = [
  'police',
  'childrens-social-care',
  'health',
  'education',
  'probation',
  'youth-justice',
  'housing',
  'voluntary-sector',
  'family-member',
  'member-of-public',
  'anonymous',
  'self-referral',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** Who referred, in words: an agency's name, or one of the sources that are not agencies. */
const OTHER_SOURCE_LABELS: Record<string, string> = {
  'family-member': 'Family member',
  'member-of-public': 'Member of the public',
  anonymous: 'Anonymous',
  'self-referral': 'Self-referral (the child or young person)',
};

export function referralSourceLabel(source: string): string {
  if (AGENCIES.some((a) => a.id === source)) return agencyName(source);
  return OTHER_SOURCE_LABELS[source] ?? source;
}
export type ChildInput = z.infer<typeof ChildInputSchema>;

export interface Child extends ChildInput {
  id: string;
}
export type OpenCaseInput = z.infer<typeof OpenCaseSchema>;
export type AddPeopleInput = z.infer<typeof AddPeopleSchema>;
