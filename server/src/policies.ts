/**
 * Who may do what: one table for every command and query, deny by default. An action not in
 * the table is refused for everyone.
 */
import {
  COMMAND_NAMES,
  COMMAND_ROUTES,
  MEETING_COMMAND_NAMES,
  MEETING_COMMAND_ROUTES,
  type Actor,
  type CommandName,
  type MeetingCommandName,
  type Role,
} from '@mashboard/shared';
import { refuse } from './errors.ts';

export type QueryName =
  | 'case.list'
  | 'case.read'
  | 'users.list'
  | 'alerts.read'
  | 'alert.acknowledge'
  | 'timeliness-policy.read'
  | 'timeliness-policy.replace'
  | 'timeliness-report.read'
  | 'retention-schedule.read'
  | 'retention-schedule.replace'
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
  'retention.keep': MANAGERS,
  'retention.set-legal-hold': MANAGERS,
  'retention.erase': MANAGERS,
  'meeting.schedule': DECISION_MAKERS,
  'meeting.record-attendance': CASE_WORKERS,
  'meeting.start': CASE_WORKERS,
  'meeting.move': CASE_WORKERS,
  'meeting.end': CASE_WORKERS,
  'meeting.sign-minutes': CASE_WORKERS,
  'meeting.read': CASE_WORKERS,
  'sharing.preview': CASE_WORKERS,
  'sharing.export': CASE_WORKERS,
  'case.list': CASE_WORKERS,
  'case.read': CASE_WORKERS,
  'users.list': [...CASE_WORKERS, 'admin'],
  'alerts.read': CASE_WORKERS,
  'alert.acknowledge': CASE_WORKERS,
  'timeliness-policy.read': [...CASE_WORKERS, 'admin', 'auditor'],
  'timeliness-policy.replace': ['admin'],
  'timeliness-report.read': [...DECISION_MAKERS, 'admin', 'auditor'],
  'retention-schedule.read': [...CASE_WORKERS, 'admin', 'auditor'],
  'retention-schedule.replace': ['admin'],
  'jobs.read': ['admin'],
  'users.admin': ['admin'],
  'agencies.admin': ['admin'],
  'audit.read': ['auditor'],
};

export function isAllowed(actor: Actor, action: string): boolean {
  const roles = (POLICY as Record<string, readonly Role[] | undefined>)[action];
  return roles !== undefined && roles.includes(actor.role);
}

export function authorize(actor: Actor, action: Action): void {
  if (!isAllowed(actor, action)) refuse('forbidden', `Your role (${actor.role}) may not do ${action}.`);
}

/** What a route or socket event needs: anyone (`public`), any signed-in user, or an action's roles. */
export type Requirement = Action | 'public' | 'signed-in';

/**
 * Every REST route, `METHOD /api/path`, and what it needs. The gate in front of the routers
 * refuses a request that matches no entry (deny by default) and checks the roles of the entry it
 * matches; a test walks the application's routes and fails on any route missing here.
 */
export const ROUTE_POLICY: Record<string, Requirement> = {
  'GET /api/health': 'public',
  'POST /api/session': 'public',
  'GET /api/demo-accounts': 'public',
  'GET /api/session': 'signed-in',
  'DELETE /api/session': 'signed-in',
  'GET /api/cases': 'case.list',
  'GET /api/cases/:caseId': 'case.read',
  'GET /api/cases/:caseId/events': 'case.read',
  'GET /api/cases/:caseId/chronology': 'case.read',
  'GET /api/cases/:caseId/previous-involvement': 'case.read',
  'POST /api/previous-involvement/search': 'case.list',
  'POST /api/search': 'case.list',
  'GET /api/users': 'users.list',
  ...Object.fromEntries(COMMAND_NAMES.map((name) => [`POST ${COMMAND_ROUTES[name]}`, name])),
  'GET /api/alerts': 'alerts.read',
  'POST /api/alerts/:alertId/acknowledge': 'alert.acknowledge',
  'GET /api/timeliness-policy': 'timeliness-policy.read',
  'PUT /api/timeliness-policy': 'timeliness-policy.replace',
  'GET /api/reports/timeliness': 'timeliness-report.read',
  'GET /api/retention-schedule': 'retention-schedule.read',
  'PUT /api/retention-schedule': 'retention-schedule.replace',
  'GET /api/admin/jobs/failed': 'jobs.read',
  'GET /api/admin/users': 'users.admin',
  'POST /api/admin/users': 'users.admin',
  'POST /api/admin/users/:userId/disable': 'users.admin',
  'POST /api/admin/users/:userId/enable': 'users.admin',
  'POST /api/admin/users/:userId/role': 'users.admin',
  'POST /api/admin/users/:userId/password': 'users.admin',
  'POST /api/admin/users/:userId/end-sessions': 'users.admin',
  'GET /api/audit': 'audit.read',
  'GET /api/audit/cases': 'audit.read',
  'GET /api/agencies': 'signed-in',
  'POST /api/admin/agencies': 'agencies.admin',
  'POST /api/admin/agencies/:agencyId': 'agencies.admin',
  'GET /api/audit/users': 'audit.read',
  'POST /api/cases/:caseId/share-pack-preview': 'sharing.preview',
  ...Object.fromEntries(MEETING_COMMAND_NAMES.map((name) => [`POST ${MEETING_COMMAND_ROUTES[name]}`, name])),
  'GET /api/meetings': 'meeting.read',
  'GET /api/meetings/:meetingId': 'meeting.read',
  'POST /api/meetings/:meetingId/minutes/exports': 'meeting.read',
  'POST /api/cases/:caseId/sharing-decisions/:decisionId/exports': 'sharing.export',
};

/** Every socket event a client may send, and what it needs; any other event is refused. */
export const SOCKET_POLICY: Record<string, Requirement> = {
  ...Object.fromEntries(COMMAND_NAMES.map((name) => [name, name])),
  'case.join': 'case.read',
  'case.catch-up': 'case.read',
  'case.leave': 'signed-in',
  'cases.watch': 'case.list',
  'alert.acknowledge': 'alert.acknowledge',
  ...Object.fromEntries(MEETING_COMMAND_NAMES.map((name) => [name, name])),
  'meeting.join': 'meeting.read',
  'meeting.leave': 'signed-in',
  'meetings.watch': 'meeting.read',
};

/** Does this actor (or nobody, when signed out) meet the requirement? */
export function meets(actor: Actor | undefined, requirement: Requirement): 'ok' | 'unauthenticated' | 'forbidden' {
  if (requirement === 'public') return 'ok';
  if (!actor) return 'unauthenticated';
  if (requirement === 'signed-in') return 'ok';
  return isAllowed(actor, requirement) ? 'ok' : 'forbidden';
}
