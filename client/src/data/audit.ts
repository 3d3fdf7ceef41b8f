/** The audit log in words, for the auditor's page: actions, outcomes, channels; pure. */
import { agencyName, ROLE_LABELS, type AuditOutcome, type AuditRecord, type Role } from '@mashboard/shared';

export { AUDIT_OUTCOMES, OUTCOME_LABELS, auditActionText, auditChannelText as channelText, type AuditOutcome } from '@mashboard/shared';

/** "Tom Morgan, Education, Practitioner" – or who it was not known to be. */
export function actorText(actor: AuditRecord['actor']): string {
  if (!actor) return 'Not signed in';
  return `${actor.name}, ${agencyName(actor.agency)}, ${ROLE_LABELS[actor.role as Role] ?? actor.role}`;
}

/** What the refusal code or detail means, in words (the detail as recorded otherwise). */
export function detailText(detail: string | undefined): string {
  switch (detail) {
    case undefined:
    case '':
      return '';
    case 'forbidden':
      return 'Not allowed for their role';
    case 'unauthenticated':
      return 'Not signed in';
    case 'invalid':
      return 'Invalid request';
    case 'not-found':
      return 'Not found';
    case 'not-shared':
      return 'Case not shared with their agency (answered as not found)';
    case 'conflict':
      return 'Conflict (changed by someone else)';
    case 'rate-limited':
      return 'Too many requests';
    case 'internal':
      return 'Server error';
    case 'duplicate':
      return 'Sent twice (kept once)';
    default:
      return detail;
  }
}

/** Newest first (then by id, so records of the same millisecond keep a stable order). */
export function sortAudit<T extends Pick<AuditRecord, 'at' | 'id'>>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

export function filterAudit<T extends Pick<AuditRecord, 'outcome'>>(entries: readonly T[], outcome: AuditOutcome | ''): T[] {
  return outcome ? entries.filter((e) => e.outcome === outcome) : [...entries];
}

/**
 * A case id from what an auditor pastes: the id itself, or a board's address
 * ("https://…/#/cases/abc123"). Null when it cannot be an id.
 */
export function caseIdFromInput(input: string): string | null {
  const text = input.trim();
  const fromUrl = /#\/cases\/([A-Za-z0-9_-]{1,64})/.exec(text);
  if (fromUrl) return fromUrl[1]!;
  return /^[A-Za-z0-9_-]{1,64}$/.test(text) ? text : null;
}

/** A user id as typed (ids only: letters, digits, "_" and "-"). */
export function userIdFromInput(input: string): string | null {
  const text = input.trim();
  return /^[A-Za-z0-9_-]{1,64}$/.test(text) ? text : null;
}
