/** The audit log in words, for the auditor's page: actions, outcomes, channels; pure. */
import { agencyName, ROLE_LABELS, type AuditRecord, type Role } from '@mashboard/shared';

export type AuditOutcome = AuditRecord['outcome'];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['allowed', 'succeeded', 'denied', 'failed'];

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  allowed: 'Allowed',
  succeeded: 'Succeeded',
  denied: 'Denied',
  failed: 'Failed',
};

/** Each action: what was done (past tense) and the bare verb phrase (for "Refused: …"). */
const ACTIONS: Record<string, [done: string, verb: string]> = {
  'case.open': ['Opened the case', 'open a case'],
  'case.read': ['Read the case', 'read the case'],
  'case.events.read': ["Read the case's changes", "read the case's changes"],
  'case.join': ['Opened the live case board', 'open the live case board'],
  'case.catch-up': ["Caught up with the case's changes", "catch up with the case's changes"],
  'case.list': ['Listed the cases', 'list the cases'],
  'work.read': ['Read their own work (cases led, actions, requests to their agency)', 'read their own work'],
  'cases.watch': ['Watched the case list', 'watch the case list'],
  'case.assign-lead': ['Assigned the lead', 'assign the lead'],
  'case.change-status': ['Changed the status', 'change the status'],
  'people.add': ['Added people or addresses', 'add people or addresses'],
  'contribution.add': ['Added a contribution', 'add a contribution'],
  'contribution.correct': ['Corrected a contribution', 'correct a contribution'],
  'voice.record': ["Recorded the child's voice", "record the child's voice"],
  'voice.correct': ["Corrected a child's voice entry", "correct a child's voice entry"],
  'voice.record-absence': ["Recorded why there is no child's voice", "record why there is no child's voice"],
  'rating.set': ['Rated the case', 'rate the case'],
  'information.request': ['Requested information', 'request information'],
  'information.answer': ['Answered an information request', 'answer an information request'],
  'strategy-discussion.decide': ['Decided on a strategy discussion', 'decide on a strategy discussion'],
  'strategy-discussion.record-held': ['Recorded a strategy discussion as held', 'record a strategy discussion as held'],
  'action.add': ['Added an action', 'add an action'],
  'action.complete': ['Completed an action', 'complete an action'],
  'deadline.change-due': ['Changed a due time', 'change a due time'],
  'sharing.decide': ['Recorded a sharing decision', 'record a sharing decision'],
  'sharing.export': ['Exported a share pack', 'export a share pack'],
  'sign-in': ['Signed in', 'sign in'],
  'sign-out': ['Signed out', 'sign out'],
  'users.list': ['Listed the users', 'list the users'],
  'users.read': ['Listed the user accounts', 'list the user accounts'],
  'user.create': ['Created an account', 'create an account'],
  'user.disable': ['Disabled an account', 'disable an account'],
  'user.enable': ['Enabled an account', 'enable an account'],
  'user.role-change': ["Changed an account's role", "change an account's role"],
  'user.password-reset': ['Reset a password', 'reset a password'],
  'user.sessions-end': ["Ended an account's sessions", "end an account's sessions"],
  'audit.read': ['Read the audit log', 'read the audit log'],
  'alerts.read': ['Read their alerts', 'read their alerts'],
  'alert.acknowledge': ['Acknowledged an alert', 'acknowledge an alert'],
  'timeliness-policy.read': ['Read the timeliness policy', 'read the timeliness policy'],
  'timeliness-policy.replace': ['Changed the timeliness policy', 'change the timeliness policy'],
  'timeliness-report.read': ['Read the timeliness report', 'read the timeliness report'],
  'jobs.read': ['Read the failed jobs', 'read the failed jobs'],
  'case.chronology.read': ["Read the case's chronology", "read the case's chronology"],
  'case.previous-involvement.read': ['Checked for previous involvement', 'check for previous involvement'],
  'case.search': ['Searched records', 'search records'],
  'decision.record': ['Recorded a decision', 'record a decision'],
  'sharing.preview': ['Previewed a share pack', 'preview a share pack'],
  'meeting.list': ['Listed the meetings', 'list the meetings'],
  'meeting.read': ['Read a meeting', 'read a meeting'],
  'meeting.schedule': ['Scheduled a meeting', 'schedule a meeting'],
  'meeting.start': ['Started a meeting', 'start a meeting'],
  'meeting.move': ['Moved a meeting to another agenda item', 'move a meeting to another agenda item'],
  'meeting.reorder': ["Reordered a meeting's agenda", "reorder a meeting's agenda"],
  'meeting.record-attendance': ['Recorded attendance at a meeting', 'record attendance at a meeting'],
  'meeting.end': ['Ended a meeting', 'end a meeting'],
  'meeting.sign-minutes': ['Signed off the minutes', 'sign off the minutes'],
  'minutes.export': ['Exported the minutes', 'export the minutes'],
  'agency.create': ['Added an agency', 'add an agency'],
  'agency.change': ['Changed an agency', 'change an agency'],
  'audit.case-lookup': ["Looked up a case's audit log", "look up a case's audit log"],
  'audit.users-read': ['Listed the users for the audit log', 'list the users for the audit log'],
};

/**
 * The action in words, given how it ended: "Added a contribution", "Refused: read the case",
 * "Tried to add a contribution" (failed), "Sign-in refused" for a throttled sign-in. An action
 * this page does not know is shown as recorded.
 */
export function auditActionText(action: string, outcome: AuditOutcome): string {
  const known = ACTIONS[action];
  if (!known) return outcome === 'denied' ? `Refused: ${action}` : outcome === 'failed' ? `Tried: ${action}` : action;
  const [done, verb] = known;
  if (outcome === 'denied') return `Refused: ${verb}`;
  if (outcome === 'failed') return action === 'sign-in' ? 'Failed to sign in' : `Tried to ${verb}`;
  return done;
}

/** "Web request" / "Live connection" / … for the channel a record came through. */
export function channelText(channel: string | undefined): string {
  switch (channel) {
    case 'rest':
      return 'Web request';
    case 'socket':
      return 'Live connection';
    case 'cli':
      return 'Command line';
    case 'system':
      return 'System';
    case undefined:
    case '':
      return 'Not recorded';
    default:
      return channel;
  }
}

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
export function sortAudit(entries: readonly AuditRecord[]): AuditRecord[] {
  return [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
}

export function filterAudit(entries: readonly AuditRecord[], outcome: AuditOutcome | ''): AuditRecord[] {
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
