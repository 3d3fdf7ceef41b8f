/**
 * Who may do what: one table for every command and query, deny by default. An action not in the
 * table is refused for everyone. The server enforces it (`server/src/policies.ts`: the gate, the
 * socket middleware, every handler); the client reads the same table to offer only what would be
 * allowed.
 */
import type { Actor, Role } from './agencies.ts';
import type { CommandName } from './contract.ts';
import type { MeetingCommandName } from './meetings.ts';

export type QueryName =
  | 'case.list'
  | 'case.read'
  | 'work.read'
  | 'users.list'
  | 'alerts.read'
  | 'alert.acknowledge'
  | 'timeliness-policy.read'
  | 'timeliness-policy.replace'
  | 'timeliness-report.read'
  | 'retention-schedule.read'
  | 'retention-schedule.replace'
  | 'decision-settings.read'
  | 'decision-settings.replace'
  | 'jobs.read'
  | 'users.admin'
  | 'agencies.admin'
  | 'audit.read'
  | 'sharing.preview'
  | 'sharing.export'
  | MeetingCommandName
  | 'meeting.read';
export type Action = CommandName | QueryName;

const CASE_WORKERS: Role[] = ['practitioner', 'duty-lead', 'mash-manager'];
const DECISION_MAKERS: Role[] = ['duty-lead', 'mash-manager'];
/** Retention decisions (keep, legal hold, erase) are a MASH manager's alone. */
const MANAGERS: Role[] = ['mash-manager'];

export const POLICY: Record<Action, readonly Role[]> = {
  'case.open': CASE_WORKERS,
  'case.assign-lead': DECISION_MAKERS,
  'case.change-status': DECISION_MAKERS,
  'people.add': CASE_WORKERS,
  'contribution.add': CASE_WORKERS,
  'contribution.correct': CASE_WORKERS,
  'voice.record': CASE_WORKERS,
  'voice.correct': CASE_WORKERS,
  'voice.record-absence': CASE_WORKERS,
  'rating.set': DECISION_MAKERS,
  'information.request': CASE_WORKERS,
  'information.answer': CASE_WORKERS,
  'strategy-discussion.decide': DECISION_MAKERS,
  'strategy-discussion.record-held': DECISION_MAKERS,
  'action.add': CASE_WORKERS,
  'action.complete': CASE_WORKERS,
  'deadline.change-due': DECISION_MAKERS,
  'sharing.decide': CASE_WORKERS,
  'decision.record': DECISION_MAKERS,
  'referrer-feedback.record': CASE_WORKERS,
  'decision.sign-off': MANAGERS,
  'retention.keep': MANAGERS,
  'retention.set-legal-hold': MANAGERS,
  'retention.erase': MANAGERS,
  'meeting.schedule': DECISION_MAKERS,
  'meeting.record-attendance': CASE_WORKERS,
  'meeting.start': CASE_WORKERS,
  'meeting.move': CASE_WORKERS,
  'meeting.reorder': CASE_WORKERS,
  'meeting.end': CASE_WORKERS,
  'meeting.sign-minutes': CASE_WORKERS,
  'meeting.read': CASE_WORKERS,
  'sharing.preview': CASE_WORKERS,
  'sharing.export': CASE_WORKERS,
  'case.list': CASE_WORKERS,
  'case.read': CASE_WORKERS,
  'work.read': CASE_WORKERS,
  'users.list': [...CASE_WORKERS, 'admin'],
  'alerts.read': [...CASE_WORKERS, 'admin'],
  'alert.acknowledge': [...CASE_WORKERS, 'admin'],
  'timeliness-policy.read': [...CASE_WORKERS, 'admin', 'auditor'],
  'timeliness-policy.replace': ['admin'],
  'timeliness-report.read': [...DECISION_MAKERS, 'admin', 'auditor'],
  'retention-schedule.read': [...CASE_WORKERS, 'admin', 'auditor'],
  'retention-schedule.replace': ['admin'],
  'decision-settings.read': [...CASE_WORKERS, 'admin', 'auditor'],
  'decision-settings.replace': ['admin'],
  'jobs.read': ['admin'],
  'users.admin': ['admin'],
  'agencies.admin': ['admin'],
  'audit.read': ['auditor'],
};

/** Whether someone of this role may do this action (deny by default: an unknown action, no one). */
export function mayDo(role: string, action: string): boolean {
  const roles = (POLICY as Record<string, readonly Role[] | undefined>)[action];
  return roles !== undefined && (roles as readonly string[]).includes(role);
}

export function isAllowed(actor: Pick<Actor, 'role'>, action: string): boolean {
  return mayDo(actor.role, action);
}

/*
 * Rules that depend on the thing acted on as well as the role. Each is checked by the command's
 * handler on the server (after the role gate) and read by the client to decide what to offer.
 */

/** Duty leads and MASH managers may act for anyone on a case's deadlines. */
export function isDecisionMaker(actor: Pick<Actor, 'role'>): boolean {
  return (DECISION_MAKERS as readonly string[]).includes(actor.role);
}

/** Only the agency that recorded an entry may correct it. */
export function mayCorrectEntry(entry: { agency: string }, actor: Pick<Actor, 'agency'>): boolean {
  return entry.agency === actor.agency;
}

/** The agency asked, or a duty lead or manager, may answer an information request. */
export function mayAnswerRequest(request: { agency?: string | undefined }, actor: Pick<Actor, 'agency' | 'role'>): boolean {
  return request.agency === actor.agency || isDecisionMaker(actor);
}

/** The action's owner, or a duty lead or manager, may complete it. */
export function mayCompleteAction(action: { owner?: { userId: string } | undefined }, actor: Pick<Actor, 'userId' | 'role'>): boolean {
  return action.owner?.userId === actor.userId || isDecisionMaker(actor);
}

/** Each agency records its own attendance at a meeting; the chair records anyone's. */
export function mayRecordAttendance(meeting: { chair: { userId: string } }, agency: string, actor: Pick<Actor, 'userId' | 'agency'>): boolean {
  return agency === actor.agency || meeting.chair.userId === actor.userId;
}

/** The roles that may do an action, e.g. to tell who may be chosen as a case's lead or an action's owner. */
export function rolesThatMay(action: Action): readonly Role[] {
  return POLICY[action];
}
