/** How the sharing form names a contribution and a party (who asked, who receives). */
import { agencyName, type ContributionEntry } from '@mashboard/shared';
import type { SharingDraft } from '../../data/sharing.ts';
import { latestContent } from '../restricted.ts';

export function contributionTitle(entry: ContributionEntry): string {
  const c = latestContent(entry);
  if (!c) return `Restricted entry from ${agencyName(entry.agency)}`;
  // Long enough to tell entries apart; cut at a word, never mid-word (the preview shows it whole).
  const text = c.text.length > 180 ? `${c.text.slice(0, 180).replace(/\s+\S*$/, '')}…` : c.text;
  return `${agencyName(entry.agency)}: ${text}`;
}

function partyText(kind: string, agency: string, organisation: string, role: string, person: string): string {
  const where = kind === 'agency' ? agencyName(agency) : organisation.trim();
  const who = [person.trim(), role.trim()].filter(Boolean).join(', ');
  return where ? `${where}${who ? ` (${who})` : ''}` : who;
}

/** Who asked, in words. */
export function requesterText(d: SharingDraft): string {
  return partyText(d.requesterKind, d.requesterAgency, d.requesterOrganisation, d.requesterRole, d.requesterPerson);
}

/** Who receives it, in words. */
export function recipientDraftText(d: SharingDraft): string {
  return d.recipientKind === 'requester' ? `Whoever asked: ${requesterText(d)}` : partyText(d.recipientKind, d.recipientAgency, d.recipientOrganisation, d.recipientRole, d.recipientPerson);
}
