/**
 * Enforcing who may do what: the table itself (`POLICY`, action → roles) is in
 * `shared/src/abilities.ts`, read by the client too; here every REST route and socket event is
 * mapped to an action, and `authorize` refuses what the table does not allow.
 */
import { COMMAND_NAMES, COMMAND_ROUTES, isAllowed, MEETING_COMMAND_NAMES, MEETING_COMMAND_ROUTES, type Action, type Actor } from '@mashboard/shared';
import { refuse } from './errors.ts';

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
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/session': 'public',
  'GET /api/demo-accounts': 'public',
  'GET /api/session': 'signed-in',
  'DELETE /api/session': 'signed-in',
  'GET /api/sign-in-methods': 'public',
  'GET /api/sso/start': 'public',
  'GET /api/sso/callback': 'public',
  'GET /api/admin/sign-in': 'users.admin',
  'GET /api/cases': 'case.list',
  'GET /api/cases/:caseId': 'case.read',
  'GET /api/cases/:caseId/events': 'case.read',
  'GET /api/cases/:caseId/chronology': 'case.read',
  'GET /api/cases/:caseId/previous-involvement': 'case.read',
  'POST /api/previous-involvement/search': 'case.list',
  'POST /api/search': 'case.list',
  'GET /api/my-work': 'work.read',
  'GET /api/users': 'users.list',
  ...Object.fromEntries(COMMAND_NAMES.map((name) => [`POST ${COMMAND_ROUTES[name]}`, name])),
  'GET /api/alerts': 'alerts.read',
  'POST /api/alerts/:alertId/acknowledge': 'alert.acknowledge',
  'GET /api/timeliness-policy': 'timeliness-policy.read',
  'PUT /api/timeliness-policy': 'timeliness-policy.replace',
  'POST /api/timeliness-policy/bank-holidays': 'timeliness-policy.replace',
  'GET /api/reports/timeliness': 'timeliness-report.read',
  'GET /api/reports/timeliness.csv': 'timeliness-report.read',
  'GET /api/retention-schedule': 'retention-schedule.read',
  'PUT /api/retention-schedule': 'retention-schedule.replace',
  'GET /api/decision-settings': 'decision-settings.read',
  'PUT /api/decision-settings': 'decision-settings.replace',
  'GET /api/admin/jobs/failed': 'jobs.read',
  'GET /api/admin/users': 'users.admin',
  'POST /api/admin/users': 'users.admin',
  'POST /api/admin/users/:userId/disable': 'users.admin',
  'POST /api/admin/users/:userId/enable': 'users.admin',
  'POST /api/admin/users/:userId/role': 'users.admin',
  'POST /api/admin/users/:userId/password': 'users.admin',
  'POST /api/admin/users/:userId/end-sessions': 'users.admin',
  'GET /api/audit': 'audit.read',
  'GET /api/audit.csv': 'audit.read',
  'GET /api/audit/cases': 'audit.read',
  'GET /api/agencies': 'signed-in',
  'POST /api/admin/agencies': 'agencies.admin',
  'POST /api/admin/agencies/:agencyId': 'agencies.admin',
  'GET /api/audit/users': 'audit.read',
  'POST /api/audit/children': 'audit.read',
  'GET /api/audit/record': 'audit.read',
  'GET /api/audit/access-report': 'audit.read',
  'POST /api/cases/:caseId/share-pack-preview': 'sharing.preview',
  ...Object.fromEntries(MEETING_COMMAND_NAMES.map((name) => [`POST ${MEETING_COMMAND_ROUTES[name]}`, name])),
  'GET /api/meetings': 'meeting.read',
  'GET /api/meetings/:meetingId': 'meeting.read',
  'GET /api/meetings/:meetingId/invitation.ics': 'meeting.read',
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
